import { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { freePort } from '@parity/local-stack';
import { createTestDatabase, createTopics, testKafka, TestDatabase, uniqueName } from './environment';
import { ServiceProcess, startService } from './service-process';

/** Topics, a database and groups of their own for one spec, and the real service processes. */
export interface IngestFixture {
  readonly kafka: Kafka;
  readonly producer: Producer;
  readonly database: TestDatabase;
  readonly topics: { prices: string; stock: string; promotions: string; returns: string; products: string; deadLetter: string; findings: string };
  readonly env: Record<string, string>;
  readonly httpPort: number;
  /** Starts the ingest process (another service by name, with extra environment). */
  start(service?: string, env?: Record<string, string>): ServiceProcess;
  logCount(): Promise<number>;
  close(): Promise<void>;
}

export async function ingestFixture(partitions = 3): Promise<IngestFixture> {
  const kafka = testKafka();
  const prefix = uniqueName('ingest');
  const topics = {
    prices: `${prefix}.prices`,
    stock: `${prefix}.stock`,
    promotions: `${prefix}.promotions`,
    returns: `${prefix}.returns`,
    products: `${prefix}.products`,
    deadLetter: `${prefix}.dead-letter`,
    findings: `${prefix}.findings`,
  };
  await createTopics(kafka, Object.values(topics), partitions);
  const reconcilerPartitions = `${prefix}.reconciler-partitions`;
  await createTopics(kafka, [reconcilerPartitions], 6);
  const database = await createTestDatabase();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const httpPort = await freePort();
  const env = {
    DATABASE_URL: database.url,
    INGEST_TOPICS: [topics.prices, topics.stock, topics.promotions, topics.returns, topics.products].join(','),
    DEAD_LETTER_TOPIC: topics.deadLetter,
    INGEST_GROUP_ID: `${prefix}-group`,
    INGEST_HTTP_PORT: String(httpPort),
    FINDINGS_TOPIC: topics.findings,
    RECONCILER_CHECKPOINT: `${prefix}-reconciler`,
    RECONCILER_PARTITIONS_TOPIC: reconcilerPartitions,
    RECONCILER_GROUP_ID: `${prefix}-reconciler`,
    RECONCILER_SESSION_TIMEOUT_MS: '6000',
    INGEST_MAX_EVENT_BYTES: '65536',
    // A killed member is noticed after this long; the broker's minimum.
    INGEST_SESSION_TIMEOUT_MS: '6000',
  };
  const running: ServiceProcess[] = [];
  const pool: Pool = database.admin;
  return {
    kafka,
    producer,
    database,
    topics,
    env,
    httpPort,
    start: (name = 'ingest', extra = {}) => {
      const service = startService(name, { ...env, ...extra });
      running.push(service);
      return service;
    },
    logCount: async () => Number((await pool.query<{ count: string }>('SELECT count(*) FROM event_log')).rows[0]?.count ?? 0),
    close: async () => {
      for (const service of running) await service.kill('SIGTERM');
      await producer.disconnect();
      await database.drop();
    },
  };
}
