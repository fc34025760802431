import { Injectable } from '@nestjs/common';
import { KafkaMessage } from 'kafkajs';
import { Pool } from 'pg';
import { decodeChannelEvent, deadLetter, DeadLetter, factKey, reject } from '@parity/contracts';
import { appendToLog, ConsumerOffsets, inTransaction, lockLogHead, NewLogEvent } from '@parity/event-store';
import { BatchCommitted, ConsumedBatch } from '@parity/kafka';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { FactClock } from './fact-clock';
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
}

/**
 * One partition batch, exactly once: the appended events and the group's next offset are written
 * in one PostgreSQL transaction; rejected records reach the dead-letter topic before it commits,
 * so a crash can repeat a dead letter (keyed by its origin, for dedupe) but never lose one.
 */
@Injectable()
export class BatchIngestion {
  constructor(
    private readonly pool: Pool,
    private readonly settings: BatchIngestionSettings,
    private readonly offsets: ConsumerOffsets,
    private readonly factClock: FactClock,
    private readonly deadLetters: DeadLetterPublisher,
    private readonly metrics: IngestMetrics,
  ) {}

  async ingest(batch: ConsumedBatch): Promise<BatchCommitted> {
    const stopTimer = this.metrics.batchSeconds.startTimer();
    // Decoding is pure and needs no lock: do it before the transaction queues on the log head.
    const decoded = batch.messages.map((message) => ({
      message,
      result: decodeChannelEvent({ value: message.value, headers: message.headers }, this.settings),
    }));
    const lastOffset = Number(batch.messages[batch.messages.length - 1]?.offset ?? -1);

    const outcome = await inTransaction(this.pool, async (client) => {
      const head = await lockLogHead(client);
      const stored = await this.offsets.lockNextOffset(client, this.settings.groupId, batch.topic, batch.partition);
      const fresh = decoded.filter(({ message }) => stored === undefined || Number(message.offset) >= stored);

      const candidates: Candidate[] = [];
      const letters: DeadLetter[] = [];
      const reasons: string[] = [];
      for (const { message, result } of fresh) {
        if (result.ok) {
          const { event } = result;
          candidates.push({
            message,
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
      const appended = await appendToLog(client, head, candidates.map((candidate) => candidate.event), Date.now());
      const byEvent = new Map(candidates.map((candidate) => [candidate.event, candidate]));
      for (const { offered, existing } of appended.conflicts) {
        const message = byEvent.get(offered)?.message;
        if (!message) throw new TypeError('a conflicting offer has no message');
        const rejection = reject(
          'conflicting-duplicate',
          `(${offered.source}, ${offered.id}) is already in the log with another payload (type ${existing.type}, time ${new Date(existing.eventTime).toISOString()})`,
        );
        letters.push(deadLetter(rejection, origin(batch, message), message.value));
        reasons.push(rejection.reason);
      }

      const appendedFacts = appended.appended.map((record) => {
        const fact = byEvent.get(record.offered)?.fact;
        if (!fact) throw new TypeError('an appended record has no offer');
        return fact;
      });
      await this.deadLetters.publish(letters);
      const nextOffset = Math.max(stored ?? 0, lastOffset + 1);
      await this.offsets.save(client, this.settings.groupId, batch.topic, batch.partition, nextOffset);
      return {
        nextOffset,
        skipped: decoded.length - fresh.length,
        accepted: appended.appended.length,
        duplicates: appended.duplicates.length,
        appendedFacts,
        reasons,
      };
    });
    this.metrics.accepted.inc(outcome.accepted);
    this.metrics.duplicates.inc(outcome.duplicates);
    this.metrics.late.inc(this.factClock.observe(outcome.appendedFacts));
    this.metrics.replaysSkipped.inc(outcome.skipped);
    for (const reason of outcome.reasons) this.metrics.deadLettered.inc({ reason });
    stopTimer();
    return { nextOffset: outcome.nextOffset };
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
