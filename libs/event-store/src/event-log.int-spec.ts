import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Pool, PoolClient } from 'pg';
import { createTestDatabase, TestDatabase } from '@parity/testing';
import { appendToLog, lockLogHead } from './append';
import { LogAppends } from './log-appends';
import { NewLogEvent } from './log-record';
import { followAppends, followLog, readLog } from './read';
import { streamLog, streamReplayRecords } from './stream';
import { verifyLog } from './verify';

const run = promisify(execFile);
const CLI = resolve(__dirname, '../../../dist/apps/replay/src/cli.js');

const offer = (n: number, source = 'eshop'): NewLogEvent => ({
  source,
  id: `evt-${n}`,
  type: 'retail.price.set.v1',
  subject: `SKU-${n}`,
  eventTime: Date.UTC(2026, 10, 20) + n,
  dataJson: JSON.stringify({ sku: `SKU-${n}`, amount: `${n}.99`, currency: 'PLN' }),
  kafka: { topic: 'retail.prices.v1', partition: n % 3, offset: n },
});

async function append(pool: Pool, offers: NewLogEvent[]) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await appendToLog(client, await lockLogHead(client), offers, Date.UTC(2026, 10, 21));
    await client.query('COMMIT');
    return result;
  } finally {
    client.release();
  }
}

async function verifyWithCli(url: string): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [CLI, 'verify', '--json', '--no-progress'], { env: { ...process.env, DATABASE_URL: url } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe('event log on PostgreSQL', () => {
  let database: TestDatabase;
  let app: Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    app = new Pool({ connectionString: database.url, max: 4 });
  });
  afterAll(async () => {
    await app.end();
    await database.drop();
  });

  it('wakes a follower when an append commits, not when it rolls back', async () => {
    // A database of its own: the other cases count positions from 1.
    const own = await createTestDatabase();
    const ownApp = new Pool({ connectionString: own.url, max: 2 });
    const appends = new LogAppends(own.url, (reason) => {
      throw new Error(reason);
    });
    await appends.start();
    try {
      // start() rings once for appends made while connecting; take that one first.
      await appends.next(60_000);
      const outcome = (wait: Promise<void>) => Promise.race([wait.then(() => 'woken'), new Promise((done) => setTimeout(() => done('timed out'), 3_000))]);

      const rolledBack = appends.next(60_000);
      const client = await ownApp.connect();
      await client.query('BEGIN');
      await appendToLog(client, await lockLogHead(client), [offer(900)], Date.UTC(2026, 10, 21));
      await client.query('ROLLBACK');
      client.release();
      expect(await outcome(rolledBack)).toBe('timed out');

      const committed = appends.next(60_000);
      await append(ownApp, [offer(901)]);
      expect(await outcome(committed)).toBe('woken');
    } finally {
      await appends.stop();
      await ownApp.end();
      await own.drop();
    }
  });

  it('appends gapless positions, treats a redelivery as a no-op and a reused id as a conflict', async () => {
    const first = await append(app, [offer(1), offer(2), offer(3)]);
    expect(first.appended.map((r) => r.position)).toEqual([1, 2, 3]);
    const again = await append(app, [offer(2), { ...offer(3), dataJson: '{"sku":"SKU-3","amount":"0.01","currency":"PLN"}' }, offer(4), offer(4)]);
    expect(again.appended.map((r) => [r.position, r.id])).toEqual([[4, 'evt-4']]);
    expect(again.duplicates.map((d) => d.id)).toEqual(['evt-2', 'evt-4']);
    expect(again.conflicts.map((c) => c.offered.id)).toEqual(['evt-3']);
    const records = await readLog(app, 0, 100);
    expect(records.map((r) => r.position)).toEqual([1, 2, 3, 4]);
    expect(records[0]).toMatchObject({ source: 'eshop', id: 'evt-1', eventTime: Date.UTC(2026, 10, 20) + 1, dataJson: offer(1).dataJson });
  });

  it('lets a reader follow the log without skipping a row that a slower transaction commits later', async () => {
    const slow: PoolClient = await app.connect();
    await slow.query('BEGIN');
    await appendToLog(slow, await lockLogHead(slow), [offer(100)], Date.UTC(2026, 10, 21));
    // A second appender queues behind the first one's lock instead of taking a later position first.
    const fast = append(app, [offer(101)]);
    await new Promise((done) => setTimeout(done, 300));
    expect((await readLog(app, 4, 10)).map((r) => r.position)).toEqual([]);
    await slow.query('COMMIT');
    slow.release();
    await fast;
    expect((await readLog(app, 4, 10)).map((r) => [r.position, r.id])).toEqual([
      [5, 'evt-100'],
      [6, 'evt-101'],
    ]);
  });

  it('refuses UPDATE, DELETE and TRUNCATE to the application role and, by trigger, to the owner', async () => {
    await expect(app.query("UPDATE event_log SET data = '{}' WHERE position = 1")).rejects.toThrow(/permission denied/);
    await expect(app.query('DELETE FROM event_log WHERE position = 1')).rejects.toThrow(/permission denied/);
    await expect(app.query('TRUNCATE event_log')).rejects.toThrow(/permission denied/);
    await expect(database.admin.query("UPDATE event_log SET data = '{}' WHERE position = 1")).rejects.toThrow(/append-only/);
    await expect(database.admin.query('DELETE FROM event_log WHERE position = 1')).rejects.toThrow(/append-only/);
    await expect(database.admin.query('TRUNCATE event_log')).rejects.toThrow(/append-only/);
    expect(await verifyLog(app)).toMatchObject({ ok: true, checked: 6 });
  });

  it('names the altered position when a superuser changes a row behind the guard', async () => {
    await append(app, Array.from({ length: 44 }, (_, n) => offer(200 + n)));
    expect(await verifyWithCli(database.url)).toMatchObject({ code: 0 });

    const behindTheGuard = await database.admin.connect();
    try {
      // Superuser only: replica mode skips ordinary triggers, the guard included.
      await behindTheGuard.query('SET session_replication_role = replica');
      await behindTheGuard.query(`UPDATE event_log SET data = '{"sku":"SKU-220","amount":"0.99","currency":"PLN"}' WHERE position = 27`);
      const cli = await verifyWithCli(database.url);
      expect(cli.code).toBe(1);
      // The CLI checks every row against its predecessor: the altered row, and only it, is named.
      expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false, firstBadPosition: 27, defects: [{ kind: 'altered', position: 27 }], checked: 50 });

      await behindTheGuard.query(`UPDATE event_log SET data = $1 WHERE position = 27`, [offer(220).dataJson]);
      expect(await verifyLog(app)).toMatchObject({ ok: true, checked: 50 });

      await behindTheGuard.query('DELETE FROM event_log WHERE position = 40');
      expect(await verifyLog(app)).toMatchObject({ ok: false, firstBadPosition: 40, problem: 'missing-position' });
    } finally {
      await behindTheGuard.query('SET session_replication_role = origin');
      behindTheGuard.release();
    }
  });

  it('says how to fix a missing database setting, with exit code 2', async () => {
    const { DATABASE_URL: _omit, ...env } = process.env;
    const failure = await run(process.execPath, [CLI, 'verify'], { env }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toMatch(/DATABASE_URL: is not set/);
  });

});

describe('recorded times along the log', () => {
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

    it('reads back every time to the millisecond, through every reader of the log, years 1 to 9999', async () => {
    const times = ['0001-01-01T00:00:00.001Z', '1969-12-31T23:59:59.999Z', '1970-01-01T00:00:00.000Z', '2026-11-28T23:59:59.999Z', '2026-11-29T00:00:00.001Z', '9999-12-31T23:59:59.999Z'].map(Date.parse);
    // A log of its own: recorded times only go forward along a log, and these start in year 1.
    const own = await createTestDatabase();
    const app = new Pool({ connectionString: own.url, max: 2 });
    const after = 0;
    const client = await app.connect();
    try {
      await client.query('BEGIN');
      for (const [n, time] of times.entries()) {
        const event = { ...offer(9000 + n), eventTime: times[times.length - 1 - n]! };
        await appendToLog(client, await lockLogHead(client), [event], time);
      }
      await client.query('COMMIT');
      const read = (records: readonly { position: number; eventTime: number; recordedAt: number }[]) =>
        records.filter((r) => r.position > after).map((r) => [r.eventTime, r.recordedAt]);
      const expected = times.map((time, n) => [times[times.length - 1 - n], time]);
      expect(read(await readLog(app, after, 100))).toEqual(expected);
      expect(read(await followLog(app, after, 100))).toEqual(expected);
      const streamed: { position: number; eventTime: number; recordedAt: number }[] = [];
      for await (const batch of streamLog(client, { fromPosition: after + 1 })) streamed.push(...batch);
      expect(read(streamed)).toEqual(expected);
      const replayed: { position: number; eventTime: number; recordedAt: number }[] = [];
      for await (const batch of streamReplayRecords(client, { fromPosition: after + 1 })) replayed.push(...batch);
      expect(read(replayed)).toEqual(expected);
    } finally {
      client.release();
      await app.end();
      await own.drop();
    }
  });

  it('records each append later than the one before it, whatever clock the appender read', async () => {
      const first = await append(pool, [offer(5001)]);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        // An action whose request read the clock before waiting for the head lock, or a clock stepped back.
        const late = await appendToLog(client, await lockLogHead(client), [offer(5002)], Date.UTC(2020, 0, 1));
        await client.query('COMMIT');
        expect(late.appended.map((r) => r.recordedAt)).toEqual(first.appended.map((r) => r.recordedAt + 1));
        // Two appends that read the same clock: the second a millisecond later, so each is an instant of its own.
        await client.query('BEGIN');
        const same = await appendToLog(client, await lockLogHead(client), [offer(5003), offer(5004)], Date.UTC(2020, 0, 1));
        await client.query('COMMIT');
        expect(same.appended.map((r) => r.recordedAt)).toEqual([Date.UTC(2026, 10, 21) + 2, Date.UTC(2026, 10, 21) + 2]);
      } finally {
        client.release();
      }
      const stored = await readLog(pool, first.appended[0]!.position - 1, 4);
      expect(stored.map((r) => [r.id, r.recordedAt])).toEqual([
        ['evt-5001', Date.UTC(2026, 10, 21)],
        ['evt-5002', Date.UTC(2026, 10, 21) + 1],
        ['evt-5003', Date.UTC(2026, 10, 21) + 2],
        ['evt-5004', Date.UTC(2026, 10, 21) + 2],
      ]);
      expect((await verifyLog(pool)).ok).toBe(true);
    });

  it('is read by the reconciler in whole appends: a page never ends inside one', async () => {
    const own = await createTestDatabase();
    const app = new Pool({ connectionString: own.url, max: 2 });
    try {
      // Appends of 3, 7 and 2 events, each at a recorded time of its own.
      for (const [n, size] of [3, 7, 2].entries()) await append(app, Array.from({ length: size }, (_, i) => offer(7000 + n * 10 + i)));
      const positions = (records: readonly { position: number }[]) => records.map((r) => r.position);
      // A page of 5 holds the first append and part of the second: it stops after the first.
      const first = await followAppends(app, 0, 5);
      expect(positions(first.records)).toEqual([1, 2, 3]);
      expect(first.more).toBe(true);
      // The second append alone is longer than a page: read on to its end (and the third, whole).
      const second = await followAppends(app, 3, 5);
      expect(positions(second.records)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(second.more).toBe(false);
      // A page of exactly the second append: a full page may not hold all of it, so it reads on.
      const exact = await followAppends(app, 3, 7);
      expect(positions(exact.records)).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12]);
      expect(exact.more).toBe(false);
      expect(await followAppends(app, 12, 5)).toEqual({ records: [], more: false });
    } finally {
      await app.end();
      await own.drop();
    }
  });
});
