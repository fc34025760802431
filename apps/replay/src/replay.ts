import { Pool, PoolClient } from 'pg';
import { ChangeDifference, ChangeRow, ReplayRun } from '@parity/audit';
import { streamReplayRecords, streamReplayText, tableName } from '@parity/event-store';
import { RulesConfig } from '@parity/rules';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { ChangeRowsText, encodedChangeRows } from './change-rows';
import { PositionRange } from './log-range';
import { PartitionedReplay, replayWorkers } from './partitioned-replay';

export interface ReplayOptions {
  readonly range: PositionRange;
  /** The isolated schema the replay writes into; it must not exist yet unless `replace`. */
  readonly schema: string;
  readonly replace?: boolean;
  readonly rules: RulesConfig;
  readonly onProgress?: (replayed: number, total: number) => void;
  /** Worker threads to split the keys over (default replayWorkers()); 0: the calling thread alone. */
  readonly workers?: number;
}

export interface ReplayReport {
  readonly schema: string;
  readonly range: PositionRange;
  readonly events: number;
  readonly changes: number;
  /** Replay and live history compared over the same positions. */
  readonly comparison: Comparison;
}

export interface Comparison {
  readonly identical: boolean;
  /** How far the live reconciler had read (its slowest partition): live changes past it do not exist yet. */
  readonly liveUpTo: number;
  readonly replayChanges: number;
  readonly liveChanges: number;
  readonly differenceCount: number;
  /** The first differences, by log position. */
  readonly differences: readonly ChangeDifference[];
}

export class SchemaExists extends Error {
  readonly code = 'schema-exists';
}

const FLUSH_ROWS = 5_000;

/**
 * Rebuilds the finding history of a stretch of the log into a schema of its own (never over the
 * live findings), then compares it with the live history of the same positions.
 */
export async function replayIntoSchema(pool: Pool, options: ReplayOptions): Promise<ReplayReport> {
  const schema = tableName(options.schema);
  await createSchema(pool, schema, options);
  const total = Math.max(0, options.range.to - options.range.from + 1);
  const reader = await pool.connect();
  const writer = await pool.connect();
  let changes = 0;
  let replayed = 0;
  let failed = false;
  try {
    await reader.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    await writer.query('BEGIN');
    let pending: Uint8Array[] = [];
    let pendingRows = 0;
    const take = async (rows: ChangeRowsText, events: number) => {
      for (const bytes of rows.bytes) pending.push(bytes);
      pendingRows += rows.rows;
      if (pendingRows >= FLUSH_ROWS) {
        changes += await writeChanges(writer, schema, pending, pendingRows);
        pending = [];
        pendingRows = 0;
      }
      replayed = events;
      options.onProgress?.(replayed, total);
    };
    options.onProgress?.(0, total);
    const range = { fromPosition: options.range.from, toPosition: options.range.to };
    if (total > 0) {
      const workers = options.workers ?? replayWorkers();
      if (workers > 0) await replayPartitioned(streamReplayText(reader, range), new PartitionedReplay(options.rules, workers), take);
      else {
        const run = new ReplayRun(options.rules);
        for await (const batch of streamReplayRecords(reader, range)) {
          const { rows, bytes } = encodedChangeRows(run.feed(batch));
          await take({ rows, bytes: [bytes] }, run.replayed);
        }
        const { rows, bytes } = encodedChangeRows(run.finish());
        await take({ rows, bytes: [bytes] }, run.replayed);
      }
    }
    changes += await writeChanges(writer, schema, pending, pendingRows);
    await writer.query(`INSERT INTO ${schema}.replay_run (from_position, to_position, events, changes, rules) VALUES ($1, $2, $3, $4, $5)`, [
      options.range.from,
      options.range.to,
      replayed,
      changes,
      JSON.stringify(options.rules),
    ]);
    await writer.query('COMMIT');
    await reader.query('COMMIT');
  } catch (error) {
    // Either connection may be left inside its transaction, or half way through a COPY that no
    // query can follow (not even a ROLLBACK): closed, which rolls back, rather than handed back to
    // the pool for the next request to trip on.
    failed = true;
    throw error;
  } finally {
    reader.release(failed);
    writer.release(failed);
  }
  return { schema, range: options.range, events: replayed, changes, comparison: await compareWithLive(pool, schema, options.range) };
}

// Chunks handed to the workers before the rows of the oldest are awaited: enough to keep them
// busy while rows are written, few enough to bound the memory.
const CHUNKS_AHEAD = 8;

/** The log's chunks through the workers, their rows taken in chunk order. */
async function replayPartitioned(
  chunks: AsyncIterable<Buffer>,
  replay: PartitionedReplay,
  take: (rows: ChangeRowsText, events: number) => Promise<void>,
): Promise<void> {
  const ahead: Promise<ChangeRowsText>[] = [];
  try {
    for await (const chunk of chunks) {
      ahead.push(replay.feed(chunk));
      if (ahead.length >= CHUNKS_AHEAD) await take(await ahead.shift()!, replay.replayed);
    }
    ahead.push(replay.end());
    while (ahead.length > 0) await take(await ahead.shift()!, replay.replayed);
  } finally {
    // Rows no longer awaited after a failure must not be unhandled rejections.
    for (const rows of ahead) rows.catch(() => undefined);
    await replay.close();
  }
}

async function createSchema(pool: Pool, schema: string, options: ReplayOptions): Promise<void> {
  const exists = await pool.query<{ exists: boolean }>('SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = $1) AS exists', [schema]);
  if (exists.rows[0]?.exists) {
    if (!options.replace) throw new SchemaExists(`schema ${schema} already exists: choose another --schema or pass --replace`);
    await pool.query(`DROP SCHEMA ${schema} CASCADE`);
  }
  await pool.query(`CREATE SCHEMA ${schema}`);
  await pool.query(`
    CREATE TABLE ${schema}.replay_run (
      from_position bigint NOT NULL, to_position bigint NOT NULL, events bigint NOT NULL, changes bigint NOT NULL,
      rules jsonb NOT NULL, replayed_at timestamptz NOT NULL DEFAULT now())`);
  await pool.query(`
    CREATE TABLE ${schema}.finding_changes (
      finding_id text NOT NULL, version integer NOT NULL, change text NOT NULL, log_position bigint NOT NULL,
      cloud_event text NOT NULL, PRIMARY KEY (finding_id, version))`);
  // The findings as the replay ends: the last version of each.
  await pool.query(`
    CREATE VIEW ${schema}.findings AS
      SELECT DISTINCT ON (finding_id) finding_id, version, change, log_position, (cloud_event::jsonb)->'data' AS data
        FROM ${schema}.finding_changes ORDER BY finding_id, version DESC`);
}

/** Rows in COPY text (changeRowsText) into the replay's finding_changes; returns how many. */
async function writeChanges(writer: PoolClient, schema: string, text: readonly Uint8Array[], rows: number): Promise<number> {
  if (rows === 0) return 0;
  await pipeline(Readable.from(text), writer.query(copyFrom(`COPY ${schema}.finding_changes (finding_id, version, change, log_position, cloud_event) FROM STDIN`)));
  return rows;
}

const SHOWN_DIFFERENCES = 50;

/** The replay's history against the live finding_changes of the same positions, row by row. */
export async function compareWithLive(pool: Pool, schema: string, range: PositionRange): Promise<Comparison> {
  const s = tableName(schema);
  const live = `(SELECT finding_id, version, change, log_position, cloud_event FROM finding_changes WHERE log_position BETWEEN ${range.from} AND ${range.to})`;
  const counts = await pool.query<{ replay: string; live: string; differences: string }>(`
    SELECT (SELECT count(*) FROM ${s}.finding_changes) AS replay, (SELECT count(*) FROM ${live} l) AS live,
           (SELECT count(*) FROM ${s}.finding_changes r FULL JOIN ${live} l USING (finding_id, version)
             WHERE r.cloud_event IS DISTINCT FROM l.cloud_event OR r.log_position IS DISTINCT FROM l.log_position) AS differences`);
  const rows = await pool.query<{ finding_id: string; version: number; r_change: string | null; r_position: string | null; l_change: string | null; l_position: string | null }>(`
    SELECT finding_id, version, r.change AS r_change, r.log_position AS r_position, l.change AS l_change, l.log_position AS l_position
      FROM ${s}.finding_changes r FULL JOIN ${live} l USING (finding_id, version)
     WHERE r.cloud_event IS DISTINCT FROM l.cloud_event OR r.log_position IS DISTINCT FROM l.log_position
     ORDER BY coalesce(r.log_position, l.log_position), finding_id, version LIMIT ${SHOWN_DIFFERENCES}`);
  const count = counts.rows[0]!;
  const checkpoint = await pool.query<{ position: string | null }>('SELECT min(position) AS position FROM reconciler_checkpoints');
  const side = (change: string | null, position: string | null) => (change === null ? undefined : { change: change as ChangeRow['change'], logPosition: Number(position) });
  return {
    identical: Number(count.differences) === 0,
    liveUpTo: Number(checkpoint.rows[0]?.position ?? 0),
    replayChanges: Number(count.replay),
    liveChanges: Number(count.live),
    differenceCount: Number(count.differences),
    differences: rows.rows.map((row) => ({
      findingId: row.finding_id,
      version: row.version,
      kind: row.r_change === null ? 'only-live' : row.l_change === null ? 'only-in-replay' : 'different',
      replay: side(row.r_change, row.r_position),
      live: side(row.l_change, row.l_position),
    })),
  };
}
