/**
 * Per partition, the offset from which it must be fetched again after a batch failed to become
 * durable: the earliest such offset, never a later one (that would skip what lies between).
 */
export class RefetchMarks {
  private readonly marks = new Map<string, number>();

  /** A batch fetched from `offset` failed; returns the offset to fetch the partition again from. */
  mark(topic: string, partition: number, offset: number): number {
    const key = keyOf(topic, partition);
    const from = Math.min(this.marks.get(key) ?? Number.POSITIVE_INFINITY, offset);
    this.marks.set(key, from);
    return from;
  }

  /**
   * A batch fetched from `fetchedFrom` comes: false while it lies beyond the partition's mark (it
   * was fetched before the refetch); a batch from the mark or earlier clears it.
   */
  inOrder(topic: string, partition: number, fetchedFrom: number): boolean {
    const key = keyOf(topic, partition);
    const from = this.marks.get(key);
    if (from === undefined) return true;
    if (fetchedFrom > from) return false;
    this.marks.delete(key);
    return true;
  }

  /** Forgets every mark. */
  clear(): void {
    this.marks.clear();
  }

  /** The mark of a partition, if it has one. */
  of(topic: string, partition: number): number | undefined {
    return this.marks.get(keyOf(topic, partition));
  }
}

/** One string per topic partition, for maps. */
export function keyOf(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
