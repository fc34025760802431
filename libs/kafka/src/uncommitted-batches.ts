import { RefetchMarks, topicPartitionKey } from './refetch-marks';

/** Where a handed-off batch came from in its partition, and where the next fetch goes on. */
export interface BatchSpan {
  readonly topic: string;
  readonly partition: number;
  /** The offset its fetch asked for: fetching from here again gets the batch again. */
  readonly fetchedFrom: number;
  /** lastOffset + 1. */
  readonly nextOffset: number;
}

export interface UncommittedBatchesOptions {
  /** Batches handed off and not yet durable, at most; the fetch loop waits beyond this. */
  readonly limit: number;
  /** Fetch the partition again from `offset` (kafkajs consumer.seek). */
  readonly rewind: (topic: string, partition: number, offset: number) => void;
  readonly onDurable: (span: BatchSpan) => void;
  readonly onFailed: (span: BatchSpan, error: unknown) => void;
}

/**
 * Batches handed to a handler that makes them durable later (ingest's group commit), so the next
 * fetch overlaps the database's work instead of waiting for it. A batch that fails to become
 * durable rewinds its partition to its durable point: the offset before which this consumer saw
 * everything become durable (or, before anything did, where it first fetched from). Never to the
 * failed batch's own offset: a batch fetched before an earlier rewind can fail after the refetch
 * began, and seeking to it would skip what lies between. Batches fetched before a rewind that
 * arrive later are dropped unhandled. What is fetched twice is skipped by the handler's durable
 * offsets, so nothing is lost and nothing doubled.
 */
export class UncommittedBatches {
  private readonly pending = new Set<Promise<void>>();
  /** Per partition, the offset it is being fetched again from, until that fetch arrives. */
  private readonly rewinding = new RefetchMarks();
  /** Per partition, the offset before which everything this consumer handed off is durable. */
  private readonly durableUpTo = new Map<string, number>();

  constructor(private readonly options: UncommittedBatchesOptions) {}

  /**
   * A batch fetched from `fetchedFrom` arrives. False: it lies beyond a rewind of its partition
   * and is to be dropped; the rewind is asked for again, so a seek that got lost cannot leave the
   * partition dropping batches for ever. True: handle it (a rewind it reaches back to is done).
   */
  arrived(topic: string, partition: number, fetchedFrom: number): boolean {
    const key = topicPartitionKey(topic, partition);
    if (!this.durableUpTo.has(key)) this.durableUpTo.set(key, fetchedFrom);
    if (this.rewinding.inOrder(topic, partition, fetchedFrom)) return true;
    this.options.rewind(topic, partition, this.rewinding.of(topic, partition)!);
    return false;
  }

  /** Whether a batch that arrived in order has since been overtaken by a rewind of its partition. */
  overtaken(topic: string, partition: number, fetchedFrom: number): boolean {
    return this.rewinding.beyond(topic, partition, fetchedFrom);
  }

  /** The group's assignment changed: the consumer seeks to the stored offsets; start afresh. */
  reassigned(): void {
    this.rewinding.clear();
    this.durableUpTo.clear();
  }

  track(span: BatchSpan, durable: Promise<void>): void {
    const key = topicPartitionKey(span.topic, span.partition);
    const settled: Promise<void> = durable.then(
      () => {
        this.durableUpTo.set(key, Math.max(this.durableUpTo.get(key) ?? span.nextOffset, span.nextOffset));
        this.options.onDurable(span);
      },
      (error: unknown) => {
        // Unknown only after a reassignment: the seek to the stored offsets places the partition.
        const durablePoint = this.durableUpTo.get(key);
        if (durablePoint !== undefined) this.options.rewind(span.topic, span.partition, this.rewinding.mark(span.topic, span.partition, durablePoint));
        this.options.onFailed(span, error);
      },
    );
    this.pending.add(settled);
    void settled.finally(() => this.pending.delete(settled));
  }

  get size(): number {
    return this.pending.size;
  }

  /** Resolves once no more than `limit` batches are uncommitted. */
  async room(): Promise<void> {
    while (this.pending.size > this.options.limit) await Promise.race(this.pending);
  }

  /** Resolves when every batch handed off so far is durable or rewound. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }
}
