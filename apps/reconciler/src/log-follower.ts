import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { FollowedAppends, followAppends, FollowedRecord, followLog, LogAppends } from '@parity/event-store';
import { PartitionOwnership } from '@parity/kafka';
import {
  apply,
  closeInstant,
  emptyProjection,
  Instant,
  keyOfEvent,
  OpenFindings,
  openInstant,
  partitionOf,
  Projection,
  RecordedEvent,
  RulesConfig,
  scheduleRechecks,
  take,
} from '@parity/rules';
import { ClockTicks } from './clock-ticks';
import { FindingsRepository, PositionedChange } from './findings.repository';
import { OutboxRelay } from './outbox-relay';
import { OwnershipLost } from './ownership-lost';
import { ReconcilerMetrics } from './reconciler.metrics';

export interface FollowerSettings {
  readonly checkpoint: string;
  readonly partitions: number;
  readonly pageSize: number;
  readonly pollMs: number;
  readonly rules: RulesConfig;
}

/**
 * Follows the log in global order for the state partitions this instance owns. Each append (the
 * events of one recorded time) goes through the pure engine as one instant; a page of whole
 * appends has its finding changes saved with the partitions' checkpoints in one transaction. On
 * every (re)assignment it rebuilds its partitions' state from the log.
 */
@Injectable()
export class LogFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LogFollower.name);
  private projection: Projection;
  private open: OpenFindings = new Map();
  private versions = new Map<string, number>();
  /** Per owned partition, the log position its findings are current with. */
  private checkpoints = new Map<number, number>();
  private owned = new Set<number>();
  /** Owned partitions whose rechecks are not scheduled yet: the log has not reached their checkpoint. */
  private unscheduled = new Set<number>();
  /** The log's clock: recordedAt of the last event read. */
  private clock = 0;
  private assignment: number[] | undefined;
  private rebuildNeeded = false;
  private running = false;
  private loop: Promise<void> | undefined;
  /** The last page's save, while it runs. */
  private saving: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly findings: FindingsRepository,
    private readonly ownership: PartitionOwnership,
    private readonly settings: FollowerSettings,
    private readonly metrics: ReconcilerMetrics,
    private readonly appends: LogAppends,
    private readonly relay: OutboxRelay,
    private readonly ticks: ClockTicks,
  ) {
    this.projection = emptyProjection(settings.rules);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.appends.start();
    this.running = true;
    this.loop = this.follow();
    // Joining the group can wait for a rebalance: serve health and metrics meanwhile.
    void this.ownership
      .start((partitions) => {
        this.assignment = partitions;
        this.rebuildNeeded = true;
      })
      .catch((error: unknown) => this.logger.error(`joining the reconciler group failed: ${(error as Error).message}`));
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    this.appends.signal.notify();
    await this.loop;
    await this.appends.stop();
    await this.ownership.stop();
  }

  private checkpointName(partition: number): string {
    return `${this.settings.checkpoint}/p${partition}`;
  }

  private owns = (key: string): boolean => this.owned.has(partitionOf(key, this.settings.partitions));

  private async follow(): Promise<void> {
    let ahead: ReadAhead | undefined;
    while (this.running) {
      try {
        if (this.rebuildNeeded) {
          ahead = undefined;
          // A rebuild reads the store: the page being saved goes in first (or fails, and is read again).
          await this.saved().catch(() => undefined);
          await this.rebuild();
        }
        if (this.owned.size === 0) {
          await this.saved();
          await sleep(this.settings.pollMs);
          continue;
        }
        const from = Math.min(...this.checkpoints.values());
        const { records: page, more } = ahead?.from === from ? await ahead.page : await followAppends(this.pool, from, this.settings.pageSize);
        ahead = undefined;
        // Woken by the append's commit; the poll is only the fallback.
        if (page.length === 0) {
          await this.saved();
          await this.tickIfDue();
          await this.appends.next(this.settings.pollMs);
          continue;
        }
        // A full page: the log likely holds more. PostgreSQL reads the next page while this one is
        // reconciled and saved, instead of the engine and the database taking turns on one core.
        if (more) ahead = readAhead(this.pool, page[page.length - 1]!.position, this.settings.pageSize);
        await this.process(page);
      } catch (error) {
        ahead = undefined;
        await this.saved().catch(() => undefined);
        // Nothing of the failed page was committed: rebuild from the store and go on.
        this.logger.error(`reconciling failed, rebuilding: ${(error as Error).message}`);
        this.rebuildNeeded = true;
        await sleep(error instanceof OwnershipLost ? 100 : 1000);
      }
    }
    await this.saved().catch((error: unknown) => this.logger.error(`saving the last page failed: ${(error as Error).message}`));
  }

  /**
   * Read to the end of the log, and a recheck due by now: time must move in the log (ClockTicks).
   * A tick that fails is tried again at the next idle turn; it is no reason to rebuild.
   */
  private async tickIfDue(): Promise<void> {
    try {
      if (await this.ticks.tickIfDue(this.projection.wakeups.earliest())) this.metrics.clockTicks.inc();
    } catch (error) {
      this.logger.warn(`appending a clock tick failed: ${(error as Error).message}`);
    }
  }

  /** Waits for the page being saved, if any; throws what its save threw. */
  private async saved(): Promise<void> {
    const saving = this.saving;
    this.saving = undefined;
    await saving;
  }

  private async rebuild(): Promise<void> {
    this.rebuildNeeded = false;
    const started = Date.now();
    this.owned = new Set(this.assignment ?? []);
    const stored = await this.findings.checkpoints([...this.owned].map((p) => this.checkpointName(p)));
    this.checkpoints = new Map([...this.owned].map((p) => [p, stored.get(this.checkpointName(p)) ?? 0]));
    const { open, versions } = await this.findings.load();
    this.versions = versions;
    this.open = new Map();
    for (const finding of open.filter((f) => this.owns(f.key))) this.open.set(finding.key, [...(this.open.get(finding.key) ?? []), finding]);
    this.projection = emptyProjection(this.settings.rules);
    const upTo = this.owned.size === 0 ? 0 : Math.min(...this.checkpoints.values());
    this.clock = 0;
    for (let at = 0; at < upTo; ) {
      const page = await followLog(this.pool, at, Math.min(10_000, upTo - at));
      if (page.length === 0) break;
      for (const record of page) {
        apply(this.projection, recorded(record), this.owns);
        this.clock = record.recordedAt;
      }
      at = page[page.length - 1]?.position ?? upTo;
    }
    this.unscheduled = new Set(this.owned);
    this.catchUp(upTo);
    this.metrics.ownedPartitions.set(this.owned.size);
    this.logger.log(
      `owning partitions [${[...this.owned].join(', ')}] of ${this.settings.partitions}: rebuilt ${this.projection.states.size} states up to ${upTo} in ${Date.now() - started} ms`,
    );
  }

  /** Partitions whose checkpoint the log has reached get the rechecks a clean run would have pending. */
  private catchUp(position: number): void {
    for (const partition of this.unscheduled) {
      if ((this.checkpoints.get(partition) ?? 0) > position) continue;
      const keys = new Set([...this.projection.states.keys(), ...this.open.keys()].filter((key) => partitionOf(key, this.settings.partitions) === partition));
      scheduleRechecks(this.projection, this.open, keys, this.clock, this.settings.rules);
      this.unscheduled.delete(partition);
    }
  }

  private async process(page: readonly FollowedRecord[]): Promise<void> {
    const stopTimer = this.metrics.pageSeconds.startTimer();
    const changes: PositionedChange[] = [];
    const versions = new Map<string, number>();
    // Partitions' checkpoints differ only right after an assignment; then some events are already done.
    const ahead = Math.max(...this.checkpoints.values());
    // The instant being taken in (the events of one recorded time: one append), and its last record.
    let instant: Instant | undefined;
    let end: FollowedRecord | undefined;
    const close = () => {
      if (instant === undefined || end === undefined) return;
      for (const change of closeInstant(this.projection, this.open, instant, this.settings.rules)) {
        const id = change.finding.id;
        const version = (versions.get(id) ?? this.versions.get(id) ?? 0) + 1;
        versions.set(id, version);
        changes.push({ change, version, logPosition: end.position, changedAt: end.recordedAt });
      }
      this.clock = instant.at;
      instant = undefined;
    };
    for (let n = 0; n < page.length; n += 1) {
      // The page saving and the page read ahead move on only when this loop lets I/O in: without
      // this, each of their round trips waited for the rest of a page (tens of ms), and the save,
      // seven round trips, made the engine wait as long as it had worked.
      if (n > 0 && n % EVENTS_BETWEEN_IO === 0) await turnOfTheEventLoop();
      const record = page[n]!;
      if (instant !== undefined && instant.at !== record.recordedAt) close();
      if (instant === undefined) {
        if (this.unscheduled.size > 0) this.catchUp(record.position - 1);
        // Time moves on for every partition, the ones already past this instant too.
        instant = openInstant(this.projection, this.open, record.recordedAt, this.settings.rules);
      }
      const event = recorded(record);
      // Reading the event's key (its fact's, or for an action its finding's) parses it once more:
      // only worth it while a partition is ahead.
      const key = record.position <= ahead ? keyOfEvent(event) : undefined;
      // A partition whose checkpoint is ahead of the page already holds this event's changes
      // (checkpoints end at an instant's end, as pages do: followAppends).
      const done = key !== undefined && this.owns(key) && record.position <= (this.checkpoints.get(partitionOf(key, this.settings.partitions)) ?? 0);
      if (done) apply(this.projection, event, this.owns);
      else take(this.projection, this.open, instant, event, this.owns);
      end = record;
    }
    close();
    const last = page[page.length - 1]?.position ?? 0;
    const advance = new Map([...this.checkpoints].map(([p, at]) => [this.checkpointName(p), { expected: at, next: Math.max(at, last) }]));
    // The engine moves on to the next page while this one commits. Saves run one at a time in page
    // order (each fenced on the checkpoints the one before left), and any failure rebuilds from
    // the store (follow), so no state past a page that did not commit survives.
    for (const [id, version] of versions) this.versions.set(id, version);
    for (const p of this.checkpoints.keys()) this.checkpoints.set(p, Math.max(this.checkpoints.get(p) ?? 0, last));
    await this.saved();
    const saving = this.save(advance, changes, page.length, last, stopTimer);
    // Awaited by the next page or the loop; handled now, so a failure meanwhile is no unhandled rejection.
    saving.catch(() => undefined);
    this.saving = saving;
  }

  private async save(advance: Map<string, { expected: number; next: number }>, changes: PositionedChange[], events: number, last: number, stopTimer: () => void): Promise<void> {
    await this.findings.save(advance, changes);
    if (changes.length > 0) this.relay.wake();
    this.metrics.events.inc(events);
    for (const { change } of changes) this.metrics.changes.inc({ type: change.type, rule: change.finding.rule });
    this.metrics.position.set(last);
    stopTimer();
  }
}

/** The next page of the log, being read. */
interface ReadAhead {
  readonly from: number;
  readonly page: Promise<FollowedAppends>;
}

function readAhead(pool: Pool, from: number, pageSize: number): ReadAhead {
  const page = followAppends(pool, from, pageSize);
  // Dropped unread after a failure or a rebuild: its error is not this loop's to report.
  page.catch(() => undefined);
  return { from, page };
}

function recorded(record: FollowedRecord): RecordedEvent {
  return { source: record.source, id: record.id, type: record.type, eventTime: record.eventTime, recordedAt: record.recordedAt, data: JSON.parse(record.dataJson) as unknown };
}

/** About 5 ms of engine work on this machine: the longest a database reply waits to be read. */
const EVENTS_BETWEEN_IO = 256;

/** Resolves after the event loop has run pending I/O callbacks (setImmediate follows the poll phase). */
function turnOfTheEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
