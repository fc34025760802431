import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { alive, repositoryRoot, startKafkaBroker } from '@parity/local-stack';

/**
 * A standalone local broker for runs that bring their own services or tests:
 *   npm run kafka:start   -> prints KAFKA_BROKERS=127.0.0.1:19092
 *   npm run kafka:stop
 */
const root = repositoryRoot();
const dataDir = join(root, '.data', 'kafka-standalone');
const pidFile = join(dataDir, 'broker.pid');
const log = (line: string) => process.stdout.write(`${line}\n`);

async function start(): Promise<void> {
  if (existsSync(pidFile) && alive(Number(readFileSync(pidFile, 'utf8')))) {
    log(`a broker is already running (pid ${readFileSync(pidFile, 'utf8').trim()}); npm run kafka:stop stops it`);
    return;
  }
  await mkdir(dataDir, { recursive: true });
  const port = Number(process.env['PARITY_KAFKA_PORT'] ?? 19092);
  const broker = await startKafkaBroker({
    cacheDir: join(root, '.cache'),
    dataDir,
    port,
    controllerPort: Number(process.env['PARITY_KAFKA_CONTROLLER_PORT'] ?? port + 1),
    detached: true,
    log,
  });
  writeFileSync(pidFile, String(broker.pid));
  log(`Kafka is running (pid ${broker.pid}, log ${broker.logFile})\nKAFKA_BROKERS=${broker.brokers}`);
}

async function stop(): Promise<void> {
  if (!existsSync(pidFile)) {
    log('no standalone broker is running');
    return;
  }
  const pid = Number(readFileSync(pidFile, 'utf8'));
  if (alive(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 30_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 200));
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile);
  log(`stopped the broker (pid ${pid})`);
}

const command = process.argv[2];
const action = command === 'start' ? start : command === 'stop' ? stop : undefined;
if (!action) {
  process.stderr.write('usage: node dist/scripts/kafka.js start|stop\n');
  process.exit(2);
}
action().catch((error: unknown) => {
  process.stderr.write(`kafka ${command}: ${(error as Error).message}\n`);
  process.exit(1);
});
