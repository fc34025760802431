import { RefetchMarks } from './refetch-marks';

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
 * durable rewinds its partition to where that batch was fetched from: to the earliest such
 * offset, never forward, until a fetch from there has come back. What is fetched twice is
 * skipped by the handler's durable offsets, so nothing is lost and nothing doubled.
 */
export class UncommittedBatches {
  private readonly pending = new Set<Promise<void>>();
  /** Per partition, the offset it is being fetched again from, until that fetch arrives. */
  private readonly rewinding = new RefetchMarks();

  constructor(private readonly options: UncommittedBatchesOptions) {}

  /** A batch fetched from `fetchedFrom` arrives: a pending rewind of its partition is done once it reaches back there. */
  arrived(topic: string, partition: number, fetchedFrom: number): void {
    this.rewinding.inOrder(topic, partition, fetchedFrom);
  }

  track(span: BatchSpan, durable: Promise<void>): void {
    const settled: Promise<void> = durable.then(
      () => this.options.onDurable(span),
      (error: unknown) => {
        this.options.rewind(span.topic, span.partition, this.rewinding.mark(span.topic, span.partition, span.fetchedFrom));
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
