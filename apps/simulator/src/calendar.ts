/** Retail calendar facts in Polish time, computed from a given instant (never from the clock). */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const warsawClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Warsaw',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** Hour of day in Poland as a fraction (13.5 is 13:30): shoppers follow local time, not UTC. */
export function warsawHour(epochMs: number): number {
  let hour = 0;
  let minute = 0;
  for (const part of warsawClock.formatToParts(new Date(epochMs))) {
    if (part.type === 'hour') hour = Number(part.value);
    if (part.type === 'minute') minute = Number(part.value);
  }
  return hour + minute / 60;
}

export interface SaleWindow {
  /** RFC 3339 with the Polish offset, as a channel loading the price would write it. */
  readonly from: string;
  readonly to: string;
  readonly startsAt: number;
}

/**
 * The next Black Friday weekend that has not started at `epochMs`: Friday after the fourth
 * Thursday of November 00:00 to Cyber Monday 23:59:59, Polish winter time (UTC+01:00).
 */
export function nextBlackFriday(epochMs: number): SaleWindow {
  const year = new Date(epochMs).getUTCFullYear();
  for (const candidate of [year, year + 1]) {
    const window = blackFridayOf(candidate);
    if (window.startsAt > epochMs) return window;
  }
  return blackFridayOf(year + 2);
}

/**
 * A Black Friday-shaped sale (Friday to Monday, four days) starting at the first Polish midnight
 * at least `leadMs` after `epochMs`: a scenario anchored at any time gets a sale within the
 * rules' lookahead. Polish winter time, as on the real Black Friday.
 */
export function saleWindowAfter(epochMs: number, leadMs: number): SaleWindow {
  const startsAt = Math.ceil((epochMs + leadMs + HOUR) / DAY) * DAY - HOUR;
  return windowFrom(startsAt);
}

function blackFridayOf(year: number): SaleWindow {
  const firstWeekday = new Date(Date.UTC(year, 10, 1)).getUTCDay();
  const firstThursday = 1 + ((4 - firstWeekday + 7) % 7);
  const friday = firstThursday + 21 + 1;
  return windowFrom(Date.UTC(year, 10, friday) - HOUR);
}

/** Four days from a Polish midnight (UTC+01:00) to 23:59:59 on the fourth day. */
function windowFrom(startsAt: number): SaleWindow {
  return {
    from: `${isoDate(startsAt + HOUR)}T00:00:00+01:00`,
    to: `${isoDate(startsAt + HOUR + 3 * DAY)}T23:59:59+01:00`,
    startsAt,
  };
}

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}
