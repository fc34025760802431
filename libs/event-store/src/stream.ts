import { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { CopyLines } from './copy-lines';
import { fromCopyText } from './copy-text';
import { epochMillis } from './epoch-millis';
import { LogRecord, ReplayRecord } from './log-record';

export interface LogRange {
  /** First position read (inclusive); default 1. */
  readonly fromPosition?: number;
  /** Last position read (inclusive); default: the end. */
  readonly toPosition?: number;
  /** Another table of the log's shape, e.g. a copy kept for an audit; default `event_log`. */
  readonly table?: string;
}

/**
 * The log in position order, in batches, through `COPY ... TO STDOUT`: one query and one stream
 * for the whole range, several times faster than pages of SELECTs for a replay or a verification.
 */
export async function* streamLog(client: PoolClient, range: LogRange = {}): AsyncGenerator<LogRecord[]> {
  const sql = `COPY (SELECT ${REPLAY_COLUMNS}, kafka_topic, kafka_partition, kafka_offset, encode(hash, 'hex')
      FROM ${rangeSql(range)} ORDER BY position) TO STDOUT`;
  const lines = new CopyLines();
  for await (const chunk of client.query(copyTo(sql)) as AsyncIterable<Buffer>) {
    const text = lines.push(chunk);
    if (text !== undefined) yield parseLines(text);
  }
  const rest = lines.end();
  if (rest !== undefined) yield parseLines(rest);
}

/**
 * What a replay reads of the log, as `COPY ... TO STDOUT` text chunks (see ReplayLines): the
 * columns the engine reads and nothing else (no chain hash, no Kafka coordinates), so PostgreSQL
 * and the reader have half the bytes to make and split.
 */
export function streamReplayText(client: PoolClient, range: LogRange = {}): AsyncIterable<Buffer> {
  const sql = `COPY (SELECT ${REPLAY_COLUMNS} FROM ${rangeSql(range)} ORDER BY position) TO STDOUT`;
  return client.query(copyTo(sql)) as AsyncIterable<Buffer>;
}

/** streamReplayText, read into records in batches. */
export async function* streamReplayRecords(client: PoolClient, range: LogRange = {}): AsyncGenerator<ReplayRecord[]> {
  const lines = new ReplayLines();
  for await (const chunk of streamReplayText(client, range)) {
    const records = lines.push(chunk);
    if (records.length > 0) yield records;
  }
  const rest = lines.end();
  if (rest.length > 0) yield rest;
}

/** The records of streamReplayText's chunks, as they come (a worker thread may read them too). */
export class ReplayLines {
  private readonly lines = new CopyLines();

  push(chunk: Buffer | Uint8Array): ReplayRecord[] {
    const text = this.lines.push(chunk);
    return text === undefined ? [] : parseReplayLines(text);
  }

  end(): ReplayRecord[] {
    const text = this.lines.end();
    return text === undefined ? [] : parseReplayLines(text);
  }
}

function rangeSql(range: LogRange): string {
  const table = tableName(range.table ?? 'event_log');
  const from = Math.max(1, Math.trunc(range.fromPosition ?? 1));
  const to = range.toPosition === undefined ? null : Math.trunc(range.toPosition);
  return `${table} WHERE position >= ${from}${to === null ? '' : ` AND position <= ${to}`}`;
}

// The columns a replay reads, first in every read of the log: replayRecordOf reads them. The
// subject lets a run that owns some keys pass the others by without parsing their data.
const REPLAY_COLUMNS = `position, source, id, type,
        ${epochMillis('event_time')}, ${epochMillis('recorded_at')}, data::text, subject`;

function replayRecordOf(f: readonly string[]): ReplayRecord {
  return {
    position: Number(f[0]),
    source: fromCopyText(f[1]!) ?? '',
    id: fromCopyText(f[2]!) ?? '',
    type: fromCopyText(f[3]!) ?? '',
    eventTime: Number(f[4]),
    recordedAt: Number(f[5]),
    dataJson: fromCopyText(f[6]!) ?? '',
    subject: fromCopyText(f[7]!) ?? undefined,
  };
}

function parseLines(text: string): LogRecord[] {
  return text.split('\n').map((line) => {
    const f = line.split('\t');
    const { position, source, id, type, subject, eventTime, recordedAt, dataJson } = replayRecordOf(f);
    // One literal, not a spread with fields added: V8 would give each record a hidden class of its own.
    const kafka = { topic: fromCopyText(f[8]!) ?? '', partition: Number(f[9]), offset: Number(f[10]) };
    return { position, source, id, type, subject, eventTime, recordedAt, dataJson, kafka, hash: Buffer.from(f[11]!, 'hex') };
  });
}

function parseReplayLines(text: string): ReplayRecord[] {
  return text.split('\n').map((line) => replayRecordOf(line.split('\t')));
}

/** A table name safe to interpolate: identifiers only, optionally schema-qualified. */
export function tableName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(name)) throw new RangeError(`not a plain table name: ${name}`);
  return name;
}
