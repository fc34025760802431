import { PoolClient } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { StringDecoder } from 'node:string_decoder';
import { fromCopyText } from './copy-text';
import { LogRecord } from './log-record';

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
  const table = tableName(range.table ?? 'event_log');
  const from = Math.max(1, Math.trunc(range.fromPosition ?? 1));
  const to = range.toPosition === undefined ? null : Math.trunc(range.toPosition);
  const sql = `COPY (SELECT position, source, id, type, subject,
        (extract(epoch FROM event_time) * 1000)::bigint, (extract(epoch FROM recorded_at) * 1000)::bigint,
        data::text, kafka_topic, kafka_partition, kafka_offset, encode(hash, 'hex')
      FROM ${table} WHERE position >= ${from}${to === null ? '' : ` AND position <= ${to}`} ORDER BY position) TO STDOUT`;
  const stream = client.query(copyTo(sql));
  // A chunk may end inside a multi-byte character: the decoder keeps it for the next one.
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + decoder.write(chunk);
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      rest = text;
      continue;
    }
    rest = text.slice(end + 1);
    yield parseLines(text.slice(0, end));
  }
  if (rest.length > 0) yield parseLines(rest);
}

function parseLines(text: string): LogRecord[] {
  const records: LogRecord[] = [];
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    records.push({
      position: Number(f[0]),
      source: fromCopyText(f[1]!) ?? '',
      id: fromCopyText(f[2]!) ?? '',
      type: fromCopyText(f[3]!) ?? '',
      subject: fromCopyText(f[4]!) ?? undefined,
      eventTime: Number(f[5]),
      recordedAt: Number(f[6]),
      dataJson: fromCopyText(f[7]!) ?? '',
      kafka: { topic: fromCopyText(f[8]!) ?? '', partition: Number(f[9]), offset: Number(f[10]) },
      hash: Buffer.from(f[11]!, 'hex'),
    });
  }
  return records;
}

/** A table name safe to interpolate: identifiers only, optionally schema-qualified. */
export function tableName(name: string): string {
  if (!/^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)?$/.test(name)) throw new RangeError(`not a plain table name: ${name}`);
  return name;
}
