import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { IDEMPOTENT_PRODUCER } from '@parity/kafka';
import { Pool } from 'pg';
import { inTransaction, Signal } from '@parity/event-store';
import { ReconcilerMetrics } from './reconciler.metrics';

/** The advisory lock every reconciler instance's relay takes to publish (an arbitrary constant: "prty"). */
const RELAY_LOCK = 0x70727479;

export interface RelaySettings {
  readonly topic: string;
  readonly pollMs: number;
  readonly batchSize: number;
}

/**
 * Publishes committed finding changes in commit order, keyed by finding id, then marks them
 * published. A crash between the two publishes a change again (at least once; consumers dedupe
 * by the CloudEvent id `findingId:version`), never loses one. One relay at a time, across all
 * reconciler instances (a transaction-scoped advisory lock): two relays reading the table at once
 * would publish changes twice, and one that read before a later version committed could publish
 * the earlier version after it, leaving a reader of the latest per key on an old version.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private producer: Producer | undefined;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly committed = new Signal();

  constructor(
    private readonly pool: Pool,
    private readonly kafka: Kafka,
    private readonly settings: RelaySettings,
    private readonly metrics: ReconcilerMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.producer = this.kafka.producer(IDEMPOTENT_PRODUCER);
    await this.producer.connect();
    this.running = true;
    this.loop = this.relay();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
    await this.producer?.disconnect();
  }

  /** Finding changes were just committed here: publish them now rather than at the next poll. */
  wake(): void {
    this.committed.notify();
  }

  private async relay(): Promise<void> {
    while (this.running) {
      try {
        const sent = await this.publishPending();
        // The poll remains for changes committed by other instances, and after a failure.
        if (sent === 0) await this.committed.wait(this.settings.pollMs);
      } catch (error) {
        this.logger.error(`publishing finding changes failed, retrying: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  /** Changes published in this round; 0 when there were none, or another instance's relay is at it. */
  private async publishPending(): Promise<number> {
    const sent = await inTransaction(this.pool, async (client) => {
      const locked = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS locked', [RELAY_LOCK]);
      if (!locked.rows[0]?.locked) return undefined;
      const pending = await client.query<{ seq: string; finding_id: string; cloud_event: string }>(
        'SELECT seq, finding_id, cloud_event FROM finding_changes WHERE published_at IS NULL ORDER BY seq LIMIT $1',
        [this.settings.batchSize],
      );
      if (pending.rows.length === 0) return 0;
      await this.producer!.send({
        topic: this.settings.topic,
        acks: -1,
        messages: pending.rows.map((row) => ({
          key: row.finding_id,
          value: row.cloud_event,
          headers: { 'content-type': 'application/cloudevents+json' },
        })),
      });
      await client.query('UPDATE finding_changes SET published_at = now() WHERE seq = ANY($1::bigint[])', [pending.rows.map((row) => row.seq)]);
      return pending.rows.length;
    });
    if (sent === 0) this.metrics.unpublished.set(0);
    if (sent) this.metrics.published.inc(sent);
    return sent ?? 0;
  }
}
