import { examples, structured, WireRecord } from '@parity/contracts/fixtures';
import { appendToLog, lockLogHead, NewLogEvent, readLog } from '@parity/event-store';
import { freePort } from '@parity/local-stack';
import { createTestDatabase, eventually, IngestFixture, ingestFixture, TestDatabase } from '@parity/testing';
import { Pool } from 'pg';
import { DEFAULT_RULES_CONFIG } from '@parity/rules';
import { replayIntoSchema } from '../src/replay';
import { parity } from './cli-run';
import { reconciled } from './reconciled';

const EVENTS = 4_000;
const CHANNELS = ['eshop', 'app', 'contact-center', 'store/WAW-001', 'store/KRK-002'];

/** Prices that drift apart and converge: every round one channel restates 300 SKUs; some rounds a sale is scheduled. */
function channelEvent(n: number): WireRecord {
  const sku = `SKU-${n % 300}`;
  const round = Math.floor(n / 300);
  const source = CHANNELS[round % CHANNELS.length]!;
  const time = new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString();
  const sale = round % 3 === 1 && n % 7 === 0 ? { effectiveFrom: '2026-11-27T00:00:00Z', effectiveTo: '2026-12-01T00:00:00Z' } : {};
  const amount = Object.keys(sale).length ? '79.00' : (round + n) % 4 === 0 ? '105.00' : '100.00';
  return structured({ ...examples.priceSet(), id: `replay-${n}`, source, time, subject: sku, data: { sku, amount, currency: 'PLN', ...sale } }, sku);
}

interface Replayed {
  schema: string;
  range: { from: number; to: number };
  events: number;
  comparison: { identical: boolean; replayChanges: number; liveChanges: number; differenceCount: number; differences: { findingId: string; kind: string }[] };
}

interface Change {
  finding_id: string;
  version: number;
  change: string;
  log_position: string;
  cloud_event: string;
}

const changes = async (pool: Pool, table: string) =>
  (await pool.query<Change>(`SELECT finding_id, version, change, log_position, cloud_event FROM ${table} ORDER BY log_position, finding_id, version`)).rows;

describe('replay: the log rebuilt into an isolated schema equals the live findings', () => {
  let fixture: IngestFixture;
  let fresh: TestDatabase;
  const cli = (args: string[], url = fixture.database.url) => parity(['replay', '--json', '--no-progress', ...args], { DATABASE_URL: url });

  beforeAll(async () => {
    fixture = await ingestFixture();
    fresh = await createTestDatabase();
    fixture.start();
    fixture.start('reconciler', { RECONCILER_HTTP_PORT: String(await freePort()), RECONCILER_PAGE_SIZE: '500' });
    // Channel traffic through Kafka, ingest and the reconciler, in several batches (several log
    // clocks): each appended before the next is sent, or ingest commits a backlog in one go.
    for (let from = 0; from < EVENTS; from += 250) {
      await fixture.producer.send({ topic: fixture.topics.prices, messages: Array.from({ length: 250 }, (_, n) => channelEvent(from + n)) });
      await eventually(`events up to ${from + 250} appended`, async () => ((await fixture.logCount()) >= from + 250 ? true : undefined), 60_000, 20);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await reconciled(fixture.database.admin, EVENTS);
  });
  afterAll(async () => {
    await fixture.close();
    await fresh.drop();
  });

  it('replay of the whole log: identical to the live history, byte for byte', async () => {
    const result = await cli(['--schema', 'replay_full']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as Replayed;
    expect(report.range).toEqual({ from: 1, to: EVENTS });
    expect(report.events).toBe(EVENTS);
    expect(report.comparison).toMatchObject({ identical: true, differenceCount: 0, differences: [] });
    expect(report.comparison.replayChanges).toBeGreaterThan(100);
    expect(report.comparison.replayChanges).toBe(report.comparison.liveChanges);
    // The live findings are untouched; the replay's are in its own schema.
    expect(await changes(fixture.database.admin, 'replay_full.finding_changes')).toEqual(await changes(fixture.database.admin, 'finding_changes'));
    const live = await fixture.database.admin.query<{ open: string }>("SELECT count(*) AS open FROM findings WHERE status <> 'resolved'");
    const replayed = await fixture.database.admin.query<{ open: string }>("SELECT count(*) AS open FROM replay_full.findings WHERE data->>'status' <> 'resolved'");
    expect(replayed.rows[0]!.open).toBe(live.rows[0]!.open);
  });

  it('split by key over worker threads, or in one thread: the same history', async () => {
    for (const [workers, schema] of [['2', 'replay_split'], ['0', 'replay_inline']] as const) {
      const result = await cli(['--schema', schema, '--workers', workers]);
      expect(result.code).toBe(0);
      expect((JSON.parse(result.stdout) as Replayed).comparison).toMatchObject({ identical: true, differenceCount: 0 });
      expect(await changes(fixture.database.admin, `${schema}.finding_changes`)).toEqual(await changes(fixture.database.admin, 'finding_changes'));
    }
  });

  it('a changed live finding is listed as a difference, and the replay exits 1', async () => {
    const victim = (await fixture.database.admin.query<{ finding_id: string; version: number }>('SELECT finding_id, version FROM finding_changes ORDER BY seq LIMIT 1 OFFSET 10')).rows[0]!;
    await fixture.database.admin.query(`UPDATE finding_changes SET cloud_event = replace(cloud_event, '"severity":"', '"severity":"x') WHERE finding_id = $1 AND version = $2`, [victim.finding_id, victim.version]);
    try {
      const result = await cli(['--schema', 'replay_after_change']);
      expect(result.code).toBe(1);
      const report = JSON.parse(result.stdout) as Replayed;
      expect(report.comparison).toMatchObject({ identical: false, differenceCount: 1, differences: [{ findingId: victim.finding_id, version: victim.version, kind: 'different' }] });
      const text = await parity(['replay', '--no-progress', '--schema', 'replay_text'], { DATABASE_URL: fixture.database.url });
      expect(text.stdout).toMatch(new RegExp(`DIFFERS from the live history: 1 difference\\(s\\)[\\s\\S]*different\\s+finding ${victim.finding_id} v${victim.version}`));
    } finally {
      await fixture.database.admin.query(`UPDATE finding_changes SET cloud_event = replace(cloud_event, '"severity":"x', '"severity":"') WHERE finding_id = $1`, [victim.finding_id]);
    }
    // An existing schema is never overwritten without --replace.
    expect(await cli(['--schema', 'replay_full'])).toMatchObject({ code: 2 });
  });

  it('replay from a date equals a fresh reconciler fed only the events recorded from that date', async () => {
    const pool = fixture.database.admin;
    const middle = (await pool.query<{ at: string }>(`SELECT (extract(epoch FROM recorded_at) * 1000)::bigint AS at FROM event_log WHERE position = ${EVENTS / 2}`)).rows[0]!;
    const since = new Date(Number(middle.at)).toISOString();
    const first = Number((await pool.query<{ p: string }>('SELECT min(position) AS p FROM event_log WHERE recorded_at >= $1', [since])).rows[0]!.p);
    expect(first).toBeGreaterThan(1);

    // The fresh run: a database holding only the events from that date, with the clocks they were recorded at.
    const records = (await readLog(pool, first - 1, EVENTS)).filter((record) => record.position >= first);
    for (let i = 0; i < records.length; ) {
      const recordedAt = records[i]!.recordedAt;
      const group: NewLogEvent[] = [];
      for (; i < records.length && records[i]!.recordedAt === recordedAt; i += 1) group.push(records[i]!);
      const client = await fresh.admin.connect();
      try {
        await client.query('BEGIN');
        await appendToLog(client, await lockLogHead(client), group, recordedAt);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    }
    fixture.start('reconciler', {
      DATABASE_URL: fresh.url,
      RECONCILER_GROUP_ID: `${fixture.env.RECONCILER_GROUP_ID}-fresh`,
      RECONCILER_HTTP_PORT: String(await freePort()),
    });
    await reconciled(fresh.admin, records.length);

    const result = await cli(['--schema', 'replay_since', '--from', since]);
    const report = JSON.parse(result.stdout) as Replayed;
    expect(report.range).toEqual({ from: first, to: EVENTS });
    const shift = (rows: Change[]) => rows.map((row) => ({ ...row, log_position: String(Number(row.log_position) - (first - 1)) }));
    const replayed = shift(await changes(pool, 'replay_since.finding_changes'));
    expect(replayed.length).toBeGreaterThan(50);
    expect(replayed).toEqual(await changes(fresh.admin, 'finding_changes'));
  });

  it('a replay that fails half way leaves no connection of its pool inside a transaction', async () => {
    const pool = new Pool({ connectionString: fixture.database.url, max: 2 });
    try {
      const stopped = replayIntoSchema(pool, {
        range: { from: 1, to: EVENTS },
        schema: 'replay_failed',
        rules: DEFAULT_RULES_CONFIG,
        workers: 0,
        onProgress: (replayed) => {
          if (replayed > 0) throw new Error('stopped by the caller');
        },
      });
      await expect(stopped).rejects.toThrow('stopped by the caller');
      // Both connections back in the pool, neither holding the read snapshot or the schema's writes.
      const [a, b] = await Promise.all([pool.connect(), pool.connect()]);
      try {
        const states = await Promise.all([a, b].map(async (client) => (await client.query<{ s: string }>('SELECT pg_current_xact_id_if_assigned()::text AS s, now() = statement_timestamp() AS fresh')).rows[0]));
        expect(states).toEqual([expect.objectContaining({ fresh: true }), expect.objectContaining({ fresh: true })]);
      } finally {
        a.release();
        b.release();
      }
    } finally {
      await pool.end();
    }
  });

  it('bad bounds are usage errors (exit 2) with the reason', async () => {
    const result = await cli(['--from', 'last tuesday']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--from last tuesday: expected a log position/);

    const reversed = await cli(['--from', '300', '--to', '100', '--schema', 'replay_reversed']);
    expect(reversed).toMatchObject({ code: 2, stdout: '' });
    expect(reversed.stderr).toMatch(/--from 300 is after --to 100/);
    const schemas = await fixture.database.admin.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = 'replay_reversed'");
    expect(schemas.rowCount).toBe(0);

    for (const past of ['99999999', '2999-01-01']) {
      const beyond = await cli(['--from', past, '--schema', 'replay_beyond']);
      expect(beyond).toMatchObject({ code: 2, stdout: '' });
      expect(beyond.stderr).toMatch(/^parity: --from: .* past the head of the log \(position \d+\)/);
    }
    expect((await fixture.database.admin.query("SELECT 1 FROM information_schema.schemata WHERE schema_name = 'replay_beyond'")).rowCount).toBe(0);

    const badSchema = await cli(['--schema', 'bad schema;drop']);
    expect(badSchema.code).toBe(2);
    expect(badSchema.stderr).toMatch(/--schema: a plain schema name/);
  });
});
