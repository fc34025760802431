import { Pool, PoolClient } from 'pg';
import { LogRecord } from './log-record';
import { epochMillis } from './epoch-millis';

type Queryable = Pool | PoolClient;

interface LogRow {
  position: string;
  source: string;
  id: string;
  type: string;
  subject: string | null;
  event_time: string;
  recorded_at: string;
  data: string;
  kafka_topic: string;
  kafka_partition: number;
  kafka_offset: string;
  hash: Buffer;
}

const SELECT_RECORDS = `
  SELECT position, source, id, type, subject,
         ${epochMillis('event_time')} AS event_time,
         ${epochMillis('recorded_at')} AS recorded_at,
         data::text AS data, kafka_topic, kafka_partition, kafka_offset, hash
    FROM event_log`;

/** Records after a position, in log order: how readers follow the log. */
export async function readLog(db: Queryable, afterPosition: number, limit: number): Promise<LogRecord[]> {
  const result = await db.query<LogRow>(`${SELECT_RECORDS} WHERE position > $1 ORDER BY position LIMIT $2`, [afterPosition, limit]);
  return result.rows.map(toRecord);
}

/** A record as a follower of the log needs it: what was stated and when, without the chain's proof. */
export type FollowedRecord = Omit<LogRecord, 'hash' | 'kafka'>;

const SELECT_FOLLOWED = `
  SELECT position, source, id, type, subject,
         ${epochMillis('event_time')} AS event_time,
         ${epochMillis('recorded_at')} AS recorded_at,
         data::text AS data
    FROM event_log`;

/** readLog without the hash and Kafka coordinates, which the reconciler never reads: less to send and decode. */
export async function followLog(db: Queryable, afterPosition: number, limit: number): Promise<FollowedRecord[]> {
  const result = await db.query<Omit<LogRow, 'hash' | 'kafka_topic' | 'kafka_partition' | 'kafka_offset'>>(
    `${SELECT_FOLLOWED} WHERE position > $1 ORDER BY position LIMIT $2`,
    [afterPosition, limit],
  );
  return result.rows.map(toFollowed);
}

/** Whole appends of the log, and whether the log likely holds more after them. */
export interface FollowedAppends {
  readonly records: FollowedRecord[];
  readonly more: boolean;
}

/**
 * followLog, ending at the end of an append: the events one recorded time covers (an instant,
 * which the rules judge together) never split between two reads. A page cut by the limit gives up
 * its last recorded time, which may go on past it, or reads on to that time's end when the page
 * holds nothing else. A page short of the limit ends with a whole append: an append commits all
 * its events at once, and each append has a recorded time of its own (appendToLog).
 */
export async function followAppends(db: Queryable, afterPosition: number, limit: number): Promise<FollowedAppends> {
  const page = await followLog(db, afterPosition, limit);
  const last = page[page.length - 1];
  if (last === undefined || page.length < limit) return { records: page, more: false };
  let end = page.length;
  while (end > 0 && page[end - 1]!.recordedAt === last.recordedAt) end -= 1;
  if (end > 0) return { records: page.slice(0, end), more: true };
  // One append longer than the page.
  const rest = await followAppends(db, last.position, limit);
  return { records: page.concat(rest.records), more: rest.more };
}

/**
 * Records matching a condition on the log's columns (`data` is json), in log order: for audit
 * queries about one SKU, promotion, policy or store. `where` is SQL written by the caller, values
 * go in `params` only.
 */
export async function readLogWhere(db: Queryable, where: string, params: readonly unknown[]): Promise<LogRecord[]> {
  const result = await db.query<LogRow>(`${SELECT_RECORDS} WHERE ${where} ORDER BY position`, [...params]);
  return result.rows.map(toRecord);
}

export async function logHead(db: Queryable): Promise<{ position: number; hash: Buffer }> {
  const result = await db.query<{ position: string; hash: Buffer }>('SELECT position, hash FROM event_log_head WHERE singleton');
  const row = result.rows[0];
  if (!row) throw new Error('event_log_head is empty: the schema was not migrated');
  return { position: Number(row.position), hash: row.hash };
}

function toFollowed(row: Omit<LogRow, 'hash' | 'kafka_topic' | 'kafka_partition' | 'kafka_offset'>): FollowedRecord {
  return {
    position: Number(row.position),
    source: row.source,
    id: row.id,
    type: row.type,
    subject: row.subject ?? undefined,
    eventTime: Number(row.event_time),
    recordedAt: Number(row.recorded_at),
    dataJson: row.data,
  };
}

function toRecord(row: LogRow): LogRecord {
  return {
    ...toFollowed(row),
    kafka: { topic: row.kafka_topic, partition: row.kafka_partition, offset: Number(row.kafka_offset) },
    hash: row.hash,
  };
}

/** Fails fast, with what to do, when the database has not been migrated. */
export async function assertLogSchema(db: Queryable): Promise<void> {
  const result = await db.query<{ exists: boolean }>("SELECT to_regclass('event_log') IS NOT NULL AS exists");
  if (!result.rows[0]?.exists) {
    throw new Error('the event log schema is missing: run `npm run migrate` (or start the stack with `npm start`) first');
  }
}
