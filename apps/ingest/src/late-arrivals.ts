/** The event time of a fact as one channel stated it. */
export interface FactTime {
  readonly channel: string;
  readonly factKey: string;
  readonly eventTime: number;
}

export function factClockKey(channel: string, factKey: string): string {
  return `${channel}\u0000${factKey}`;
}

/**
 * Counts events older than the latest event time already seen for the same fact in the same
 * channel (they arrived late; the reconciler still applies them by event time), and returns the
 * advanced clock entries to store.
 */
export function lateArrivals(
  known: ReadonlyMap<string, number>,
  events: readonly FactTime[],
): { late: number; advanced: FactTime[] } {
  const latest = new Map<string, FactTime>();
  let late = 0;
  for (const event of events) {
    const key = factClockKey(event.channel, event.factKey);
    const current = latest.get(key)?.eventTime ?? known.get(key);
    if (current !== undefined && event.eventTime < current) {
      late += 1;
    } else if (current === undefined || event.eventTime > current) {
      latest.set(key, event);
    }
  }
  return { late, advanced: [...latest.values()] };
}
