import { Pool } from 'pg';
import { AsOfView } from '@parity/audit';
import { freePort } from '@parity/local-stack';
import { createTestDatabase, eventually, ServiceProcess, startService, TestDatabase } from '@parity/testing';
import { asOf } from '../src/as-of.query';
import { verifyLogAndSeals } from '../src/verification';
import { parity } from './cli-run';
import { appendAt, priceSet, writeLiveHistory } from './log-fixture';

const AUDITOR_KEY = 'auditor-key-0123456789';
const OPS_KEY = 'ops-key-0123456789abcd';
const SKU = 'SKU-BF';
const BLACK_FRIDAY = { from: '2026-11-27T00:00:00Z', to: '2026-12-01T00:00:00Z' };

const priceOf = (view: AsOfView, channel: string, list: 'shown' | 'scheduled' = 'shown') =>
  view[list].filter((value) => value.what === 'price' && value.channel === channel).map((value) => ({ value: value.value, id: value.evidence.id }));

describe('as-of on both time axes, from the CLI and the API', () => {
  let database: TestDatabase;
  let service: ServiceProcess;
  let base: string;
  const cli = (args: string[]) => parity(['as-of', '--json', '--sku', SKU, ...args], { DATABASE_URL: database.url });
  const view = async (args: string[]) => {
    const result = await cli(args);
    expect(result).toMatchObject({ code: 0 });
    return JSON.parse(result.stdout) as AsOfView;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const pool = database.admin;
    await appendAt(pool, '2026-11-01T00:00:01Z', [
      priceSet('eshop-1', 'eshop', SKU, '499.99', '2026-11-01T00:00:00Z'),
      priceSet('app-1', 'app', SKU, '499.99', '2026-11-01T00:00:00Z'),
      priceSet('store-1', 'store/WAW-001', SKU, '499.99', '2026-11-01T00:00:00Z'),
    ]);
    // The Black Friday price, loaded weeks ahead in the e-shop and the app, not in the store.
    await appendAt(pool, '2026-11-10T09:00:00Z', [
      priceSet('eshop-bf', 'eshop', SKU, '399.99', '2026-11-10T08:59:00Z', BLACK_FRIDAY),
      priceSet('app-bf', 'app', SKU, '399.99', '2026-11-10T08:59:00Z', BLACK_FRIDAY),
    ]);
    // The store changed its price on 5 November, but that event reached Parity on the 20th.
    await appendAt(pool, '2026-11-20T12:00:00Z', [priceSet('store-late', 'store/WAW-001', SKU, '459.99', '2026-11-05T10:00:00Z')]);
    expect(await writeLiveHistory(pool)).toBeGreaterThan(0);

    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = startService('replay', {
      DATABASE_URL: database.url,
      REPLAY_HTTP_PORT: String(port),
      PARITY_AUTH_SECRET: 'a-test-secret-of-at-least-32-characters',
      PARITY_API_KEYS: `audit:auditor:${AUDITOR_KEY},ops:ops:${OPS_KEY}`,
      REPLAY_SEAL_INTERVAL_MS: '0',
    });
    await eventually('the replay API to answer', async () => ((await fetch(`${base}/health`).catch(() => undefined))?.ok ? true : undefined), 30_000);
  });
  afterAll(async () => {
    await service?.kill('SIGTERM');
    await database.drop();
  });

  it('event time: the scheduled Black Friday price is shown inside its window and not outside it', async () => {
    const during = await view(['--at', '2026-11-28T12:00:00Z']);
    expect(priceOf(during, 'eshop')).toEqual([{ value: '399.99 PLN', id: 'eshop-bf' }]);
    expect(priceOf(during, 'app')).toEqual([{ value: '399.99 PLN', id: 'app-bf' }]);
    expect(during.shown.find((v) => v.channel === 'eshop')).toMatchObject({ status: 'in-force', validFrom: '2026-11-27T00:00:00.000Z', validTo: '2026-12-01T00:00:00.000Z' });

    const before = await view(['--at', '2026-11-26T23:59:59Z']);
    expect(priceOf(before, 'eshop')).toEqual([{ value: '499.99 PLN', id: 'eshop-1' }]);
    expect(priceOf(before, 'eshop', 'scheduled')).toEqual([{ value: '399.99 PLN', id: 'eshop-bf' }]);

    const after = await view(['--at', '2026-12-01T00:00:00Z']);
    expect(priceOf(after, 'eshop')).toEqual([{ value: '499.99 PLN', id: 'eshop-1' }]);
    expect(priceOf(after, 'eshop', 'scheduled')).toEqual([]);
  });

  it('recorded time: an event recorded late is absent from what Parity knew before it was recorded, present after', async () => {
    const knewOn15th = await view(['--axis', 'recorded', '--at', '2026-11-15T00:00:00Z']);
    expect(priceOf(knewOn15th, 'store/WAW-001')).toEqual([{ value: '499.99 PLN', id: 'store-1' }]);
    expect(JSON.stringify(knewOn15th)).not.toContain('store-late');
    expect(knewOn15th.recordedUpTo).toBe(5);

    const knewOn21st = await view(['--axis', 'recorded', '--at', '2026-11-21T00:00:00Z']);
    expect(priceOf(knewOn21st, 'store/WAW-001')).toEqual([{ value: '459.99 PLN', id: 'store-late' }]);
    expect(knewOn21st.recordedUpTo).toBe(6);

    // On the event axis the log states it now: the store showed 459.99 from the 5th.
    expect(priceOf(await view(['--at', '2026-11-15T00:00:00Z']), 'store/WAW-001')).toEqual([{ value: '459.99 PLN', id: 'store-late' }]);
  });

  it('the findings open in Parity\'s record at T', async () => {
    expect((await view(['--axis', 'recorded', '--at', '2026-11-05T00:00:00Z'])).openFindings).toEqual([]);
    const afterLoad = (await view(['--axis', 'recorded', '--at', '2026-11-15T00:00:00Z'])).openFindings;
    expect(afterLoad).toEqual([expect.objectContaining({ rule: 'price-mismatch', sku: SKU, status: 'open', impactAt: '2026-11-27T00:00:00.000Z' })]);
    expect(afterLoad[0]!.channels).toContainEqual({ channel: 'store/WAW-001', value: '499.99 PLN' });
  });

  it('the API gives the CLI\'s answer to the auditor role, and refuses others with a reason', async () => {
    const query = `sku=${SKU}&at=2026-11-28T12:00:00Z&axis=recorded`;
    const response = await fetch(`${base}/as-of?${query}`, { headers: { 'x-api-key': AUDITOR_KEY } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(await view(['--axis', 'recorded', '--at', '2026-11-28T12:00:00Z']));

    expect((await fetch(`${base}/as-of?${query}`)).status).toBe(401);
    const ops = await fetch(`${base}/as-of?${query}`, { headers: { 'x-api-key': OPS_KEY } });
    expect(ops.status).toBe(403);
    expect(await ops.json()).toMatchObject({ code: 'role-not-allowed' });
    const bad = await fetch(`${base}/as-of?sku=${SKU}&at=yesterday`, { headers: { 'x-api-key': AUDITOR_KEY } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 'invalid-time' });
    expect((await fetch(`${base}/as-of?sku=a&store=b&at=2026-11-28T12:00:00Z`, { headers: { 'x-api-key': AUDITOR_KEY } })).status).toBe(400);
    for (const [query, code] of [
      ['sku=a&sku=b&at=2026-11-28T12:00:00Z', 'invalid-parameter'],
      [`sku=${SKU}&at=2026-11-28T12:00:00Z&foo=1`, 'unknown-parameter'],
      [`sku=${SKU}&at=2026-02-30T00:00:00Z`, 'invalid-time'],
      [`sku=${SKU}&at=2026-11-28`, 'invalid-time'],
      // Express would read these as U+FFFD and answer for a SKU nobody asked about.
      ['sku=%ED%A0%80&at=2026-11-28T12:00:00Z', 'invalid-query-encoding'],
      ['sku=SKU-%E0%A4%A&at=2026-11-28T12:00:00Z', 'invalid-query-encoding'],
    ]) {
      const refused = await fetch(`${base}/as-of?${query}`, { headers: { 'x-api-key': AUDITOR_KEY } });
      expect({ query, status: refused.status, body: await refused.json() }).toMatchObject({ query, status: 400, body: { code } });
    }
    for (const path of ['/seals?x=1', '/verify?full=true']) {
      const refused = await fetch(`${base}${path}`, { headers: { 'x-api-key': AUDITOR_KEY } });
      expect({ path, status: refused.status, body: await refused.json() }).toMatchObject({ path, status: 400, body: { code: 'unknown-parameter' } });
    }
    // Still serving after bad input.
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('one bad request cannot poison the pool: U+0000 is refused before any query, and the next request answers', async () => {
    const auditor = { headers: { 'x-api-key': AUDITOR_KEY } };
    const nul = await fetch(`${base}/as-of?sku=%00&at=2026-12-03T20:53:00Z`, auditor);
    expect(nul.status).toBe(400);
    expect(await nul.json()).toMatchObject({ code: 'unstorable-text', reason: expect.stringMatching(/^sku: holds U\+0000/) });
    expect((await fetch(`${base}/as-of?sku=${SKU}&at=2026-11-28T12:00:00Z`, auditor)).status).toBe(200);
    expect((await fetch(`${base}/verify`, auditor)).status).toBe(200);
    expect((await fetch(`${base}/health`)).status).toBe(200);

    // A query that fails inside the read-only snapshot rolls it back: the one pooled connection answers the next.
    const pool = new Pool({ connectionString: database.url, max: 1 });
    try {
      const at = Date.parse('2026-11-28T12:00:00Z');
      await expect(asOf(pool, { subject: { kind: 'sku', id: '\0' }, at, axis: 'event' })).rejects.toThrow(/0x00/);
      expect(priceOf(await asOf(pool, { subject: { kind: 'sku', id: SKU }, at, axis: 'event' }), 'eshop')).toEqual([{ value: '399.99 PLN', id: 'eshop-bf' }]);
      await expect(verifyLogAndSeals(pool, { table: 'no_such_copy', head: { position: 0, hash: Buffer.alloc(32) } })).rejects.toThrow(/no_such_copy/);
      expect(await verifyLogAndSeals(pool)).toMatchObject({ ok: true });
    } finally {
      await pool.end();
    }
  });

  it('the CLI: usage errors exit 2 with the reason', async () => {
    const noSubject = await parity(['as-of', '--at', '2026-11-28T12:00:00Z'], { DATABASE_URL: database.url });
    expect(noSubject).toMatchObject({ code: 2 });
    expect(noSubject.stderr).toMatch(/name a subject/);
    expect(await parity(['as-of', '--sku', SKU, '--at', '2026-11-28T12:00:00Z', '--axis', 'wall'], { DATABASE_URL: database.url })).toMatchObject({ code: 2 });
    const february30 = await cli(['--at', '2026-02-30T00:00:00Z']);
    expect(february30).toMatchObject({ code: 2, stdout: '' });
    expect(february30.stderr).toMatch(/--at 2026-02-30T00:00:00Z: expected an RFC 3339 time/);
    // A URL that is not one is configuration (2); a well-formed one that answers nothing is infrastructure (3).
    const notAUrl = await cli(['--at', '2026-11-28T12:00:00Z', '--database-url', 'notaurl']);
    expect(notAUrl).toMatchObject({ code: 2 });
    expect(notAUrl.stderr).toMatch(/--database-url \(or DATABASE_URL\): is not a PostgreSQL URL: expected postgres:\/\/user:password@host:port\/database/);
    expect(notAUrl.stderr).not.toMatch(/ENOTFOUND/);
  });
});
