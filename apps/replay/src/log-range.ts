import { Pool, PoolClient } from 'pg';
import { parseRfc3339 } from '@parity/contracts';

/** A position (`1200`) or a date (`2026-05-01`, `2026-05-01T12:00:00Z`) on the recorded-time axis. */
export type LogBound = { readonly kind: 'position'; readonly position: number } | { readonly kind: 'date'; readonly at: number };

export class BadBound extends Error {
  readonly code = 'invalid-bound';
}

export function parseBound(text: string, option: string): LogBound {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return { kind: 'position', position: Number(trimmed) };
  // parseRfc3339, not Date.parse: that reads 2026-02-30 as March 2 and a time without zone as local.
  const at = parseRfc3339(/^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T00:00:00Z` : trimmed);
  if (at === undefined) throw new BadBound(`${option} ${text}: expected a log position (e.g. 1200) or a date (e.g. 2026-05-01 or 2026-05-01T12:00:00Z, RFC 3339 with a zone)`);
  return { kind: 'date', at };
}

/** --from and --to as bounds; a range that starts after it ends is refused before anything is read or written. */
export function parseRange(from: string | undefined, to: string | undefined): { from: LogBound | undefined; to: LogBound | undefined } {
  const start = from === undefined ? undefined : parseBound(from, '--from');
  const end = to === undefined ? undefined : parseBound(to, '--to');
  // A position and a date compare only once resolved against the log: that range may just be empty.
  if (start && end && start.kind === end.kind && boundValue(start) > boundValue(end)) {
    throw new BadBound(`--from ${from} is after --to ${to}: a range starts at or before its end`);
  }
  return { from: start, to: end };
}

function boundValue(bound: LogBound): number {
  return bound.kind === 'position' ? bound.position : bound.at;
}

export interface PositionRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Bounds -> positions. A date starts at the first event recorded at or after it and ends at the
 * last one recorded at or before it: the log's own clock, the order replays and audits follow.
 */
export async function resolveRange(db: Pool | PoolClient, from: LogBound | undefined, to: LogBound | undefined): Promise<PositionRange> {
  const head = Number((await db.query<{ position: string }>('SELECT position FROM event_log_head WHERE singleton')).rows[0]?.position ?? 0);
  const start = !from ? 1 : from.kind === 'position' ? from.position : await firstRecordedFrom(db, from.at, head);
  // Nothing to replay or export there: refused before a schema or a signed, empty export is made.
  if (from && start > head) {
    const what = from.kind === 'position' ? `position ${from.position} is` : `nothing was recorded at or after ${new Date(from.at).toISOString()}:`;
    throw new BadBound(`--from: ${what} past the head of the log (position ${head})`);
  }
  const end = !to ? head : to.kind === 'position' ? Math.min(to.position, head) : await lastRecordedBy(db, to.at);
  return { from: Math.max(1, start), to: end };
}

async function firstRecordedFrom(db: Pool | PoolClient, at: number, head: number): Promise<number> {
  const result = await db.query<{ position: string | null }>('SELECT min(position) AS position FROM event_log WHERE recorded_at >= to_timestamp($1 / 1000.0)', [at]);
  return result.rows[0]?.position ? Number(result.rows[0].position) : head + 1;
}

/** The last position recorded by `at`: how far Parity's record reached then (0: nothing yet). */
export async function lastRecordedBy(db: Pool | PoolClient, at: number): Promise<number> {
  const result = await db.query<{ position: string | null }>('SELECT max(position) AS position FROM event_log WHERE recorded_at <= to_timestamp($1 / 1000.0)', [at]);
  return result.rows[0]?.position ? Number(result.rows[0].position) : 0;
}
