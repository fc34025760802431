import './register-paths';
import { Infrastructure, repositoryRoot, startInfrastructure } from '@parity/local-stack';

declare global {
  // Shared between global setup and teardown (same process).
  var parityTestInfrastructure: Infrastructure | undefined;
}

/**
 * One Kafka and one PostgreSQL for the whole integration run: the ones named by KAFKA_BROKERS /
 * DATABASE_URL, or started here. If they cannot be had, the run fails; no test is skipped.
 */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const infrastructure = await startInfrastructure({
    root: repositoryRoot(),
    purpose: 'test',
    env: process.env,
    partitions: 3,
    log: (line) => process.stdout.write(`[test infrastructure] ${line}\n`),
  });
  globalThis.parityTestInfrastructure = infrastructure;
  process.env['KAFKA_BROKERS'] = infrastructure.kafkaBrokers;
  process.env['DATABASE_ADMIN_URL'] = infrastructure.databaseAdminUrl;
  process.env['DATABASE_URL'] = infrastructure.databaseUrl;
  process.stdout.write(`[test infrastructure] ready in ${Date.now() - started} ms: kafka ${infrastructure.kafkaBrokers}\n`);
}
