import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { readLog, LogRecord } from '@parity/event-store';
import { apply, emptyProjection, OpenFindings, Projection, RecordedEvent, RulesConfig, step } from '@parity/rules';
import { FindingsRepository, PositionedChange } from './findings.repository';
import { ReconcilerMetrics } from './reconciler.metrics';

export interface FollowerSettings {
  readonly checkpoint: string;
  readonly pageSize: number;
  readonly pollMs: number;
  readonly rules: RulesConfig;
}

/**
 * Follows the log in global order from the checkpoint: each event goes through the pure engine,
 * and a page's finding changes are saved with the new checkpoint in one transaction. On start it
 * rebuilds the projection from the log up to the checkpoint, silently.
 */
@Injectable()
export class LogFollower implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LogFollower.name);
  private projection: Projection;
  private open: OpenFindings = new Map();
  private versions = new Map<string, number>();
  private position = 0;
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly pool: Pool,
    private readonly findings: FindingsRepository,
    private readonly settings: FollowerSettings,
    private readonly metrics: ReconcilerMetrics,
  ) {
    this.projection = emptyProjection(settings.rules);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.rebuild();
    this.running = true;
    this.loop = this.follow();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  /** The log position the findings are current with. */
  get checkpoint(): number {
    return this.position;
  }

  private async rebuild(): Promise<void> {
    const started = Date.now();
    this.position = await this.findings.checkpoint(this.settings.checkpoint);
    const { open, versions } = await this.findings.load();
    this.versions = versions;
    this.open = new Map();
    for (const finding of open) this.open.set(finding.key, [...(this.open.get(finding.key) ?? []), finding]);
    let at = 0;
    while (at < this.position) {
      const page = await readLog(this.pool, at, Math.min(10_000, this.position - at));
      if (page.length === 0) break;
      for (const record of page) apply(this.projection, recorded(record));
      at = page[page.length - 1]?.position ?? this.position;
    }
    this.logger.log(`rebuilt ${this.projection.states.size} states from ${this.position} events in ${Date.now() - started} ms; ${open.length} findings open`);
  }

  private async follow(): Promise<void> {
    while (this.running) {
      try {
        const page = await readLog(this.pool, this.position, this.settings.pageSize);
        if (page.length === 0) {
          await sleep(this.settings.pollMs);
          continue;
        }
        await this.process(page);
      } catch (error) {
        // Infrastructure failure: the page was not committed; retry it after a pause.
        this.logger.error(`reconciling failed, retrying: ${(error as Error).message}`);
        await this.rebuildAfterFailure();
      }
    }
  }

  private async process(page: readonly LogRecord[]): Promise<void> {
    const stopTimer = this.metrics.pageSeconds.startTimer();
    const changes: PositionedChange[] = [];
    const versions = new Map<string, number>();
    for (const record of page) {
      for (const change of step(this.projection, this.open, recorded(record), this.settings.rules)) {
        const id = change.finding.id;
        const version = (versions.get(id) ?? this.versions.get(id) ?? 0) + 1;
        versions.set(id, version);
        changes.push({ change, version, logPosition: record.position, changedAt: record.recordedAt });
      }
    }
    const last = page[page.length - 1]?.position ?? this.position;
    await this.findings.save(this.settings.checkpoint, last, changes);
    for (const [id, version] of versions) this.versions.set(id, version);
    this.position = last;
    this.metrics.events.inc(page.length);
    for (const { change } of changes) this.metrics.changes.inc({ type: change.type, rule: change.finding.rule });
    this.metrics.position.set(last);
    stopTimer();
  }

  /** The in-memory state may be ahead of what was committed: start again from the store. */
  private async rebuildAfterFailure(): Promise<void> {
    await sleep(1000);
    try {
      this.projection = emptyProjection(this.settings.rules);
      await this.rebuild();
    } catch (error) {
      this.logger.error(`rebuild failed, retrying: ${(error as Error).message}`);
    }
  }
}

function recorded(record: LogRecord): RecordedEvent {
  return { source: record.source, id: record.id, type: record.type, eventTime: record.eventTime, recordedAt: record.recordedAt, data: JSON.parse(record.dataJson) as unknown };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
