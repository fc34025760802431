import { FactClock } from './fact-clock';

const at = (channel: string, factKey: string, eventTime: number) => ({ channel, factKey, eventTime });

describe('FactClock', () => {
  it('counts an event older than the clock of its fact as late, and advances on a newer one', () => {
    const clock = new FactClock(10);
    expect(clock.observe([at('eshop', 'price:SKU-1', 100)])).toBe(0);
    expect(clock.observe([at('eshop', 'price:SKU-1', 50), at('eshop', 'price:SKU-1', 150)])).toBe(1);
    expect(clock.observe([at('eshop', 'price:SKU-1', 120)])).toBe(1);
  });

  it('compares within the batch too, and per channel and fact', () => {
    const clock = new FactClock(10);
    const late = clock.observe([
      at('eshop', 'price:SKU-1', 200),
      at('eshop', 'price:SKU-1', 100),
      at('app', 'price:SKU-1', 100),
      at('eshop', 'price:SKU-2', 100),
    ]);
    expect(late).toBe(1);
    expect(clock.size).toBe(3);
  });

  it('does not count an event with the same time as the clock as late', () => {
    const clock = new FactClock(10);
    clock.observe([at('eshop', 'price:SKU-1', 100)]);
    expect(clock.observe([at('eshop', 'price:SKU-1', 100), at('eshop', 'price:SKU-1', 99)])).toBe(1);
  });

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
