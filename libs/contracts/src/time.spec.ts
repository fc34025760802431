import { parseRfc3339 } from './time';

describe('parseRfc3339', () => {
  it('reads UTC and offset timestamps to the same instant', () => {
    expect(parseRfc3339('2026-11-27T00:00:00Z')).toBe(Date.UTC(2026, 10, 27));
    expect(parseRfc3339('2026-11-27T01:00:00+01:00')).toBe(Date.UTC(2026, 10, 27));
    expect(parseRfc3339('2026-11-27T00:00:00.250Z')).toBe(Date.UTC(2026, 10, 27) + 250);
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
});
