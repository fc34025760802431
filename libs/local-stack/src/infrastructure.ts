import pino from 'pino';
import { rm, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureApplicationRole, migrate, withCredentials, APPLICATION_ROLE } from '@parity/event-store';
import { contractTopics, createKafka, ensureTopics, waitForGroupCoordinator, waitForKafka } from '@parity/kafka';
import { startEmbeddedDatabase } from './embedded-database';
import { freePort, isPortFree } from './free-port';
import { startKafkaBroker } from './kafka-broker';
import { sweepStaleRuns } from './stale-runs';

export interface Infrastructure {
  readonly kafkaBrokers: string;
  /** Schema owner: migrations, audits, tests that act behind the guard. */
  readonly databaseAdminUrl: string;
  /** The services' role: it can append to the log, never change it. */
  readonly databaseUrl: string;
  /** What was started here (empty when everything came from the environment). */
  readonly started: string[];
  stop(): Promise<void>;
}

export interface InfrastructureOptions {
  /** Repository root: `.cache/` and `.data/` live there. */
  readonly root: string;
  /** `dev` keeps data across runs on fixed ports; `test` uses fresh data on free ports. */
  readonly purpose: 'dev' | 'test';
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly partitions: number;
  readonly log: (line: string) => void;
}

const APP_PASSWORD_DEFAULT = 'parity-app-local';

/**
 * Kafka and PostgreSQL for a local run: the ones named by KAFKA_BROKERS / DATABASE_URL when set,
 * otherwise a single-node Kafka (KRaft) on the machine's JDK and an embedded PostgreSQL, started
 * here. Either way the contract topics exist and the schema is migrated when this returns.
 */
export async function startInfrastructure(options: InfrastructureOptions): Promise<Infrastructure> {
  const { env, log } = options;
  const stops: (() => Promise<void>)[] = [];
  const started: string[] = [];
  const runDir = options.purpose === 'dev' ? join(options.root, '.data') : join(options.root, '.data', `test-run-${process.pid}`);
  if (options.purpose === 'test') {
    sweepStaleRuns(join(options.root, '.data'), log);
    await rm(runDir, { recursive: true, force: true });
  }
  await mkdir(runDir, { recursive: true });
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop();
    if (options.purpose === 'test') {
    sweepStaleRuns(join(options.root, '.data'), log);
    await rm(runDir, { recursive: true, force: true });
  }
  };

  const taken = new Set<number>();
  try {
    let kafkaBrokers = env['KAFKA_BROKERS']?.trim();
    if (!kafkaBrokers) {
      const port = await choosePort(options, env['PARITY_KAFKA_PORT'], 19092, taken);
      const controllerPort = await choosePort(options, env['PARITY_KAFKA_CONTROLLER_PORT'], 19093, taken);
      log(`starting Apache Kafka (KRaft, single node) on 127.0.0.1:${port}`);
      const broker = await startKafkaBroker({
        cacheDir: join(options.root, '.cache'),
        dataDir: join(runDir, 'kafka'),
        port,
        controllerPort,
        log,
      });
      stops.push(() => broker.stop());
      started.push(`kafka pid ${broker.pid}, log ${broker.logFile}`);
      kafkaBrokers = broker.brokers;
    }
    // Quiet client: the coordinator warm-up below fails by design until the broker is ready.
    const kafka = createKafka({ brokers: kafkaBrokers.split(','), clientId: 'parity-stack' }, pino({ level: 'fatal' }));
    await waitForKafka(kafka, 60_000);
    const created = await ensureTopics(kafka, contractTopics(options.partitions));
    await waitForGroupCoordinator(kafka, 60_000);
    if (created.length > 0) log(`created topics ${created.join(', ')} (${options.partitions} partitions each)`);

    let databaseAdminUrl = env['DATABASE_ADMIN_URL']?.trim() || env['DATABASE_URL']?.trim();
    let databaseUrl = env['DATABASE_URL']?.trim();
    if (!databaseAdminUrl || !databaseUrl) {
      const port = await choosePort(options, env['PARITY_POSTGRES_PORT'], 54329, taken);
      log(`starting embedded PostgreSQL on 127.0.0.1:${port}`);
      const database = await startEmbeddedDatabase({
        dataDir: join(runDir, 'postgres'),
        port,
        database: 'parity',
        ephemeral: options.purpose === 'test',
        log,
      });
      stops.push(() => database.stop());
      started.push(`postgresql on port ${port}`);
      const password = env['PARITY_APP_DB_PASSWORD'] ?? APP_PASSWORD_DEFAULT;
      await ensureApplicationRole(database.adminUrl, password);
      databaseAdminUrl = database.adminUrl;
      databaseUrl = withCredentials(database.adminUrl, APPLICATION_ROLE, password);
    }
    const applied = await migrate(databaseAdminUrl);
    if (applied.length > 0) log(`migrated the database: ${applied.join(', ')}`);
    return { kafkaBrokers, databaseAdminUrl, databaseUrl, started, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

async function choosePort(options: InfrastructureOptions, configured: string | undefined, fallback: number, taken: Set<number>): Promise<number> {
  if (configured) return Number(configured);
  if (options.purpose === 'test') {
    // The OS may hand out the same free port twice in a row: the broker then refuses to start
    // with its listener and controller on one port (seen in a bench run).
    for (;;) {
      const port = await freePort();
      if (taken.has(port)) continue;
      taken.add(port);
      return port;
    }
  }
  if (!(await isPortFree(fallback))) {
    throw new Error(
      `port ${fallback} is taken: is another Parity stack running? Stop it, or choose other ports with PARITY_KAFKA_PORT / PARITY_POSTGRES_PORT`,
    );
  }
  return fallback;
}
