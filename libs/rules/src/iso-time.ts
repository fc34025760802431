const DAY = 86_400_000;
// Years 0000..9999: the dates toISOString writes as YYYY-MM-DDTHH:mm:ss.sssZ.
const LAST = 253_402_300_800_000;

// The date part of the last day asked about: findings and rules ask about the same few days.
let lastDay = Number.NaN;
let lastDate = '';

/**
 * `new Date(epochMillis).toISOString()`, the same string, without a Date for times within the
 * last day asked about (replays write several per finding change); other times go through Date.
 */
export function isoTime(epochMillis: number): string {
  if (!(epochMillis >= 0 && epochMillis < LAST) || !Number.isInteger(epochMillis)) return new Date(epochMillis).toISOString();
  const day = Math.floor(epochMillis / DAY);
  if (day !== lastDay) {
    lastDate = new Date(day * DAY).toISOString().slice(0, 11);
    lastDay = day;
  }
  let rest = epochMillis - day * DAY;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  const millis = rest - seconds * 1000;
  return `${lastDate}${two(hours)}:${two(minutes)}:${two(seconds)}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

function two(n: number): string {
  return n < 10 ? `0${n}` : `${n}`;
}
