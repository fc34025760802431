import { randomBytes } from 'node:crypto';
import { Kafka } from 'kafkajs';
import { Client, Pool } from 'pg';
import pino from 'pino';
import { migrate } from '@parity/event-store';
import { createKafka } from '@parity/kafka';

/** A name no other test (or earlier run) uses: topics, groups, databases, event ids. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: integration specs run under the global setup (npm test)`);
  return value;
}

export function testKafka(): Kafka {
  // Test clients log only errors that matter: kafkajs' own retries are noise here.
  return createKafka({ brokers: required('KAFKA_BROKERS').split(','), clientId: uniqueName('test') }, pino({ level: 'fatal' }));
}

export async function createTopics(kafka: Kafka, topics: readonly string[], numPartitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: false, topics: topics.map((topic) => ({ topic, numPartitions, replicationFactor: 1 })) });
    // kafkajs' own waitForLeaders gives up on "This server does not host this topic-partition",
    // which a new topic answers for a moment: wait for every leader here, retrying that answer.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = await admin
        .fetchTopicMetadata({ topics: [...topics] })
        .then(({ topics: found }) => found.length === topics.length && found.every((t) => t.partitions.length === numPartitions && t.partitions.every((p) => p.leader >= 0)))
        .catch((error: unknown) => {
          if (Date.now() > deadline) throw error;
          return false;
        });
      if (ready) break;
      if (Date.now() > deadline) throw new Error(`topics ${topics.join(', ')} have no leaders after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await admin.disconnect();
  }
}

export interface TestDatabase {
  readonly name: string;
  /** Schema owner (superuser in the embedded run): can act behind the log's guard. */
  readonly adminUrl: string;
  /** The services' role. */
  readonly url: string;
  readonly admin: Pool;
  drop(): Promise<void>;
}

/** A fresh, migrated database of its own for one spec file. */
export async function createTestDatabase(prefix = 'parity_test'): Promise<TestDatabase> {
  const name = uniqueName(prefix).replace(/-/g, '_');
  const adminUrl = withDatabase(required('DATABASE_ADMIN_URL'), name);
  const url = withDatabase(required('DATABASE_URL'), name);
  const maintenance = new Client({ connectionString: required('DATABASE_ADMIN_URL') });
  await maintenance.connect();
  await maintenance.query(`CREATE DATABASE ${name}`);
  await maintenance.end();
  await migrate(adminUrl);
  const admin = new Pool({ connectionString: adminUrl, max: 4 });
  // An idle connection that the server closes must fail the query that needs it, not the run.
  admin.on('error', (error) => process.stderr.write(`test database pool: ${error.message}\n`));
  return {
    name,
    adminUrl,
    url,
    admin,
    drop: async () => {
      await admin.end();
      const client = new Client({ connectionString: required('DATABASE_ADMIN_URL') });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Polls until `probe` returns a value, or fails naming what it waited for. */
export async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}
