import type { ReplayRecord } from '@parity/event-store';
import { closeInstant, emptyProjection, findingCloudEvent, Instant, keyOfSubject, OpenFindings, openInstant, passBy, Projection, RulesConfig, take } from '@parity/rules';

/** One row of a finding history, as the reconciler writes it to finding_changes. */
export interface ChangeRow {
  readonly findingId: string;
  readonly version: number;
  readonly change: 'opened' | 'updated' | 'resolved';
  readonly logPosition: number;
  readonly cloudEvent: string;
}

/**
 * A clean run of the engine over a stretch of the log, instant by instant with the log's clock,
 * as the reconciler runs it: the same log and configuration give the same rows, byte for byte.
 * The events of one recorded instant (one append) are judged together (see Instant): an instant's
 * rows carry the position of its last event, and come once the next instant starts or at `finish`.
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
  /** The instant being taken in, and the recorded time of its last record. */
  private instant: Instant | undefined;
  private instantEnd: Pick<ReplayRecord, 'position' | 'recordedAt'> | undefined;

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

  /** The next records in log order -> the finding changes of the instants they close. */
  feed(records: readonly ReplayRecord[]): ChangeRow[] {
    const rows: ChangeRow[] = [];
    for (const record of records) {
      if (this.instant !== undefined && this.instant.at !== record.recordedAt) this.close(rows);
      this.instant ??= openInstant(this.projection, this.open, record.recordedAt, this.config);
      this.take(this.instant, record);
      this.instantEnd = record;
      this.events += 1;
      this.lastPosition = record.position;
    }
    return rows;
  }

  /** The end of the stretch: the rows of its last instant. */
  finish(): ChangeRow[] {
    const rows: ChangeRow[] = [];
    this.close(rows);
    return rows;
  }

  private close(rows: ChangeRow[]): void {
    const instant = this.instant;
    const end = this.instantEnd;
    this.instant = undefined;
    if (instant === undefined || end === undefined) return;
    for (const change of closeInstant(this.projection, this.open, instant, this.config)) {
      const version = (this.versions.get(change.finding.id) ?? 0) + 1;
      this.versions.set(change.finding.id, version);
      rows.push({ findingId: change.finding.id, version, change: change.type, logPosition: end.position, cloudEvent: findingCloudEvent(change, version, end.recordedAt) });
    }
  }

  private take(instant: Instant, record: ReplayRecord): void {
    // Another run's key: its channel becomes known, as take would make it, without the JSON.parse.
    if (this.partial && record.subject !== undefined) {
      const key = keyOfSubject(record.type, record.subject);
      if (key !== undefined && !this.owns(key)) return passBy(this.projection, record);
    }
    const event = {
      source: record.source,
      id: record.id,
      type: record.type,
      eventTime: record.eventTime,
      data: JSON.parse(record.dataJson) as unknown,
    };
    take(this.projection, this.open, instant, event, this.owns);
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
