import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { FindingView } from '../findings/finding-view';
import { FeedMetrics } from '../feed.metrics';
import { compare, ORIGIN, StreamPosition } from './stream-position';

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
  tx: string;
  seq: string;
  finding_id: string;
  version: number;
  change: StreamedChange['change'];
  committed_at: Date;
  cloud_event: string;
}

const PAGE = 1000;

/*
 * Only changes of transactions older than every transaction still running: a row with a smaller
 * seq that commits later belongs to a transaction still running now, so it is not skipped, it is
 * taken when that transaction ends. pg_current_snapshot() is the statement's own snapshot.
 */
const SAFE = 'tx < pg_snapshot_xmin(pg_current_snapshot())';
const COLUMNS = 'tx::text AS tx, seq, finding_id, version, change, committed_at, cloud_event';

/**
 * Follows `finding_changes` in one loop per process and fans each change out to the live
 * streams. A stream that resumes first reads what it missed from the table, up to where the
 * loop was when it subscribed, then the changes the loop delivered meanwhile: nothing lost,
 * nothing twice.
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
    const last = await this.pool.query<{ tx: string; seq: string }>(`SELECT tx::text AS tx, seq FROM finding_changes WHERE ${SAFE} ORDER BY tx DESC, seq DESC LIMIT 1`);
    const row = last.rows[0];
    this.head = row ? { tx: BigInt(row.tx), seq: BigInt(row.seq) } : ORIGIN;
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

  /** Changes after `from` up to and including `to`, in stream order: what a resuming stream missed. */
  async between(from: StreamPosition, to: StreamPosition, onPage: (changes: StreamedChange[]) => void): Promise<void> {
    let after = from;
    while (compare(after, to) < 0) {
      const result = await this.pool.query<ChangeRow>(
        `SELECT ${COLUMNS} FROM finding_changes
          WHERE (tx, seq) > ($1::text::xid8, $2::bigint) AND (tx, seq) <= ($3::text::xid8, $4::bigint)
          ORDER BY tx, seq LIMIT ${PAGE}`,
        [after.tx.toString(), after.seq.toString(), to.tx.toString(), to.seq.toString()],
      );
      const changes = result.rows.map(changeOf);
      const last = changes[changes.length - 1];
      if (!last) return;
      onPage(changes);
      after = last.position;
      if (changes.length < PAGE) return;
    }
  }

  private async follow(): Promise<void> {
    while (this.running) {
      try {
        const result = await this.pool.query<ChangeRow>(
          `SELECT ${COLUMNS} FROM finding_changes WHERE (tx, seq) > ($1::text::xid8, $2::bigint) AND ${SAFE} ORDER BY tx, seq LIMIT ${PAGE}`,
          [this.head.tx.toString(), this.head.seq.toString()],
        );
        // Delivery and the head move together, synchronously: a subscriber joining between two
        // polls sees a head that matches exactly what it did not get.
        for (const row of result.rows) {
          const change = changeOf(row);
          this.head = change.position;
          for (const subscriber of this.subscribers) subscriber.deliver(change);
        }
        this.metrics.streamedChanges.inc(result.rows.length);
        if (result.rows.length < PAGE) await sleep(this.pollMs);
      } catch (error) {
        this.logger.error(`following finding changes failed, retrying: ${(error as Error).message}`);
        await sleep(1000);
      }
    }
  }
}

function changeOf(row: ChangeRow): StreamedChange {
  return {
    position: { tx: BigInt(row.tx), seq: BigInt(row.seq) },
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
