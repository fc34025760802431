import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Pool } from 'pg';
import { chromium } from 'playwright-core';
import { checkExport, rawPublicKey, sealKeysFromPrivate } from '@parity/audit';
import { chainHash, GENESIS_HASH, readLog } from '@parity/event-store';
import { createTestDatabase, TestDatabase } from '@parity/testing';
import { CLI, parity } from './cli-run';
import { appendAt, priceSet, writeLiveHistory } from './log-fixture';

const ARTIFACTS = resolve(__dirname, '../../../test-artifacts');

function newSealKey(): { key: string; publicKey: string } {
  const seed = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32).toString('base64');
  return { key: seed, publicKey: rawPublicKey(sealKeysFromPrivate(seed)) };
}

/** A log of a few SKUs over November: prices drifting, a Black Friday price, an acknowledgement. */
async function november(pool: Pool): Promise<void> {
  const channels = ['eshop', 'app', 'store/WAW-001', 'store/KRK-002', 'contact-center'];
  for (let day = 1; day <= 20; day += 1) {
    const date = `2026-11-${String(day).padStart(2, '0')}`;
    const events = channels.flatMap((channel, c) =>
      ['SKU-1', 'SKU-2', 'SKU-3'].map((sku, s) => priceSet(`${channel}-${sku}-${day}`, channel, sku, (day + c + s) % 4 === 0 ? '105.00' : '100.00', `${date}T08:00:00Z`)),
    );
    if (day === 10) events.push(priceSet('eshop-bf', 'eshop', 'SKU-1', '79.00', `${date}T08:00:00Z`, { from: '2026-11-27T00:00:00Z', to: '2026-12-01T00:00:00Z' }));
    await appendAt(pool, `${date}T09:00:00Z`, events);
  }
  await writeLiveHistory(pool);
  const finding = (await pool.query<{ finding_id: string; key: string }>("SELECT finding_id, (cloud_event::jsonb)->'data'->>'sku' AS key FROM finding_changes WHERE change = 'opened' ORDER BY seq DESC LIMIT 1")).rows[0]!;
  await appendAt(pool, '2026-11-20T10:00:00Z', [
    {
      source: 'parity/feed',
      id: 'ack-1',
      type: 'parity.finding.acknowledged.v1',
      subject: finding.finding_id,
      eventTime: Date.parse('2026-11-20T10:00:00Z'),
      dataJson: JSON.stringify({ findingId: finding.finding_id, key: `sku:${finding.key}`, by: 'anna.ops', reason: 'store team called' }),
      kafka: { topic: 'parity.actions', partition: 0, offset: 0 },
    },
  ]);
  // The history the reconciler would have written with the acknowledgement in the log.
  await pool.query('DELETE FROM finding_changes');
  await writeLiveHistory(pool);
}

describe('seals and the signed report', () => {
  let database: TestDatabase;
  const seal = newSealKey();
  const work = mkdtempSync(join(tmpdir(), 'parity-audit-'));
  const env = () => ({ DATABASE_URL: database.url, PARITY_SEAL_KEY: seal.key });
  const verifier = () => ({ DATABASE_URL: database.url, PARITY_SEAL_PUBLIC_KEY: seal.publicKey });

  beforeAll(async () => {
    database = await createTestDatabase();
    await november(database.admin);
  });
  afterAll(() => database.drop());

  it('seals the head, exports the seals, and verifies chain and seals against the exported copy', async () => {
    const first = await parity(['seal', '--json'], env());
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ position: 302, algorithm: 'ed25519' });
    await appendAt(database.admin, '2026-11-21T09:00:00Z', [priceSet('late-1', 'eshop', 'SKU-2', '100.00', '2026-11-21T08:00:00Z')]);
    const exported = join(work, 'seals.json');
    expect(await parity(['seal', '--export', exported], env())).toMatchObject({ code: 0 });
    expect((JSON.parse(readFileSync(exported, 'utf8')) as { seals: unknown[] }).seals).toHaveLength(2);

    const verified = await parity(['verify', '--json', '--no-progress', '--seals', exported], verifier());
    expect(verified.code).toBe(0);
    expect(JSON.parse(verified.stdout)).toMatchObject({ ok: true, checked: 303, seals: { checked: 2, defects: [] } });
  });

  it('the application role cannot change or remove a seal', async () => {
    const app = new Pool({ connectionString: database.url, max: 1 });
    try {
      await expect(app.query('DELETE FROM log_seals')).rejects.toMatchObject({ code: '42501' });
      await expect(app.query('UPDATE log_seals SET position = 1')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await app.end();
    }
    await expect(database.admin.query('DELETE FROM log_seals')).rejects.toThrow(/append-only/);
  });

  it('a seal removed behind the guard is named by the exported copy', async () => {
    const exported = join(work, 'seals.json');
    const removed = (await database.admin.query('SELECT * FROM log_seals ORDER BY seq LIMIT 1')).rows[0] as Record<string, unknown>;
    await asSuperuser(database.admin, (db) => db.query('DELETE FROM log_seals WHERE seq = $1', [removed['seq']]));
    const result = await parity(['verify', '--json', '--no-progress', '--seals', exported], verifier());
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, firstBadPosition: 302, defects: [], seals: { defects: [{ problem: 'missing-seal', position: 302 }] } });
    await database.admin.query('INSERT INTO log_seals SELECT * FROM jsonb_populate_record(NULL::log_seals, $1::jsonb)', [JSON.stringify({ ...removed, head_hash: `\\x${(removed['head_hash'] as Buffer).toString('hex')}`, signature: `\\x${(removed['signature'] as Buffer).toString('hex')}` })]);
    expect((await parity(['verify', '--json', '--no-progress', '--seals', exported], verifier())).code).toBe(0);
  });

  it('exports CSV, JSON and an HTML report with a signed manifest; the report renders and reads', async () => {
    const out = join(work, 'export');
    const result = await parity(['export', '--out', out, '--from', '2026-11-01', '--to', '2026-11-30', '--no-progress'], env());
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/exported 8 files .* the log verifies/);
    const manifestBytes = readFileSync(join(out, 'manifest.json'));
    const manifest = JSON.parse(manifestBytes.toString()) as { files: { file: string }[] };
    expect(manifest.files.map((f) => f.file)).toEqual(['facts.csv', 'facts.json', 'findings.csv', 'findings.json', 'actions.csv', 'actions.json', 'verification.json', 'report.html']);
    const keys = sealKeysFromPrivate(seal.key);
    const read = (file: string) => (existsSync(join(out, file)) ? readFileSync(join(out, file)) : undefined);
    expect(checkExport(keys, manifestBytes, readFileSync(join(out, 'manifest.sig'), 'utf8'), read)).toEqual({ ok: true });
    expect(readFileSync(join(out, 'findings.csv'), 'utf8').split('\r\n')[0]).toBe('logPosition,changedAt,change,findingId,version,rule,status,severity,sku,promotionId,policyId,channels,impactAt,detectedAt,resolvedAt');
    expect(JSON.parse(readFileSync(join(out, 'actions.json'), 'utf8'))).toEqual([expect.objectContaining({ type: 'parity.finding.acknowledged.v1', by: 'anna.ops', reason: 'store team called' })]);
    expect((JSON.parse(readFileSync(join(out, 'facts.json'), 'utf8')) as unknown[]).length).toBe(302);
    // One changed byte in one file: the manifest no longer vouches for it.
    writeFileSync(join(work, 'findings.csv'), readFileSync(join(out, 'findings.csv'), 'utf8').replace('price-mismatch', 'price-mismatcH'));
    const tampered = (file: string) => (file === 'findings.csv' ? readFileSync(join(work, 'findings.csv')) : read(file));
    expect(checkExport(keys, manifestBytes, readFileSync(join(out, 'manifest.sig'), 'utf8'), tampered)).toEqual({ ok: false, problems: ['findings.csv: SHA-256 differs from the manifest'] });

    const scoped = join(work, 'scoped');
    expect(await parity(['export', '--out', scoped, '--sku', 'SKU-1', '--no-progress'], env())).toMatchObject({ code: 0 });
    const scopedFacts = JSON.parse(readFileSync(join(scoped, 'facts.json'), 'utf8')) as { data: { sku: string } }[];
    expect(scopedFacts.length).toBeGreaterThan(0);
    expect(new Set(scopedFacts.map((fact) => fact.data.sku))).toEqual(new Set(['SKU-1']));

    mkdirSync(ARTIFACTS, { recursive: true });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(`file://${join(out, 'report.html')}`);
      await page.screenshot({ path: join(ARTIFACTS, 'audit-report.png'), fullPage: true });
      expect(await page.title()).toBe('Parity audit report: all channels and subjects');
      const text = await page.innerText('body');
      expect(text).toMatch(/The log verifies: 303 events chained from the genesis hash to the head at position 303; 2 seals hold/);
      expect(text).toMatch(/findings opened/);
      expect(await page.locator('svg').count()).toBe(2);
      expect(await page.locator('svg rect').count()).toBeGreaterThan(10);
      expect(text).toMatch(/anna\.ops/);
    } finally {
      await browser.close();
    }
  });

  it('history rewritten with a recomputed chain passes the chain check but not the seals', async () => {
    // A superuser changes position 40 and re-hashes everything after it: the chain alone verifies.
    await asSuperuser(database.admin, async (db) => {
      const records = await readLog(db, 0, 10_000);
      let previous: Buffer = GENESIS_HASH;
      for (const record of records) {
        const content = { ...record, dataJson: record.position === 40 ? record.dataJson.replace('100.00', '1.00') : record.dataJson };
        const hash = chainHash(previous, content);
        if (record.position >= 40) await db.query('UPDATE event_log SET data = $1, hash = $2 WHERE position = $3', [content.dataJson, hash, record.position]);
        previous = hash;
      }
      await db.query('UPDATE event_log_head SET hash = $1', [previous]);
    });
    const result = await parity(['verify', '--json', '--no-progress'], verifier());
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as { defects: unknown[]; firstBadPosition: number; seals: { defects: { problem: string; position: number }[] } };
    expect(report.defects).toEqual([]);
    expect(report.seals.defects).toEqual([expect.objectContaining({ problem: 'hash-mismatch', position: 302 }), expect.objectContaining({ problem: 'hash-mismatch', position: 303 })]);
    expect(report.firstBadPosition).toBe(302);
    const text = await parity(['verify', '--no-progress'], verifier());
    expect(text.stdout).toMatch(/does NOT verify: first bad position 302/);

    // An export of the rewritten log is still made, and says where with exit 1.
    const exported = await parity(['export', '--out', join(work, 'after-rewrite'), '--no-progress'], { ...env(), PARITY_SEAL_PUBLIC_KEY: seal.publicKey });
    expect(exported.code).toBe(1);
    expect(exported.stdout).toMatch(/does NOT verify \(first bad position 302\)/);
    expect(readFileSync(join(work, 'after-rewrite', 'report.html'), 'utf8')).toMatch(/The log does NOT verify: first bad position 302/);
  });

  it('sealing without a key is a configuration error naming PARITY_SEAL_KEY', async () => {
    const result = await parity(['seal'], { DATABASE_URL: database.url, PARITY_SEAL_KEY: '' });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/PARITY_SEAL_KEY/);
  });

  it('an export range that ends before it starts is a usage error, and nothing is written', async () => {
    const out = join(work, 'reversed');
    const result = await parity(['export', '--no-progress', '--out', out, '--from', '500', '--to', '100'], env());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--from 500 is after --to 100/);
    expect(existsSync(out)).toBe(false);
  });

  it('an output path that cannot be written is a usage error (2) before any work, and no seal is added', async () => {
    const file = join(work, 'a-file');
    writeFileSync(file, 'not a directory');
    const intoFile = await parity(['export', '--no-progress', '--out', file], env());
    expect(intoFile).toMatchObject({ code: 2, stdout: '' });
    expect(intoFile.stderr).toContain(`--out: ${file} is a file, not a directory`);
    // Node's recursive mkdir never returns for this one: the command must, at once.
    const underProc = await parity(['export', '--no-progress', '--out', '/proc/parity-nope/out'], env());
    expect(underProc).toMatchObject({ code: 2, stdout: '' });
    expect(underProc.stderr).toMatch(/--out: (cannot create \/proc\/parity-nope|\/proc is not writable)/);

    const pool = new Pool({ connectionString: database.url });
    const sealsBefore = Number((await pool.query('SELECT count(*) FROM log_seals')).rows[0].count);
    const nowhere = await parity(['seal', '--export', join(work, 'no-such-folder', 'seals.json')], env());
    expect(nowhere).toMatchObject({ code: 2, stdout: '' });
    expect(nowhere.stderr).toContain(`--export: ${join(work, 'no-such-folder')} is not a directory that exists`);
    expect(Number((await pool.query('SELECT count(*) FROM log_seals')).rows[0].count)).toBe(sealsBefore);
    await pool.end();
  });

  it('stops quietly when the reader of its output goes away (| head), with its own exit code', async () => {
    // `true` reads nothing and is gone before the verdict is written: the write meets a closed pipe.
    const piped = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${CLI}" verify --no-progress --json | true`], { env: { ...process.env, ...verifier() }, encoding: 'utf8' });
    const unpiped = await parity(['verify', '--no-progress', '--json'], verifier());
    expect({ status: piped.status, stderr: piped.stderr }).toEqual({ status: unpiped.code, stderr: '' });
  });

  it('a database URL that is not one is a configuration error (2), not an unreachable database (3)', async () => {
    const result = await parity(['verify', '--no-progress', '--database-url', 'notaurl'], verifier());
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--database-url \(or DATABASE_URL\): is not a PostgreSQL URL/);
    expect((await parity(['verify', '--no-progress', '--database-url', 'postgres://parity@127.0.0.1:1/parity'], verifier())).code).toBe(3);
  });

});

async function asSuperuser(pool: Pool, work: (db: import('pg').PoolClient) => Promise<unknown>): Promise<void> {
  const db = await pool.connect();
  try {
    // Replica mode skips ordinary triggers, the append-only guards included: only a superuser can.
    await db.query('SET session_replication_role = replica');
    await work(db);
  } finally {
    await db.query('SET session_replication_role = DEFAULT');
    db.release();
  }
}
