/**
 * Turns a rate into whole events per tick. The fractional remainder carries over, so a low rate
 * still sends its events on average; a long pause (a slow broker) is capped so it does not come
 * back as one huge burst.
 */
export interface Pace {
  readonly at: number;
  readonly carry: number;
}

const MAX_CATCH_UP_MS = 1_000;

export function startPace(now: number): Pace {
  return { at: now, carry: 0 };
}

export function eventsDue(pace: Pace, now: number, perSecond: number): { pace: Pace; due: number } {
  const elapsed = Math.min(Math.max(0, now - pace.at), MAX_CATCH_UP_MS);
  const exact = pace.carry + (perSecond * elapsed) / 1000;
  // The epsilon keeps float sums like 0.35 * 100 = 34.99999 from losing an event.
  const due = Math.floor(exact + 1e-9);
  return { pace: { at: now, carry: exact - due }, due };
}
