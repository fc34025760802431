import { nextBlackFriday, saleWindowAfter, warsawHour } from './calendar';

describe('calendar', () => {
  it('finds the coming Black Friday weekend in Polish time', () => {
    expect(nextBlackFriday(Date.parse('2026-11-20T10:00:00Z'))).toEqual({
      from: '2026-11-27T00:00:00+01:00',
      to: '2026-11-30T23:59:59+01:00',
      startsAt: Date.parse('2026-11-27T00:00:00+01:00'),
    });
  });

  it('moves to next year once this year has started', () => {
    expect(nextBlackFriday(Date.parse('2026-11-28T12:00:00Z')).from).toBe('2027-11-26T00:00:00+01:00');
    expect(nextBlackFriday(Date.parse('2026-12-31T12:00:00Z')).from).toBe('2027-11-26T00:00:00+01:00');
  });

  it('places a sale at the first Polish midnight at least the lead time ahead', () => {
    expect(saleWindowAfter(Date.parse('2026-11-26T21:00:00Z'), 3_600_000)).toEqual(nextBlackFriday(Date.parse('2026-11-20T10:00:00Z')));
    expect(saleWindowAfter(Date.parse('2026-11-26T22:00:01Z'), 3_600_000).from).toBe('2026-11-28T00:00:00+01:00');
    expect(saleWindowAfter(Date.parse('2026-03-10T08:00:00Z'), 7 * 86_400_000)).toMatchObject({
      from: '2026-03-18T00:00:00+01:00',
      to: '2026-03-21T23:59:59+01:00',
    });
  });

  it('reads the hour of day in Poland, in winter and in summer time', () => {
    expect(warsawHour(Date.parse('2026-11-27T23:30:00Z'))).toBe(0.5);
    expect(warsawHour(Date.parse('2026-07-01T10:15:00Z'))).toBe(12.25);
  });
});
