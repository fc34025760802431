/**
 * Per partition, the offset from which it must be fetched again after a batch failed to become
 * durable: the earliest such offset, never a later one (that would skip what lies between).
 */
export class RefetchMarks {
  private readonly marks = new Map<string, number>();

  /** A batch fetched from `offset` failed; returns the offset to fetch the partition again from. */
  mark(topic: string, partition: number, offset: number): number {
    const key = topicPartitionKey(topic, partition);
    const from = Math.min(this.marks.get(key) ?? Number.POSITIVE_INFINITY, offset);
    this.marks.set(key, from);
    return from;
  }

  /**
   * A batch fetched from `fetchedFrom` comes: false while it lies beyond the partition's mark (it
   * was fetched before the refetch); a batch from the mark or earlier clears it.
   */
  inOrder(topic: string, partition: number, fetchedFrom: number): boolean {
    if (this.beyond(topic, partition, fetchedFrom)) return false;
    this.marks.delete(topicPartitionKey(topic, partition));
    return true;
  }

  /** Whether a batch fetched from `fetchedFrom` lies beyond the partition's mark (leaves the mark). */
  beyond(topic: string, partition: number, fetchedFrom: number): boolean {
    const from = this.marks.get(topicPartitionKey(topic, partition));
    return from !== undefined && fetchedFrom > from;
  }

  /** Forgets every mark. */
  clear(): void {
    this.marks.clear();
  }

  /** The mark of a partition, if it has one. */
  of(topic: string, partition: number): number | undefined {
    return this.marks.get(topicPartitionKey(topic, partition));
  }
}

/** One string per topic partition, for maps. */
export function topicPartitionKey(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
