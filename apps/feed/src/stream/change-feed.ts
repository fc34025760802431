import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { inTransaction } from '@parity/event-store';
import { FindingView } from '../findings/finding-view';
import { FeedMetrics } from '../feed.metrics';
import { ORIGIN, StreamPosition } from './stream-position';

/** One committed finding change, as the stream sends it. */
export interface StreamedChange {
  readonly position: StreamPosition;
  readonly change: 'opened' | 'updated' | 'resolved';
  readonly findingId: string;
  readonly version: number;
  readonly committedAt: string;
  readonly finding: FindingView;
}

export interface Subscriber {
  /** Called in stream order, each change once, for changes after the subscriber's start. */
  deliver(change: StreamedChange): void;
}

interface ChangeRow {
  seq: string;
  finding_id: string;
  version: number;
  change: StreamedChange['change'];
  committed_at: Date;
  cloud_event: string;
}

const PAGE = 1000;
const COLUMNS = 'seq, finding_id, version, change, committed_at, cloud_event';

/**
 * Follows `finding_changes` in seq order in one loop per process and fans each change out to the
 * live streams. A stream that resumes first reads what it missed from the table, up to where the
 * loop was when it subscribed, then the changes the loop delivered meanwhile: nothing lost,
 * nothing twice.
 *
 * A seq is taken at insert, before commit: with two reconciler instances a smaller seq can commit
 * after a larger one, and a reader that moved past the larger would never send
 * the smaller. So the loop reads only up to a settled horizon: the largest seq at a moment when
 * no transaction is writing the table, found under a brief SHARE lock (it waits for the
 * in-flight writers to commit and holds new ones back for one index lookup). pg_snapshot_xmin
 * would avoid the lock, but it waits for every transaction of the whole cluster, whatever it
 * writes: on the shared development server (other suites' transactions) a dashboard got a
 * finding 17 s late.
 */
@Injectable()
export class ChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChangeFeed.name);
  private head: StreamPosition = ORIGIN;
  private readonly subscribers = new Set<Subscriber>();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly pollMs: number,
    private readonly metrics: FeedMetrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.head = await this.settledHorizon();
    this.running = true;
    this.loop = this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** Where the loop is: every change up to here has been delivered to the subscribers of the time. */
  position(): StreamPosition {
    return this.head;
  }

  /** Subscribes and returns the position from which the subscriber gets live changes. */
  subscribe(subscriber: Subscriber): StreamPosition {
    this.subscribers.add(subscriber);
    this.metrics.liveClients.set(this.subscribers.size);
    return this.head;
  }

  unsubscribe(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    this.metrics.liveClients.set(this.subscribers.size);
  }

  /** Changes after `from` up to and including `to` (a settled position), in order: what a resuming stream missed. */
  async between(from: StreamPosition, to: StreamPosition, onPage: (changes: StreamedChange[]) => void): Promise<void> {
    for (let after = from; after < to; ) {
      const changes = await this.read(after, to);
      const last = changes[changes.length - 1];
      if (!last) return;
      onPage(changes);
      after = last.position;
    }
  }

  private async follow(): Promise<void> {
    while (this.running) {
      try {
        // The lock is taken only when something new is visible: an idle feed does not touch writers.
        const visible = await this.pool.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM finding_changes');
        const newest = BigInt(visible.rows[0]?.seq ?? 0);
        let delivered = 0;
        if (newest > this.head) {
          const horizon = await this.settledHorizon();
          const changes = await this.read(this.head, horizon);
          // Delivery and the head move together, synchronously: a subscriber joining between two
          // reads sees a head that matches exactly what it did not get.
          for (const change of changes) {
            this.head = change.position;
            for (const subscriber of this.subscribers) subscriber.deliver(change);
          }
          if (changes.length < PAGE) this.head = horizon > this.head ? horizon : this.head;
          delivered = changes.length;
          this.metrics.streamedChanges.inc(changes.length);
        }
        if (delivered < PAGE) await sleep(this.pollMs);
      } catch (error) {
        const lockTimeout = (error as { code?: string }).code === LOCK_NOT_AVAILABLE;
        if (!lockTimeout) this.logger.error(`following finding changes failed, retrying: ${(error as Error).message}`);
        await sleep(lockTimeout ? this.pollMs : 1000);
      }
    }
  }

  /** The largest seq with no writer in flight: every seq at or below it is committed or never will be. */
  private async settledHorizon(): Promise<StreamPosition> {
    return inTransaction(this.pool, async (client) => {
      await client.query(`SET LOCAL lock_timeout = '${LOCK_TIMEOUT_MS}ms'`);
      await client.query('LOCK TABLE finding_changes IN SHARE MODE');
      const result = await client.query<{ seq: string | null }>('SELECT max(seq) AS seq FROM finding_changes');
      return BigInt(result.rows[0]?.seq ?? 0);
    });
  }

  private async read(after: StreamPosition, upTo: StreamPosition): Promise<StreamedChange[]> {
    const result = await this.pool.query<ChangeRow>(`SELECT ${COLUMNS} FROM finding_changes WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT ${PAGE}`, [
      after.toString(),
      upTo.toString(),
    ]);
    return result.rows.map(changeOf);
  }
}

const LOCK_NOT_AVAILABLE = '55P03';
/** A writer holding the table longer than this is waited for on the next poll instead. */
const LOCK_TIMEOUT_MS = 2000;

function changeOf(row: ChangeRow): StreamedChange {
  return {
    position: BigInt(row.seq),
    change: row.change,
    findingId: row.finding_id,
    version: row.version,
    committedAt: row.committed_at.toISOString(),
    finding: (JSON.parse(row.cloud_event) as { data: FindingView }).data,
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
