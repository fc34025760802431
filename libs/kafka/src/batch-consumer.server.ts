import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { Batch, Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { lastValueFrom } from 'rxjs';
import { OffsetHints } from './offset-hints';
import { UncommittedBatches } from './uncommitted-batches';

/** The pattern a batch handler subscribes to: `@EventPattern(CONSUMED_BATCH)`. */
export const CONSUMED_BATCH = 'kafka.consumed-batch';

/** One fetched batch of one partition, handed to the handler as a whole. */
export interface ConsumedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly KafkaMessage[];
  /** Messages still behind this batch in the partition, for the lag gauge. */
  readonly lagAfter: number;
  /** The offset its fetch asked for: the batch covers the partition from here to its last message. */
  readonly fetchedFrom: number;
}

/** What the handler tells the server: the offset to continue from, which it has made durable. */
export interface BatchCommitted {
  readonly nextOffset: number;
}

/**
 * What a handler that makes batches durable later tells the server: fetch on from `nextOffset`
 * now; `durable` settles when the batch is (or rejects, and the partition is fetched again).
 */
export interface BatchHandedOff {
  readonly nextOffset: number;
  readonly durable: Promise<void>;
}

/** Where a consumer group really is: the durable store, not Kafka's committed offsets. */
export interface DurableOffsets {
  nextOffsets(groupId: string, topic: string, partitions: readonly number[]): Promise<Map<number, number>>;
}

export interface BatchConsumerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly topics: readonly string[] | RegExp;
  readonly offsets: DurableOffsets;
  readonly maxBytesPerPartition?: number;
  /** Bytes a fetch waits for (default 1), at most fetchMaxWaitMs (default 500). */
  readonly fetchMinBytes?: number;
  readonly fetchMaxWaitMs?: number;
  readonly sessionTimeoutMs?: number;
  /** Batches of one fetch handed to the handler at once (ingest commits them together). */
  readonly partitionsConsumedConcurrently?: number;
  readonly onLag?: (topic: string, partition: number, lag: number) => void;
  /** Handed-off batches not yet durable, at most (default: two fetches' worth). */
  readonly maxUncommittedBatches?: number;
  /** How often Kafka's committed offsets (a hint for lag tools) follow the durable ones; default 1 s. */
  readonly offsetHintIntervalMs?: number;
}

/**
 * The offset a batch's fetch asked for. kafkajs 2.2 keeps it on the batch without typing it; the
 * first message's offset is the fallback (the same unless the fetch skipped control records).
 */
function fetchedOffset(batch: Batch): number {
  const asked = Number((batch as Batch & { fetchedOffset?: string }).fetchedOffset);
  return Number.isSafeInteger(asked) ? asked : Number(batch.firstOffset() ?? batch.messages[0]?.offset ?? 0);
}

/**
 * A Nest transport around a kafkajs `eachBatch` consumer, instead of ServerKafka's per-message
 * handling: the handler gets a whole partition batch and makes it durable in one transaction,
 * either before it returns (BatchCommitted) or later (BatchHandedOff: the next fetch overlaps the
 * commit, and a batch that fails is fetched again). Auto-commit is off; on assignment the
 * consumer seeks to the offsets the handler's store holds, so Kafka's own offsets are only a hint.
 */
export class BatchConsumerServer extends Server implements CustomTransportStrategy {
  private consumer: Consumer | undefined;
  private hints: OffsetHints | undefined;
  private uncommitted: UncommittedBatches | undefined;
  /** After a batch failed to become durable, fetching pauses until then (ms epoch). */
  private retryAfter = 0;

  constructor(private readonly options: BatchConsumerOptions) {
    super();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      await this.start();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  private async start(): Promise<void> {
    const { kafka, groupId, topics } = this.options;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: this.options.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: Math.min(3_000, Math.floor((this.options.sessionTimeoutMs ?? 30_000) / 6)),
      // A fetch waits for minBytes or maxWait: without a floor, a consumer that keeps up asks the
      // broker again at once for every few records, and the broker's CPU goes to empty-handed fetches.
      // With minBytes 1 the broker answers as soon as a record comes, so a long wait costs no
      // latency, and an idle consumer asks 2 times a second, not 10: idle, 0.19 instead of 0.37 CPU s
      // per 10 s of consumer and broker together (15 partitions, measured on the development machine).
      minBytes: this.options.fetchMinBytes ?? 1,
      maxWaitTimeInMs: this.options.fetchMaxWaitMs ?? 500,
      maxBytesPerPartition: this.options.maxBytesPerPartition ?? 1_048_576,
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    this.hints = new OffsetHints(
      (offsets) => consumer.commitOffsets(offsets),
      this.options.offsetHintIntervalMs ?? 1000,
      // Only a hint: a commit refused during a rebalance is followed by the next one.
      (error) => this.logger.warn(`committing offset hints to Kafka failed: ${(error as Error).message}`),
    );
    const hints = this.hints;
    this.uncommitted = new UncommittedBatches({
      limit: this.options.maxUncommittedBatches ?? 2 * (this.options.partitionsConsumedConcurrently ?? 1),
      rewind: (topic, partition, offset) => consumer.seek({ topic, partition, offset: String(offset) }),
      onDurable: ({ topic, partition, nextOffset }) => hints.note({ topic, partition, offset: String(nextOffset) }),
      onFailed: ({ topic, partition, fetchedFrom }, error) => {
        this.retryAfter = Date.now() + 1000;
        this.logger.error(`batch of ${topic}/${partition} from offset ${fetchedFrom} was not made durable, fetching it again: ${(error as Error).message}`);
      },
    });
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      this.uncommitted?.reassigned();
      void this.seekToDurableOffsets(consumer, payload.memberAssignment).catch((error: unknown) =>
        this.logger.error(`seeking to durable offsets failed, the batch guard will skip replays: ${String(error)}`),
      );
    });
    await consumer.connect();
    await consumer.subscribe(topics instanceof RegExp ? { topic: topics, fromBeginning: true } : { topics: [...topics], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, resolveOffset, heartbeat, isRunning, isStale } = payload;
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const handler = this.getHandlerByPattern(CONSUMED_BATCH);
    if (!handler) throw new TypeError(`no handler registered for ${CONSUMED_BATCH}`);
    const uncommitted = this.uncommitted!;
    const fetchedFrom = fetchedOffset(batch);
    // Fetched before a rewind of its partition: the refetch brings it again. Its offset is not
    // resolved, or the consumer would go on after it instead.
    if (!uncommitted.arrived(batch.topic, batch.partition, fetchedFrom)) {
      this.logger.warn(`batch of ${batch.topic}/${batch.partition} from offset ${fetchedFrom} lies beyond a rewind of its partition: dropped, to be fetched again`);
      return;
    }
    const pause = this.retryAfter - Date.now();
    if (pause > 0) {
      await new Promise((resolve) => setTimeout(resolve, pause));
      if (isStale() || uncommitted.overtaken(batch.topic, batch.partition, fetchedFrom)) return;
    }
    const lastOffset = Number(batch.lastOffset());
    const consumed: ConsumedBatch = {
      topic: batch.topic,
      partition: batch.partition,
      messages: batch.messages,
      lagAfter: Math.max(0, Number(batch.highWatermark) - 1 - lastOffset),
      fetchedFrom,
    };
    const result = (await lastValueFrom(this.transformToObservable(await handler(consumed)))) as BatchCommitted | BatchHandedOff;
    resolveOffset(String(result.nextOffset - 1));
    if ('durable' in result) {
      uncommitted.track({ topic: batch.topic, partition: batch.partition, fetchedFrom, nextOffset: result.nextOffset }, result.durable);
    } else {
      // Kafka's offset follows the durable one, for tools that read group lag from Kafka.
      this.hints?.note({ topic: batch.topic, partition: batch.partition, offset: String(result.nextOffset) });
    }
    this.options.onLag?.(batch.topic, batch.partition, consumed.lagAfter);
    await heartbeat();
    // The next fetch overlaps the handler's commits, as long as they keep up.
    await uncommitted.room();
  }

  private async seekToDurableOffsets(consumer: Consumer, assignment: Record<string, number[]>): Promise<void> {
    for (const [topic, partitions] of Object.entries(assignment)) {
      const offsets = await this.options.offsets.nextOffsets(this.options.groupId, topic, partitions);
      for (const [partition, offset] of offsets) consumer.seek({ topic, partition, offset: String(offset) });
    }
  }

  async close(): Promise<void> {
    // Send the hints due so far while the consumer can still commit; stop fetching, let what was
    // handed off become durable, then leave the group. The durable offsets are in PostgreSQL: the
    // hints of the last batches are dropped (kafkajs refuses commits once the consumer stopped).
    await this.hints?.flush();
    await this.consumer?.stop();
    await this.uncommitted?.settled();
    await this.hints?.discard();
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  on(): never {
    throw new TypeError('BatchConsumerServer does not emit events');
  }

  unwrap<T>(): T {
    if (!this.consumer) throw new TypeError('the consumer is not started');
    return this.consumer as T;
  }
}
