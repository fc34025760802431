/** The event time of a fact as one channel stated it. */
export interface FactTime {
  readonly channel: string;
  readonly factKey: string;
  readonly eventTime: number;
}

/**
 * Latest event time per (channel, fact) seen by this process, to count late arrivals for ops:
 * an event older than the latest time already seen for its fact in its channel arrived late (the
 * reconciler still applies it by event time). In memory and bounded (least recently advanced
 * forgotten first): it is a metric, not a rule; the reconciler orders facts by event time from
 * the log whatever this clock says.
 */
export class FactClock {
  private readonly times = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  /** Records committed facts, in log order; returns how many arrived late. */
  observe(facts: readonly FactTime[]): number {
    let late = 0;
    for (const fact of facts) {
      const key = `${fact.channel}\u0000${fact.factKey}`;
      const current = this.times.get(key);
      if (current === undefined || fact.eventTime > current) {
        if (current !== undefined) this.times.delete(key); // re-inserted at the end: Map order is the eviction order
        this.times.set(key, fact.eventTime);
      } else if (fact.eventTime < current) {
        late += 1;
      }
    }
    for (const key of this.times.keys()) {
      if (this.times.size <= this.capacity) break;
      this.times.delete(key);
    }
    return late;
  }

  get size(): number {
    return this.times.size;
  }
}
