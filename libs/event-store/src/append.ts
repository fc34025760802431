import { Pool, PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { BinaryCopyRows } from './copy-binary';
import { epochMillis } from './epoch-millis';
import { chainHash, LogRecord, NewLogEvent, sameEvent } from './log-record';
import { LOG_APPENDED_CHANNEL } from './log-appends';
import { inTransaction } from './transaction';

export interface AppendResult {
  /** Newly appended, in log order, each with the offer it came from. */
  readonly appended: (LogRecord & { readonly offered: NewLogEvent })[];
  /** Offers of an event the log already holds (or that came twice in this batch): no-ops. */
  readonly duplicates: NewLogEvent[];
  /** Offers that reuse a (source, id) with a different payload: never appended. */
  readonly conflicts: { readonly offered: NewLogEvent; readonly existing: NewLogEvent }[];
  /** Offers PostgreSQL refused to store (a data error, a constraint): never appended, never retried. */
  readonly refused: { readonly offered: NewLogEvent; readonly reason: string }[];
}

export const LOG_COLUMNS =
  'position, source, id, type, subject, event_time, recorded_at, data, kafka_topic, kafka_partition, kafka_offset, hash';

/** The last position and hash, and when that event was recorded, locked by the caller's transaction. */
export interface LockedHead {
  readonly position: number;
  readonly hash: Buffer;
  /** Epoch milliseconds; -Infinity before the first event (a log may start before 1970). */
  readonly recordedAt: number;
}

/** The time an append after this head records, given the appender's clock: never earlier than the head's. */
export function recordedTimeAfter(head: LockedHead, clock: number): number {
  return Math.max(clock, head.recordedAt + 1);
}

/**
 * Locks the head of the log for the rest of the caller's transaction. Appenders queue here, so
 * positions are gapless and become visible in order: a reader following `position > n` never
 * skips a row that a slower transaction commits later.
 */
export async function lockLogHead(client: PoolClient): Promise<LockedHead> {
  const head = await client.query<{ position: string; hash: Buffer; recorded_at: string | null }>(
    `SELECT h.position, h.hash, ${epochMillis('l.recorded_at')} AS recorded_at
       FROM event_log_head h LEFT JOIN event_log l ON l.position = h.position
      WHERE h.singleton FOR UPDATE OF h`,
  );
  const row = head.rows[0];
  if (!row) throw new Error('event_log_head is empty: the schema was not migrated');
  return { position: Number(row.position), hash: row.hash, recordedAt: row.recorded_at === null ? Number.NEGATIVE_INFINITY : Number(row.recorded_at) };
}

/**
 * Appends a batch after the locked head, inside the caller's transaction. Redeliveries are rare,
 * so the batch is first copied as if all of it were new; only when the unique (source, id) index
 * refuses it does the append look the batch up and sort out duplicates and conflicts. When
 * PostgreSQL refuses a row for what it holds (a data error or a constraint, which no retry can
 * mend), the batch is appended event by event and the refused ones are returned, not appended:
 * a batch that failed whole would fail on every retry, and the partition would stall behind it.
 */
export async function appendToLog(
  client: PoolClient,
  head: LockedHead,
  offered: readonly NewLogEvent[],
  recordedAt: number,
): Promise<AppendResult> {
  if (offered.length === 0) return { appended: [], duplicates: [], conflicts: [], refused: [] };
  // Each append is recorded later than the one before, by a millisecond at least, whatever clock
  // the appender read before the lock (an action's request, a clock step, two appends in one
  // millisecond): "what Parity knew at T" is then a prefix of the log, and an append is exactly
  // the events of one recorded time, the instant the rules judge together (see openInstant).
  const at = recordedTimeAfter(head, recordedAt);
  await client.query('SAVEPOINT optimistic_append');
  let result = sortOut(head, offered, new Map(), at);
  try {
    await copyLogRecords(client, result.appended);
  } catch (error) {
    if (!isUniqueViolation(error) && !isRefusal(error)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT optimistic_append');
    const existing = await findExisting(client, offered);
    result = sortOut(head, offered, new Map(existing), at);
    try {
      await copyLogRecords(client, result.appended);
    } catch (refusal) {
      if (!isRefusal(refusal)) throw refusal;
      await client.query('ROLLBACK TO SAVEPOINT optimistic_append');
      result = await appendOneByOne(client, head, offered, existing, at);
    }
  }
  await client.query('RELEASE SAVEPOINT optimistic_append');
  const last = result.appended[result.appended.length - 1];
  // The new head, announced to followers (LogAppends) when this transaction commits.
  if (last) {
    await client.query(
      `WITH head AS (UPDATE event_log_head SET position = $1, hash = $2 WHERE singleton RETURNING position)
       SELECT pg_notify('${LOG_APPENDED_CHANNEL}', position::text) FROM head`,
      [last.position, last.hash],
    );
  }
  return result;
}

/**
 * Appends one event Parity writes itself (an operator action, a clock tick) in a transaction of
 * its own, under the head lock and on the chain like ingest's. Not from Kafka: partition and
 * offset -1 say so, and `origin` (the topic column) names what wrote it.
 */
export async function appendOwnEvent(pool: Pool, event: Omit<NewLogEvent, 'kafka'>, origin: string, recordedAt: number): Promise<AppendResult> {
  return appendDecidedEvent(pool, async () => event, origin, recordedAt);
}

/**
 * As appendOwnEvent, for an event decided against what the log holds: `decide` runs under the
 * head lock, in the append's transaction, so no other append comes between its reads and the
 * append (two identical requests at once cannot both be accepted), and it is told the time the
 * event will be recorded at, the time the rules will apply it at. What it throws rolls back.
 */
export async function appendDecidedEvent(
  pool: Pool,
  decide: (client: PoolClient, recordedAt: number) => Promise<Omit<NewLogEvent, 'kafka'>>,
  origin: string,
  recordedAt: number,
): Promise<AppendResult> {
  const result = await inTransaction(pool, async (client) => {
    const head = await lockLogHead(client);
    const event = await decide(client, recordedTimeAfter(head, recordedAt));
    return appendToLog(client, head, [{ ...event, kafka: { topic: origin, partition: -1, offset: -1 } }], recordedAt);
  });
  const refused = result.refused[0];
  if (refused) throw new EventRefusedByLog(refused.offered.source, refused.offered.id, refused.reason);
  return result;
}

/** PostgreSQL would not store an event Parity wrote itself: its content is at fault, so a retry cannot help. */
export class EventRefusedByLog extends Error {
  readonly code = 'refused-by-log';

  constructor(source: string, id: string, reason: string) {
    super(`the event log refused (${source}, ${id}): ${reason}`);
  }
}

const UNIQUE_VIOLATION = '23505';

function sqlState(error: unknown): string {
  return String((error as { code?: unknown }).code ?? '');
}

function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === UNIQUE_VIOLATION;
}

/**
 * PostgreSQL refusing a row for its content: data exceptions (class 22: a character or escape it
 * cannot hold, a value out of range), integrity constraints other than the (source, id) key
 * (class 23: a CHECK an operator added), program limits (class 54: an index entry too large).
 * The same row is refused on every try. Anything else (a lost connection, a trigger's exception,
 * a lock timeout) may pass on the next try: it is thrown, and the batch is fetched again.
 */
function isRefusal(error: unknown): boolean {
  const state = sqlState(error);
  return (state.startsWith('22') || state.startsWith('23') || state.startsWith('54')) && state !== UNIQUE_VIOLATION;
}

/** The slow path after a refusal: each event copied under a savepoint of its own, the refused ones left out. */
async function appendOneByOne(
  client: PoolClient,
  head: LockedHead,
  offered: readonly NewLogEvent[],
  existing: ReadonlyMap<string, NewLogEvent>,
  recordedAt: number,
): Promise<AppendResult> {
  const result: { -readonly [K in keyof AppendResult]: AppendResult[K] } = { appended: [], duplicates: [], conflicts: [], refused: [] };
  const seen = new Map(existing);
  let last: LockedHead = head;
  for (const event of offered) {
    const one = sortOut(last, [event], seen, recordedAt);
    result.duplicates.push(...one.duplicates);
    result.conflicts.push(...one.conflicts);
    const record = one.appended[0];
    if (!record) continue;
    await client.query('SAVEPOINT one_event');
    try {
      await copyLogRecords(client, [record]);
      await client.query('RELEASE SAVEPOINT one_event');
      result.appended.push(record);
      last = record;
    } catch (error) {
      if (!isRefusal(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT one_event');
      // Not in the log: a later offer of the same (source, id) is judged on its own.
      seen.delete(identity(event.source, event.id));
      result.refused.push({ offered: event, reason: `${sqlState(error)}: ${(error as Error).message}` });
    }
  }
  return result;
}

/** Positions and hashes for the new events; the ones already known are duplicates or conflicts. */
function sortOut(head: LockedHead, offered: readonly NewLogEvent[], existing: Map<string, NewLogEvent>, recordedAt: number): AppendResult {
  const appended: AppendResult['appended'] = [];
  const duplicates: NewLogEvent[] = [];
  const conflicts: AppendResult['conflicts'] = [];
  const seen = existing;
  let position = head.position;
  let hash = head.hash;
  for (const event of offered) {
    const key = identity(event.source, event.id);
    const known = seen.get(key);
    if (known) {
      if (sameEvent(known, event)) duplicates.push(event);
      else conflicts.push({ offered: event, existing: known });
      continue;
    }
    position += 1;
    // One object per record, written out: this loop runs for every event appended.
    const record = {
      source: event.source,
      id: event.id,
      type: event.type,
      subject: event.subject,
      eventTime: event.eventTime,
      dataJson: event.dataJson,
      kafka: event.kafka,
      position,
      recordedAt,
      hash,
      offered: event,
    };
    hash = chainHash(hash, record);
    record.hash = hash;
    appended.push(record);
    seen.set(key, event);
  }
  return { appended, duplicates, conflicts, refused: [] };
}

async function findExisting(client: PoolClient, offered: readonly NewLogEvent[]): Promise<Map<string, NewLogEvent>> {
  const found = new Map<string, NewLogEvent>();
  if (offered.length === 0) return found;
  const result = await client.query<{
    source: string;
    id: string;
    type: string;
    subject: string | null;
    event_time: string;
    data: string;
  }>(
    `SELECT l.source, l.id, l.type, l.subject, ${epochMillis('l.event_time')} AS event_time, l.data::text AS data
       FROM event_log l
       JOIN unnest($1::text[], $2::text[]) AS offered(source, id) ON l.source = offered.source AND l.id = offered.id`,
    [offered.map((event) => event.source), offered.map((event) => event.id)],
  );
  for (const row of result.rows) {
    found.set(identity(row.source, row.id), {
      source: row.source,
      id: row.id,
      type: row.type,
      subject: row.subject ?? undefined,
      eventTime: Number(row.event_time),
      dataJson: row.data,
      kafka: { topic: '', partition: -1, offset: -1 },
    });
  }
  return found;
}

export async function copyLogRecords(client: PoolClient, records: readonly LogRecord[]): Promise<void> {
  if (records.length === 0) return;
  const rows = new BinaryCopyRows(records.length * 512);
  for (const r of records) {
    rows
      .row(12)
      .int8(r.position)
      .text(r.source)
      .text(r.id)
      .text(r.type)
      .text(r.subject)
      .timestamptz(r.eventTime)
      .timestamptz(r.recordedAt)
      .text(r.dataJson)
      .text(r.kafka.topic)
      .int4(r.kafka.partition)
      .int8(r.kafka.offset)
      .bytea(r.hash);
  }
  const stream = client.query(copyFrom(`COPY event_log (${LOG_COLUMNS}) FROM STDIN (FORMAT binary)`));
  await pipeline(Readable.from([rows.end()]), stream);
}

function identity(source: string, id: string): string {
  return `${source}\u0000${id}`;
}
