import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka } from 'kafkajs';
import pino from 'pino';
import { createKafka } from '@parity/kafka';
import { Infrastructure, repositoryRoot, startInfrastructure } from '@parity/local-stack';

export const log = (line: string): void => void process.stdout.write(`${line}\n`);

/** A measured rate: what every bench reports. */
export interface Figure {
  readonly name: string;
  readonly events: number;
  readonly seconds: number;
  readonly perSecond: number;
}

export const figure = (name: string, events: number, ms: number): Figure => ({ name, events, seconds: ms / 1000, perSecond: Math.round(events / (ms / 1000)) });

/**
 * Runs a benchmark on fresh local infrastructure (or the KAFKA_BROKERS / DATABASE_URL given), with
 * the environment the test helpers read, and stops it afterwards whatever happens.
 */
export async function onBenchInfrastructure(partitions: number, run: (kafka: Kafka, infrastructure: Infrastructure) => Promise<void>): Promise<void> {
  const infrastructure = await startInfrastructure({
    root: repositoryRoot(),
    purpose: 'test',
    env: process.env,
    partitions,
    log: (line) => log(`[infrastructure] ${line}`),
  });
  process.env['KAFKA_BROKERS'] = infrastructure.kafkaBrokers;
  process.env['DATABASE_ADMIN_URL'] = infrastructure.databaseAdminUrl;
  process.env['DATABASE_URL'] = infrastructure.databaseUrl;
  try {
    await run(createKafka({ brokers: infrastructure.kafkaBrokers.split(','), clientId: 'bench' }, pino({ level: 'fatal' })), infrastructure);
  } finally {
    await infrastructure.stop();
  }
}

/** Writes a run's figures to bench/results/<name>-<time>.json and says where. */
export function saveResults(name: string, results: unknown): void {
  const out = join(repositoryRoot(), 'bench', 'results');
  mkdirSync(out, { recursive: true });
  const file = join(out, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(results, null, 2));
  log(`written to ${file}`);
}

export function exitOnFailure(run: () => Promise<void>): void {
  // Ctrl-C or a kill: leave through process.exit so the started services are stopped too.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130));
  run().catch((error: unknown) => {
    process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
