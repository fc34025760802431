import { FactClock } from './fact-clock';
import { factClockKey, lateArrivals } from './late-arrivals';

const at = (channel: string, factKey: string, eventTime: number) => ({ channel, factKey, eventTime });

describe('lateArrivals', () => {
  it('counts an event older than the stored clock of its fact as late', () => {
    const known = new Map([[factClockKey('eshop', 'price:SKU-1'), 100]]);
    const result = lateArrivals(known, [at('eshop', 'price:SKU-1', 50), at('eshop', 'price:SKU-1', 150)]);
    expect(result.late).toBe(1);
    expect(result.advanced).toEqual([at('eshop', 'price:SKU-1', 150)]);
  });

  it('compares within the batch too, and per channel and fact', () => {
    const result = lateArrivals(new Map(), [
      at('eshop', 'price:SKU-1', 200),
      at('eshop', 'price:SKU-1', 100),
      at('app', 'price:SKU-1', 100),
      at('eshop', 'price:SKU-2', 100),
    ]);
    expect(result.late).toBe(1);
    expect(result.advanced).toHaveLength(3);
  });

  it('does not count an event with the same time as the clock as late, nor advance it', () => {
    const known = new Map([[factClockKey('eshop', 'price:SKU-1'), 100]]);
    expect(lateArrivals(known, [at('eshop', 'price:SKU-1', 100)])).toEqual({ late: 0, advanced: [] });
  });
});

describe('FactClock', () => {

  it('remembers across batches and forgets the least recently advanced fact beyond its capacity', () => {
    const clock = new FactClock(2);
    expect(clock.observe([at('eshop', 'price:A', 100), at('eshop', 'price:B', 100)])).toBe(0);
    expect(clock.observe([at('eshop', 'price:A', 50)])).toBe(1);
    expect(clock.observe([at('eshop', 'price:A', 200), at('eshop', 'price:C', 100)])).toBe(0);
    expect(clock.size).toBe(2);
    // B was forgotten, so an older B is no longer known to be late; A is still remembered.
    expect(clock.observe([at('eshop', 'price:B', 10), at('eshop', 'price:A', 150)])).toBe(1);
  });
});
