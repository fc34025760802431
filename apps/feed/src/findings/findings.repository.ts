import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { FINDING_ACTION_TYPES } from '@parity/rules';
import { encodeCursor, FindingFilter, FindingListQuery } from './finding-query';
import { COUNT_DIMENSIONS, CountDimension, countsSql, listSql } from './finding-sql';
import { FindingRow, FindingView, viewOf } from './finding-view';

export interface FindingPage {
  readonly findings: FindingView[];
  /** Pass as `cursor` for the next page; null on the last one. */
  readonly nextCursor: string | null;
}

export type FindingCounts = { readonly total: number } & { readonly [D in CountDimension as `by${Capitalize<D>}`]: Record<string, number> };

export interface LoggedEventView {
  readonly position: number;
  readonly source: string;
  readonly id: string;
  readonly type: string;
  readonly subject: string | null;
  readonly eventTime: string;
  readonly recordedAt: string;
  readonly data: unknown;
}

export interface FindingChangeView {
  readonly version: number;
  readonly change: string;
  readonly committedAt: string;
  readonly status: string;
  readonly handling: unknown;
  readonly channels: unknown;
  readonly severity: string;
  readonly impactAt: string;
}

interface EventRow {
  position: string;
  source: string;
  id: string;
  type: string;
  subject: string | null;
  event_time: Date;
  recorded_at: Date;
  data: string;
}

export const eventViewOf = (row: EventRow): LoggedEventView => ({
  position: Number(row.position),
  source: row.source,
  id: row.id,
  type: row.type,
  subject: row.subject,
  eventTime: row.event_time.toISOString(),
  recordedAt: row.recorded_at.toISOString(),
  data: JSON.parse(row.data) as unknown,
});

export const EVENT_COLUMNS = 'position, source, id, type, subject, event_time, recorded_at, data::text AS data';

/** Reads findings, their history and their evidence; never writes. */
@Injectable()
export class FindingsRepository {
  constructor(private readonly pool: Pool) {}

  async list(query: FindingListQuery): Promise<FindingPage> {
    const sql = listSql(query.filter, query.sort, query.limit, query.cursor);
    const result = await this.pool.query<FindingRow & { sort_key: Date | number }>(sql.text, [...sql.values]);
    const rows = result.rows.slice(0, query.limit);
    const last = rows[rows.length - 1];
    const more = result.rows.length > query.limit && last !== undefined;
    return {
      findings: rows.map(viewOf),
      nextCursor: more ? encodeCursor({ sort: query.sort, key: last.sort_key instanceof Date ? last.sort_key.toISOString() : Number(last.sort_key), id: last.id }) : null,
    };
  }

  async counts(filter: FindingFilter): Promise<FindingCounts> {
    const sql = countsSql(filter);
    const result = await this.pool.query<{ dimension: string; value: string | null; count: string }>(sql.text, [...sql.values]);
    const counts: Record<string, Record<string, number> | number> = { total: 0 };
    for (const dimension of COUNT_DIMENSIONS) counts[`by${dimension[0]!.toUpperCase()}${dimension.slice(1)}`] = {};
    for (const row of result.rows) {
      if (row.dimension === 'total') counts['total'] = Number(row.count);
      else (counts[`by${row.dimension[0]!.toUpperCase()}${row.dimension.slice(1)}`] as Record<string, number>)[row.value ?? ''] = Number(row.count);
    }
    return counts as unknown as FindingCounts;
  }

  async row(id: string): Promise<FindingRow | undefined> {
    const result = await this.pool.query<FindingRow>('SELECT * FROM findings WHERE id = $1', [id]);
    return result.rows[0];
  }

  /** The log events a finding names as evidence. */
  async evidence(evidence: readonly { source: string; id: string }[]): Promise<LoggedEventView[]> {
    if (evidence.length === 0) return [];
    const result = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM event_log
        WHERE (source, id) IN (SELECT * FROM unnest($1::text[], $2::text[])) ORDER BY position`,
      [evidence.map((e) => e.source), evidence.map((e) => e.id)],
    );
    return result.rows.map(eventViewOf);
  }

  /** Every change of a finding, oldest first, as the reconciler committed it. */
  async history(id: string): Promise<FindingChangeView[]> {
    const result = await this.pool.query<{ version: number; change: string; committed_at: Date; cloud_event: string }>(
      'SELECT version, change, committed_at, cloud_event FROM finding_changes WHERE finding_id = $1 ORDER BY version',
      [id],
    );
    return result.rows.map((row) => {
      const data = (JSON.parse(row.cloud_event) as { data: FindingView }).data;
      return {
        version: row.version,
        change: row.change,
        committedAt: row.committed_at.toISOString(),
        status: data.status,
        severity: data.severity,
        impactAt: data.impactAt,
        channels: data.channels,
        handling: data.handling,
      };
    });
  }

  /** Operator actions on a finding, as the log holds them (whether the engine applied them or not). */
  async actions(id: string): Promise<LoggedEventView[]> {
    const result = await this.pool.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM event_log WHERE source = 'parity/feed' AND data->>'findingId' = $1 AND type = ANY($2::text[]) ORDER BY position`,
      [id, Object.values(FINDING_ACTION_TYPES)],
    );
    return result.rows.map(eventViewOf);
  }

  /** Findings not resolved, by rule: the metric ops alert on. */
  async openByRule(): Promise<Map<string, number>> {
    const result = await this.pool.query<{ rule: string; count: string }>("SELECT rule, count(*) AS count FROM findings WHERE status <> 'resolved' GROUP BY rule");
    return new Map(result.rows.map((row) => [row.rule, Number(row.count)]));
  }
}
