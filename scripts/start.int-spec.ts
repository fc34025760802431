import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, repositoryRoot } from '@parity/local-stack';
import { createTestDatabase, eventually } from '@parity/testing';

const PORTS = ['INGEST_HTTP_PORT', 'RECONCILER_HTTP_PORT', 'FEED_HTTP_PORT', 'ALERTS_HTTP_PORT', 'REPLAY_HTTP_PORT'] as const;

/**
 * `npm start` as a newcomer runs it, on this run's broker and a database of its own: the services
 * and the simulator come up, events flow into the log, and Ctrl-C (SIGINT to the terminal's whole
 * foreground process group) stops everything in order, without an error on the way out.
 */
describe('npm start', () => {
  it('brings the system up with events flowing into the log, and stops it cleanly on Ctrl-C', async () => {
    const database = await createTestDatabase();
    const ports = Object.fromEntries(await Promise.all(PORTS.map(async (name) => [name, String(await freePort())] as const)));
    const localEnv = join(mkdtempSync(join(tmpdir(), 'parity-start-')), 'local.env');
    // detached: a process group of its own, as a terminal gives the command it runs.
    const start = spawn(process.execPath, [resolve(repositoryRoot(), 'dist', 'scripts', 'start.js')], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DATABASE_URL: database.url, DATABASE_ADMIN_URL: database.adminUrl, LOG_LEVEL: 'warn', PARITY_LOCAL_ENV_FILE: localEnv, ...ports },
    });
    let output = '';
    start.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    start.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => start.once('exit', (code) => done(code)));
    const running = () => start.exitCode === null && start.signalCode === null;
    const eventsInLog = async () => {
      const count = Number((await database.admin.query<{ count: string }>('SELECT count(*) FROM event_log')).rows[0]!.count);
      return count > 0 ? count : undefined;
    };
    try {
      // An early exit fails at once, with what it printed.
      const exitedEarly = exited.then((code) => {
        throw new Error(`npm start exited (${code}) before Ctrl-C:\n${output}`);
      });
      exitedEarly.catch(() => undefined);
      await Promise.race([eventually('the start banner', async () => (output.includes('Ctrl-C stops everything') ? true : undefined), 180_000, 200), exitedEarly]);
      const logged = await Promise.race([eventually('simulated channel events in the log', eventsInLog, 60_000, 200), exitedEarly]);
      expect(logged).toBeGreaterThan(0);
      expect(await fetch(`http://127.0.0.1:${ports['INGEST_HTTP_PORT']}/health`).then((response) => response.status)).toBe(200);
      // What the CLIs beside the stack are told: this stack's database and the keys its services use.
      const exported = Object.fromEntries([...readFileSync(localEnv, 'utf8').matchAll(/^export (\w+)='(.*)'$/gm)].map(([, name, value]) => [name, value]));
      expect(Object.keys(exported).sort()).toEqual(['DATABASE_URL', 'KAFKA_BROKERS', 'PARITY_API_KEYS', 'PARITY_AUTH_SECRET', 'PARITY_SEAL_KEY']);
      expect({ url: exported['DATABASE_URL'], brokers: exported['KAFKA_BROKERS'], mode: statSync(localEnv).mode & 0o777 }).toEqual({ url: database.url, brokers: process.env['KAFKA_BROKERS'], mode: 0o600 });

      process.kill(-start.pid!, 'SIGINT');
      const code = await Promise.race([exited, new Promise<'hung'>((done) => setTimeout(() => done('hung'), 60_000).unref())]);
      expect({ code, stopped: output.includes('[parity] stopped') }).toEqual({ code: 0, stopped: true });
      expect(output).not.toMatch(/unhandled|uncaught|exited unexpectedly|start failed|node:events/i);
      await expect(fetch(`http://127.0.0.1:${ports['INGEST_HTTP_PORT']}/health`)).rejects.toThrow();
      expect(existsSync(localEnv)).toBe(false);
    } finally {
      // A failure above: the supervisor's end makes the stack stop itself (its IPC channel closes).
      if (running()) process.kill(-start.pid!, 'SIGKILL');
      await exited;
      await database.drop().catch(() => undefined);
    }
  });
});
