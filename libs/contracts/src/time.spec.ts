import { parseRfc3339 } from './time';

describe('parseRfc3339', () => {
  it('reads UTC and offset timestamps to the same instant', () => {
    expect(parseRfc3339('2026-11-27T00:00:00Z')).toBe(Date.UTC(2026, 10, 27));
    expect(parseRfc3339('2026-11-27T01:00:00+01:00')).toBe(Date.UTC(2026, 10, 27));
    expect(parseRfc3339('2026-11-27T00:00:00.250Z')).toBe(Date.UTC(2026, 10, 27) + 250);
  });

  it('accepts what RFC 3339 allows and Date.parse does not: a leap second, a fraction of any length', () => {
    expect(parseRfc3339('2016-12-31T23:59:60Z')).toBe(Date.UTC(2017, 0, 1));
    expect(parseRfc3339('2016-12-31T23:59:60.5Z')).toBe(Date.UTC(2017, 0, 1) + 500);
    expect(parseRfc3339('2026-11-20T10:00:00.1239999999999Z')).toBe(Date.UTC(2026, 10, 20, 10) + 123);
    expect(parseRfc3339('2026-11-20T11:00:00.0000000001+01:00')).toBe(Date.UTC(2026, 10, 20, 10));
    expect(parseRfc3339('2026-11-20T10:00:61Z')).toBeUndefined();
    expect(parseRfc3339('2026-11-20T10:00:00.Z')).toBeUndefined();
  });

  it('accepts a leap day only in a leap year', () => {
    expect(parseRfc3339('2028-02-29T10:00:00Z')).toBe(Date.UTC(2028, 1, 29, 10));
    expect(parseRfc3339('2026-02-29T10:00:00Z')).toBeUndefined();
  });

  it('refuses local times, dates alone and impossible values', () => {
    for (const bad of [
      '2026-11-27T00:00:00',
      '2026-11-27',
      '27/11/2026 00:00',
      '2026-13-01T00:00:00Z',
      '2026-04-31T00:00:00Z',
      '2026-11-27T24:00:00Z',
      '2026-11-27T00:00:00+25:00',
      'yesterday',
    ]) {
      expect(parseRfc3339(bad)).toBeUndefined();
    }
  });

  it('reads every combination of fields as the calendar and Date.parse do', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const validZone = (zone: string) => /^[Zz]$/.test(zone) || /^[+-]([01]\d|2[0-3]):[0-5]\d$/.test(zone);
    let checked = 0;
    const wrong: string[] = [];
    for (const year of [999, 1000, 1999, 2026, 2028, 2100, 2400, 9999]) {
      for (const month of [0, 1, 2, 4, 12, 13]) {
        for (const day of [0, 1, 28, 29, 30, 31, 32]) {
          for (const [hour, minute, second] of [[0, 0, 0], [23, 59, 59], [24, 0, 0], [12, 60, 0], [12, 30, 60], [7, 5, 9]]) {
            for (const fraction of ['', '.5', '.250', '.12', '.123456789']) {
              for (const zone of ['Z', 'z', '+01:00', '-05:30', '+24:00', '+00:60', '+0100']) {
                for (const t of ['T', 't']) {
                  const value = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}${t}${pad(hour!, 2)}:${pad(minute!, 2)}:${pad(second!, 2)}${fraction}${zone}`;
                  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
                  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
                  const valid = day >= 1 && day <= days && hour! <= 23 && minute! <= 59 && second! <= 60 && validZone(zone);
                  // Date.parse refuses a leap second: it is the second after :59.
                  const leapSecond = second === 60;
                  const parsed = Date.parse((leapSecond ? value.replace(':60', ':59') : value).toUpperCase()) + (leapSecond ? 1000 : 0);
                  const expected = valid ? parsed : undefined;
                  if (parseRfc3339(value) !== expected) wrong.push(`${value}: ${parseRfc3339(value)}, expected ${expected}`);
                  checked += 1;
                }
              }
            }
          }
        }
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(checked).toBe(8 * 6 * 7 * 6 * 5 * 7 * 2);
  });

  it('refuses a digit position that holds something else', () => {
    const good = '2026-11-27T10:20:30.400+01:00';
    expect(parseRfc3339(good)).toBe(Date.UTC(2026, 10, 27, 9, 20, 30, 400));
    for (let at = 0; at < good.length; at++) {
      if (!/\d/.test(good[at]!)) continue;
      for (const other of ['x', ' ', '/', ':', '-']) {
        const value = good.slice(0, at) + other + good.slice(at + 1);
        expect([value, parseRfc3339(value)]).toEqual([value, undefined]);
      }
    }
  });
});
