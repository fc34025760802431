import { isoTime } from './iso-time';

describe('isoTime', () => {
  it('writes what Date#toISOString writes', () => {
    const times = [0, 1, 999, 1000, 59_999, 86_399_999, 86_400_000, Date.UTC(2026, 10, 1), Date.UTC(2026, 10, 30, 23, 59, 59, 999), Date.UTC(2028, 1, 29, 12)];
    times.push(253_402_300_799_999, Number.MAX_SAFE_INTEGER % 8.64e15, -1, -86_400_001, 8.64e15, -8.64e15, 1.5, 253_402_300_800_000);
    // A seeded walk over the years, with every part of the time of day.
    let seed = 12345;
    for (let i = 0; i < 5000; i += 1) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      times.push(Math.floor((seed / 2 ** 32) * 253_402_300_800_000));
      times.push(Date.UTC(2026, 10, 1) + (seed % 90_000_000));
    }
    for (const t of times) expect(isoTime(t)).toBe(new Date(t).toISOString());
  });

  it('throws for times Date cannot write, as Date does', () => {
    expect(() => isoTime(Number.NaN)).toThrow(RangeError);
    expect(() => isoTime(8.64e15 + 1)).toThrow(RangeError);
  });
});
