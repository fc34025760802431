import { Injectable } from '@nestjs/common';
import { KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { decodeChannelEvent, Decoded, deadLetter, DeadLetter, factKey, OriginalHeader, reject, Rejection } from '@parity/contracts';
import { appendToLog, ConsumerOffsets, inTransaction, lockLogHead, NewLogEvent, partitionKey } from '@parity/event-store';
import { BatchHandedOff, ConsumedBatch, RefetchMarks } from '@parity/kafka';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { GroupCommit } from './group-commit';
import { IngestMetrics } from './ingest.metrics';
import { FactClock, FactTime } from './fact-clock';

export interface BatchIngestionSettings {
  readonly groupId: string;
  readonly maxEventBytes: number;
}

interface Candidate {
  readonly event: NewLogEvent;
  readonly fact: FactTime;
  readonly message: KafkaMessage;
  readonly batch: ConsumedBatch;
}

/** A partition batch, decoded: what waits for the next group commit. */
interface DecodedBatch {
  readonly batch: ConsumedBatch;
  readonly decoded: readonly { readonly message: KafkaMessage; readonly result: Decoded }[];
  readonly lastOffset: number;
  readonly stopTimer: () => void;
}

/** Whether a batch went into the log with its offset, or why not (it is then fetched again). */
type BatchOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Partition batches, exactly once: the appended events and the group's next offsets are written
 * in one PostgreSQL transaction; rejected records reach the dead-letter topic before it commits,
 * so a crash can repeat a dead letter (keyed by its origin, for dedupe) but never lose one. The
 * batches of one fetch share that transaction (GroupCommit), and the next fetch is decoded while
 * it commits: a batch is handed off, and made durable shortly after.
 */
@Injectable()
export class BatchIngestion {
  private readonly commits = new GroupCommit<DecodedBatch, BatchOutcome>((batches) => this.commitTogether(batches));
  /**
   * Per partition, where a batch that failed to commit was fetched from. Batches of that
   * partition fetched after it must not commit before it is fetched again: that would skip it.
   */
  private readonly failedFrom = new RefetchMarks();

  constructor(
    private readonly pool: Pool,
    private readonly settings: BatchIngestionSettings,
    private readonly offsets: ConsumerOffsets,
    private readonly factClock: FactClock,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: IngestMetrics,
  ) {}

  ingest(batch: ConsumedBatch): BatchHandedOff {
    const stopTimer = this.metrics.batchSeconds.startTimer();
    // Decoding is pure and needs no lock: do it before the transaction queues on the log head.
    const decoded = batch.messages.map((message) => ({
      message,
      result: decodeChannelEvent({ value: message.value, headers: message.headers }, this.settings),
    }));
    const lastOffset = Number(batch.messages[batch.messages.length - 1]?.offset ?? -1);
    const durable = this.commits.submit({ batch, decoded, lastOffset, stopTimer }).then((outcome) => {
      if (!outcome.ok) throw new BatchNotCommitted(outcome.reason);
    });
    return { nextOffset: lastOffset + 1, durable };
  }

  private async commitTogether(batches: readonly DecodedBatch[]): Promise<BatchOutcome[]> {
    const outcomes: BatchOutcome[] = [];
    const admitted: DecodedBatch[] = [];
    for (const item of batches) {
      const { topic, partition, fetchedFrom } = item.batch;
      if (!this.failedFrom.inOrder(topic, partition, fetchedFrom)) {
        outcomes.push({ ok: false, reason: `an earlier batch of ${topic}/${partition} from offset ${this.failedFrom.of(topic, partition)} is not committed yet` });
        continue;
      }
      admitted.push(item);
      outcomes.push({ ok: true });
    }
    try {
      if (admitted.length > 0) await this.commitAdmitted(admitted);
    } catch (error) {
      for (const { batch } of admitted) this.failedFrom.mark(batch.topic, batch.partition, batch.fetchedFrom);
      throw error;
    }
    return outcomes;
  }

  private async commitAdmitted(batches: readonly DecodedBatch[]): Promise<void> {
    const outcome = await inTransaction(this.pool, async (client) => {
      const head = await lockLogHead(client);
      const stored = await this.offsets.lockNextOffsets(client, this.settings.groupId, batches.map(({ batch }) => batch));
      const candidates: Candidate[] = [];
      const letters: DeadLetter[] = [];
      const reasons: string[] = [];
      let skipped = 0;
      for (const { batch, decoded, lastOffset } of batches) {
        const key = partitionKey(batch);
        const from = stored.get(key);
        for (const { message, result } of decoded) {
          // Below the durable offset: redelivered by Kafka after a restart or rebalance, already done.
          if (from !== undefined && Number(message.offset) < from) {
            skipped += 1;
            continue;
          }
          if (result.ok) {
            const { event } = result;
            candidates.push({
              message,
              batch,
              event: {
                source: event.source,
                id: event.id,
                type: event.type,
                subject: event.subject,
                eventTime: event.eventTime,
                dataJson: event.dataJson,
                kafka: { topic: batch.topic, partition: batch.partition, offset: Number(message.offset) },
              },
              fact: { channel: event.source, factKey: factKey(event), eventTime: event.eventTime },
            });
          } else {
            letters.push(deadLetter(result, origin(batch, message), message.value));
            reasons.push(result.reason);
          }
        }
        stored.set(key, Math.max(from ?? 0, lastOffset + 1));
      }
      const appended = await appendToLog(client, head, candidates.map((candidate) => candidate.event), Date.now());
      const byEvent = new Map(candidates.map((candidate) => [candidate.event, candidate]));
      // An offer the log turned down after decoding: dead-lettered like a record decoding refused.
      const turnedDown = (offered: NewLogEvent, rejection: Rejection) => {
        const candidate = byEvent.get(offered);
        if (!candidate) throw new TypeError(`a ${rejection.reason} offer has no message`);
        letters.push(deadLetter(rejection, origin(candidate.batch, candidate.message), candidate.message.value));
        reasons.push(rejection.reason);
      };
      for (const { offered, existing } of appended.conflicts) {
        const when = new Date(existing.eventTime).toISOString();
        turnedDown(offered, reject('conflicting-duplicate', `(${offered.source}, ${offered.id}) is already in the log with another payload (type ${existing.type}, time ${when})`));
      }
      for (const { offered, reason } of appended.refused) {
        turnedDown(offered, reject('refused-by-log', `PostgreSQL refused to store (${offered.source}, ${offered.id}): ${reason}`));
      }

      const appendedFacts = appended.appended.map((record) => {
        const fact = byEvent.get(record.offered)?.fact;
        if (!fact) throw new TypeError('an appended record has no offer');
        return fact;
      });
      await this.deadLetters.publish(letters);
      // One row per partition: a group can hold several fetches of the same partition.
      const partitions = new Map(batches.map(({ batch }) => [partitionKey(batch), { topic: batch.topic, partition: batch.partition }]));
      await this.offsets.saveAll(
        client,
        this.settings.groupId,
        [...partitions].map(([key, partition]) => ({ ...partition, nextOffset: stored.get(key) ?? 0 })),
      );
      return { skipped, accepted: appended.appended.length, duplicates: appended.duplicates.length, appendedFacts, reasons };
    });
    this.metrics.accepted.inc(outcome.accepted);
    this.metrics.duplicates.inc(outcome.duplicates);
    this.metrics.late.inc(this.factClock.observe(outcome.appendedFacts));
    this.metrics.replaysSkipped.inc(outcome.skipped);
    for (const reason of outcome.reasons) this.metrics.deadLettered.inc({ reason });
    for (const { stopTimer } of batches) stopTimer();
  }
}

/** A batch that was not made durable; its partition is fetched again from the batch's start. */
export class BatchNotCommitted extends Error {
  readonly code = 'batch-not-committed';
}

function origin(batch: ConsumedBatch, message: KafkaMessage) {
  // Every value of a repeated header: the dead letter carries the original headers, all of them.
  const headers: Record<string, OriginalHeader> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    if (value !== undefined) headers[name] = value;
  }
  return { topic: batch.topic, partition: batch.partition, offset: message.offset, key: message.key, timestamp: message.timestamp, headers };
}
