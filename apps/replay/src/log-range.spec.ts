import { parseBound, parseRange } from './log-range';

describe('log bounds and ranges (--from, --to)', () => {
  it('a bound is a position, a date (midnight UTC) or an RFC 3339 time', () => {
    expect(parseBound('1200', '--from')).toEqual({ kind: 'position', position: 1200 });
    expect(parseBound('2026-05-01', '--from')).toEqual({ kind: 'date', at: Date.parse('2026-05-01T00:00:00Z') });
    expect(parseBound('2026-05-01T14:00:00+02:00', '--to')).toEqual({ kind: 'date', at: Date.parse('2026-05-01T12:00:00Z') });
  });

  it('a day the calendar does not have is refused, not rolled over into the next month', () => {
    expect(() => parseBound('2026-02-30', '--from')).toThrow(expect.objectContaining({ code: 'invalid-bound', message: expect.stringMatching(/^--from 2026-02-30: expected/) }));
    expect(() => parseBound('2026-02-30T00:00:00Z', '--to')).toThrow(expect.objectContaining({ code: 'invalid-bound' }));
    expect(() => parseBound('last tuesday', '--to')).toThrow(expect.objectContaining({ code: 'invalid-bound' }));
  });

  it('a range that starts after it ends is refused, naming both bounds', () => {
    expect(() => parseRange('300', '100')).toThrow(expect.objectContaining({ code: 'invalid-bound', message: expect.stringMatching(/^--from 300 is after --to 100/) }));
    expect(() => parseRange('2026-05-31', '2026-05-01')).toThrow(expect.objectContaining({ code: 'invalid-bound' }));
  });

  it('a range of one position or one instant, an open end, or a position against a date is left to the log', () => {
    expect(parseRange('100', '100')).toEqual({ from: { kind: 'position', position: 100 }, to: { kind: 'position', position: 100 } });
    expect(parseRange('2026-05-01', undefined)).toEqual({ from: { kind: 'date', at: Date.parse('2026-05-01T00:00:00Z') }, to: undefined });
    expect(parseRange(undefined, '100')).toEqual({ from: undefined, to: { kind: 'position', position: 100 } });
    expect(parseRange('999999', '2026-05-01')).toMatchObject({ from: { kind: 'position' }, to: { kind: 'date' } });
  });
});
