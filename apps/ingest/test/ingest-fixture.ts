import { Kafka, Producer } from 'kafkajs';
import { Pool } from 'pg';
import { freePort } from '@parity/local-stack';
import { createTestDatabase, createTopics, startService, testKafka, TestDatabase, uniqueName, ServiceProcess } from '@parity/testing';

/** Topics, a database and a group of their own for one ingest spec, and the real ingest process. */
export interface IngestFixture {
  readonly kafka: Kafka;
  readonly producer: Producer;
  readonly database: TestDatabase;
  readonly topics: { prices: string; stock: string; promotions: string; returns: string; products: string; deadLetter: string };
  readonly env: Record<string, string>;
  readonly httpPort: number;
  start(): ServiceProcess;
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
  };
  await createTopics(kafka, Object.values(topics), partitions);
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
    start: () => {
      const service = startService('ingest', env);
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
