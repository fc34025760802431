import { Injectable } from '@nestjs/common';
import { KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { decodeChannelEvent, Decoded, deadLetter, DeadLetter, factKey, reject } from '@parity/contracts';
import { appendToLog, ConsumerOffsets, inTransaction, lockLogHead, NewLogEvent, partitionKey } from '@parity/event-store';
import { BatchCommitted, ConsumedBatch } from '@parity/kafka';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { FactClock } from './fact-clock';
import { GroupCommit } from './group-commit';
import { IngestMetrics } from './ingest.metrics';
import { FactTime } from './late-arrivals';

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

/**
 * Partition batches, exactly once: the appended events and the group's next offsets are written
 * in one PostgreSQL transaction; rejected records reach the dead-letter topic before it commits,
 * so a crash can repeat a dead letter (keyed by its origin, for dedupe) but never lose one. The
 * batches of one fetch share that transaction (GroupCommit).
 */
@Injectable()
export class BatchIngestion {
  private readonly commits = new GroupCommit<DecodedBatch, BatchCommitted>((batches) => this.commitTogether(batches));

  constructor(
    private readonly pool: Pool,
    private readonly settings: BatchIngestionSettings,
    private readonly offsets: ConsumerOffsets,
    private readonly factClock: FactClock,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: IngestMetrics,
  ) {}

  ingest(batch: ConsumedBatch): Promise<BatchCommitted> {
    const stopTimer = this.metrics.batchSeconds.startTimer();
    // Decoding is pure and needs no lock: do it before the transaction queues on the log head.
    const decoded = batch.messages.map((message) => ({
      message,
      result: decodeChannelEvent({ value: message.value, headers: message.headers }, this.settings),
    }));
    const lastOffset = Number(batch.messages[batch.messages.length - 1]?.offset ?? -1);
    return this.commits.submit({ batch, decoded, lastOffset, stopTimer });
  }

  private async commitTogether(batches: readonly DecodedBatch[]): Promise<BatchCommitted[]> {
    const outcome = await inTransaction(this.pool, async (client) => {
      const head = await lockLogHead(client);
      const stored = await this.offsets.lockNextOffsets(client, this.settings.groupId, batches.map(({ batch }) => batch));
      const candidates: Candidate[] = [];
      const letters: DeadLetter[] = [];
      const reasons: string[] = [];
      let skipped = 0;
      const committed: BatchCommitted[] = [];
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
        const nextOffset = Math.max(from ?? 0, lastOffset + 1);
        stored.set(key, nextOffset);
        committed.push({ nextOffset });
      }
      const appended = await appendToLog(client, head, candidates.map((candidate) => candidate.event), Date.now());
      const byEvent = new Map(candidates.map((candidate) => [candidate.event, candidate]));
      for (const { offered, existing } of appended.conflicts) {
        const candidate = byEvent.get(offered);
        if (!candidate) throw new TypeError('a conflicting offer has no message');
        const rejection = reject(
          'conflicting-duplicate',
          `(${offered.source}, ${offered.id}) is already in the log with another payload (type ${existing.type}, time ${new Date(existing.eventTime).toISOString()})`,
        );
        letters.push(deadLetter(rejection, origin(candidate.batch, candidate.message), candidate.message.value));
        reasons.push(rejection.reason);
      }

      const appendedFacts = appended.appended.map((record) => {
        const fact = byEvent.get(record.offered)?.fact;
        if (!fact) throw new TypeError('an appended record has no offer');
        return fact;
      });
      await this.deadLetters.publish(letters);
      await this.offsets.saveAll(
        client,
        this.settings.groupId,
        batches.map(({ batch }) => ({ topic: batch.topic, partition: batch.partition, nextOffset: stored.get(partitionKey(batch)) ?? 0 })),
      );
      return { committed, skipped, accepted: appended.appended.length, duplicates: appended.duplicates.length, appendedFacts, reasons };
    });
    this.metrics.accepted.inc(outcome.accepted);
    this.metrics.duplicates.inc(outcome.duplicates);
    this.metrics.late.inc(this.factClock.observe(outcome.appendedFacts));
    this.metrics.replaysSkipped.inc(outcome.skipped);
    for (const reason of outcome.reasons) this.metrics.deadLettered.inc({ reason });
    for (const { stopTimer } of batches) stopTimer();
    return outcome.committed;
  }
}

function origin(batch: ConsumedBatch, message: KafkaMessage) {
  const headers: Record<string, string | Uint8Array> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = first;
  }
  return { topic: batch.topic, partition: batch.partition, offset: message.offset, key: message.key, timestamp: message.timestamp, headers };
}
