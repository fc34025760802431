import { generateKeyPairSync } from 'node:crypto';
import { freePort } from '@parity/local-stack';
import { createTestDatabase, eventually, ServiceProcess, startService, TestDatabase } from '@parity/testing';
import { appendAt, priceSet } from './log-fixture';

const AUDITOR_KEY = 'auditor-key-0123456789';
const PRICING_KEY = 'pricing-key-0123456789';

describe('replay service: periodic seals, exported and verified over the API', () => {
  let database: TestDatabase;
  let service: ServiceProcess;
  let base: string;
  const get = (path: string, key = AUDITOR_KEY) => fetch(`${base}${path}`, { headers: { 'x-api-key': key } });
  const sealCount = async () => Number((await database.admin.query<{ n: string }>('SELECT count(*) AS n FROM log_seals')).rows[0]!.n);

  beforeAll(async () => {
    database = await createTestDatabase();
    await appendAt(database.admin, '2026-11-01T00:00:01Z', [priceSet('e-1', 'eshop', 'SKU-1', '10.00', '2026-11-01T00:00:00Z')]);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    service = startService('replay', {
      DATABASE_URL: database.url,
      REPLAY_HTTP_PORT: String(port),
      PARITY_AUTH_SECRET: 'a-test-secret-of-at-least-32-characters',
      PARITY_API_KEYS: `audit:auditor:${AUDITOR_KEY},pricing:pricing:${PRICING_KEY}`,
      PARITY_SEAL_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('hex'),
      REPLAY_SEAL_INTERVAL_MS: '200',
    });
    await eventually('the replay API to answer', async () => ((await fetch(`${base}/health/live`).catch(() => undefined))?.ok ? true : undefined), 30_000);
  });
  afterAll(async () => {
    await service?.kill('SIGTERM');
    await database.drop();
  });

  it('seals the head while the log grows, and only then', async () => {
    await eventually('a first seal', async () => ((await sealCount()) === 1 ? true : undefined), 20_000);
    await appendAt(database.admin, '2026-11-01T00:00:02Z', [priceSet('e-2', 'app', 'SKU-1', '10.00', '2026-11-01T00:00:01Z')]);
    await eventually('a second seal', async () => ((await sealCount()) === 2 ? true : undefined), 20_000);
    // Nothing appended: several intervals pass without a new seal.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await sealCount()).toBe(2);

    const seals = (await (await get('/seals')).json()) as { publicKey: string; seals: { position: number }[] };
    expect(seals.seals.map((seal) => seal.position)).toEqual([1, 2]);
    expect(Buffer.from(seals.publicKey, 'base64')).toHaveLength(32);
    expect(await (await get('/verify')).json()).toMatchObject({ ok: true, checked: 2, seals: { checked: 2, defects: [] } });
    expect(await (await get('/metrics')).text()).toMatch(/^parity_replay_seals_total 2$/m);
  });

  it('auditor routes refuse other roles, and health is open', async () => {
    expect((await get('/seals', PRICING_KEY)).status).toBe(403);
    expect((await fetch(`${base}/verify`)).status).toBe(401);
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' } } });
  });
});
