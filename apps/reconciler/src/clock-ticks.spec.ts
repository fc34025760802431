import { tickDue } from './clock-ticks';

describe('tickDue: when the reconciler writes the wall clock into a quiet log', () => {
  it('ticks once a recheck is due by the wall clock, not before', () => {
    expect(tickDue(1_000, 999, Number.NEGATIVE_INFINITY, 1_000)).toBe(false);
    expect(tickDue(1_000, 1_000, Number.NEGATIVE_INFINITY, 1_000)).toBe(true);
  });

  it('does not tick with no recheck pending, or when ticks are off', () => {
    expect(tickDue(undefined, 5_000, Number.NEGATIVE_INFINITY, 1_000)).toBe(false);
    expect(tickDue(1_000, 5_000, Number.NEGATIVE_INFINITY, 0)).toBe(false);
  });

  it('leaves the least interval between two ticks, so rechecks due one after another cost one tick per interval', () => {
    expect(tickDue(4_500, 5_000, 4_200, 1_000)).toBe(false);
    expect(tickDue(4_500, 5_200, 4_200, 1_000)).toBe(true);
  });
});
