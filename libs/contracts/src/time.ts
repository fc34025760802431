/**
 * RFC 3339 timestamps ("2026-11-27T00:00:00Z", "2026-11-27T01:00:00.5+01:00"). The time zone is
 * mandatory: a local time without offset means different instants in different channels.
 */
const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([Zz]|([+-])(\d{2}):(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Epoch milliseconds of an RFC 3339 timestamp, or undefined when it is not one. */
export function parseRfc3339(value: string): number | undefined {
  return commonForm(value) ?? anyForm(value);
}

/**
 * The form nearly every event carries, read digit by digit: "YYYY-MM-DDTHH:MM:SS", optional
 * ".fff", then "Z" or "+HH:MM". Ingest reads a time per event and the regular expression and
 * Date.parse were a tenth of decoding. Undefined for anything else, valid or not: anyForm decides.
 */
function commonForm(value: string): number | undefined {
  const length = value.length;
  const fraction = length === 24 || length === 29;
  const zone = fraction ? 23 : 19;
  if (length !== zone + 1 && length !== zone + 6) return undefined;
  if (value.charCodeAt(4) !== DASH || value.charCodeAt(7) !== DASH || value.charCodeAt(10) !== T) return undefined;
  if (value.charCodeAt(13) !== COLON || value.charCodeAt(16) !== COLON) return undefined;
  if (fraction && value.charCodeAt(19) !== DOT) return undefined;
  const year = digits(value, 0, 4);
  const month = digits(value, 5, 2);
  const day = digits(value, 8, 2);
  const hour = digits(value, 11, 2);
  const minute = digits(value, 14, 2);
  const second = digits(value, 17, 2);
  const millis = fraction ? digits(value, 20, 3) : 0;
  // Years below 1000 are left to anyForm: Date.UTC reads 0-99 as 1900-1999.
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 || millis < 0) return undefined;
  let offset = 0;
  const sign = value.charCodeAt(zone);
  if (length === zone + 1) {
    if (sign !== Z) return undefined;
  } else {
    if ((sign !== PLUS && sign !== MINUS) || value.charCodeAt(zone + 3) !== COLON) return undefined;
    const hours = digits(value, zone + 1, 2);
    const minutes = digits(value, zone + 4, 2);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) return undefined;
    offset = (sign === PLUS ? 1 : -1) * (hours * 60 + minutes) * 60_000;
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offset;
}

/**
 * Every other RFC 3339 form, read from its parts rather than by Date.parse, which refuses two
 * the RFC allows: a leap second (":60", counted as the next minute's first, as POSIX time does)
 * and a fraction of any length (read to the millisecond, the rest cut off, never rounded up).
 */
function anyForm(value: string): number | undefined {
  const match = RFC3339.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, fraction, , sign, oh, om] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  if (oh !== undefined && (Number(oh) > 23 || Number(om) > 59)) return undefined;
  const millis = fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, '0'));
  const offset = sign === undefined ? 0 : (sign === '+' ? 1 : -1) * (Number(oh) * 60 + Number(om)) * 60_000;
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millis);
  return date.getTime() - offset;
}

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}

/** The decimal number in `count` characters from `at`, or -1 if one of them is not a digit. */
function digits(value: string, at: number, count: number): number {
  let number = 0;
  for (let n = at; n < at + count; n++) {
    const digit = value.charCodeAt(n) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    number = number * 10 + digit;
  }
  return number;
}

const ZERO = 48;
const DASH = 45;
const COLON = 58;
const DOT = 46;
const PLUS = 43;
const MINUS = 45;
const T = 84;
const Z = 90;
