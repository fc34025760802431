import { factClockKey, FactTime, lateArrivals } from './late-arrivals';

/**
 * Latest event time per (channel, fact) seen by this process, to count late arrivals for ops.
 * In memory and bounded (least recently advanced forgotten first): it is a metric, not a rule;
 * the reconciler orders facts by event time from the log whatever this clock says.
 */
export class FactClock {
  private readonly times = new Map<string, number>();

  constructor(private readonly capacity: number) {}

  /** Records committed facts; returns how many arrived late. */
  observe(facts: readonly FactTime[]): number {
    const { late, advanced } = lateArrivals(this.times, facts);
    for (const fact of advanced) {
      const key = factClockKey(fact.channel, fact.factKey);
      this.times.delete(key); // re-insert at the end: Map order is the eviction order
      this.times.set(key, fact.eventTime);
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
