import type { ReplayRecord } from '@parity/event-store';
import { emptyProjection, FindingChange, findingCloudEvent, keyOfSubject, OpenFindings, passBy, Projection, RulesConfig, step } from '@parity/rules';

/** One row of a finding history, as the reconciler writes it to finding_changes. */
export interface ChangeRow {
  readonly findingId: string;
  readonly version: number;
  readonly change: 'opened' | 'updated' | 'resolved';
  readonly logPosition: number;
  readonly cloudEvent: string;
}

/**
 * A clean run of the engine over a stretch of the log, event by event with the log's clock,
 * as the reconciler runs it: the same log and configuration give the same rows, byte for byte.
 * A run that starts later than position 1 is a fresh run: it knows nothing from before.
 * With `owns`, the run keeps and judges only those keys, as a reconciler owning some partitions
 * does: it still reads every record (the clock and the channels known are the whole log's), and
 * runs owning every partition between them give the rows of one run, in another order.
 */
export class ReplayRun {
  private readonly projection: Projection;
  private readonly open: OpenFindings = new Map();
  private readonly versions = new Map<string, number>();
  private events = 0;
  private lastPosition = 0;

  /** Whether some keys are not this run's: then records of others are passed by unparsed. */
  private readonly partial: boolean;

  constructor(
    private readonly config: RulesConfig,
    private readonly owns: (key: string) => boolean = ALL,
  ) {
    this.projection = emptyProjection(config);
    this.partial = owns !== ALL;
  }

  get replayed(): number {
    return this.events;
  }

  get position(): number {
    return this.lastPosition;
  }

  /** The next records in log order -> the finding changes they cause. */
  feed(records: readonly ReplayRecord[]): ChangeRow[] {
    const rows: ChangeRow[] = [];
    for (const record of records) {
      for (const change of this.stepOf(record)) {
        const version = (this.versions.get(change.finding.id) ?? 0) + 1;
        this.versions.set(change.finding.id, version);
        rows.push({ findingId: change.finding.id, version, change: change.type, logPosition: record.position, cloudEvent: findingCloudEvent(change, version, record.recordedAt) });
      }
      this.events += 1;
      this.lastPosition = record.position;
    }
    return rows;
  }

  private stepOf(record: ReplayRecord): FindingChange[] {
    // Another run's key: the same changes as step gives it (the clock's), without the JSON.parse.
    if (this.partial && record.subject !== undefined) {
      const key = keyOfSubject(record.type, record.subject);
      if (key !== undefined && !this.owns(key)) return passBy(this.projection, this.open, record, this.config);
    }
    const event = {
      source: record.source,
      id: record.id,
      type: record.type,
      eventTime: record.eventTime,
      recordedAt: record.recordedAt,
      data: JSON.parse(record.dataJson) as unknown,
    };
    return step(this.projection, this.open, event, this.config, this.owns);
  }
}

const ALL = (): boolean => true;

export interface ChangeDifference {
  readonly findingId: string;
  readonly version: number;
  /** What differs: only in the replay, only in the live history, or both with other content. */
  readonly kind: 'only-in-replay' | 'only-live' | 'different';
  readonly replay: Pick<ChangeRow, 'change' | 'logPosition'> | undefined;
  readonly live: Pick<ChangeRow, 'change' | 'logPosition'> | undefined;
}
