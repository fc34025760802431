import { Pool } from 'pg';
import { Registry } from 'prom-client';
import { createTestDatabase, createTopics, eventually, readTopic, TestDatabase, testKafka, uniqueName } from '@parity/testing';
import { OutboxRelay } from './outbox-relay';
import { ReconcilerMetrics } from './reconciler.metrics';

const FINDINGS = 10;
const VERSIONS = 30;

/**
 * Two reconciler instances each run a relay over the one outbox. Whatever their timing, every
 * committed change reaches the topic once, and each finding's versions in order: a reader that
 * keeps the latest message per key ends on the latest version.
 */
describe('outbox relay: several instances publish each change once, in order per finding', () => {
  const kafka = testKafka();
  let database: TestDatabase;
  let pool: Pool;

  beforeAll(async () => {
    database = await createTestDatabase();
    pool = new Pool({ connectionString: database.url, max: 6 });
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it(`publishes ${FINDINGS * VERSIONS} changes committed while two relays run, none twice, none out of order`, async () => {
    const topic = uniqueName('relay-findings');
    await createTopics(kafka, [topic], 3);
    const relays = [0, 1].map(() => new OutboxRelay(pool, kafka, { topic, pollMs: 5, batchSize: 7 }, new ReconcilerMetrics(new Registry())));
    const read = await readTopic(kafka, topic);
    await Promise.all(relays.map((relay) => relay.onApplicationBootstrap()));
    try {
      // Versions of every finding committed one small transaction at a time, each relay woken as
      // its own reconciler would wake it: they race for the same rows all along.
      for (let version = 1; version <= VERSIONS; version += 1) {
        for (let finding = 0; finding < FINDINGS; finding += 1) {
          const id = `finding-${finding}`;
          await pool.query("INSERT INTO finding_changes (finding_id, version, change, log_position, cloud_event) VALUES ($1, $2, 'updated', $3, $4)", [
            id,
            version,
            version,
            JSON.stringify({ id: `${id}:${version}`, data: { id, version } }),
          ]);
          relays[finding % 2]!.wake();
        }
      }
      const total = FINDINGS * VERSIONS;
      await eventually('every change published', async () => {
        const left = await pool.query<{ n: string }>('SELECT count(*) AS n FROM finding_changes WHERE published_at IS NULL');
        return Number(left.rows[0]!.n) === 0 && read.messages.length >= total ? true : undefined;
      });
      // A moment for a duplicate in flight to arrive.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const versions = new Map<string, number[]>();
      for (const message of read.messages) {
        const { data } = JSON.parse(message.value!.toString()) as { data: { id: string; version: number } };
        expect(message.key?.toString()).toBe(data.id);
        versions.set(data.id, [...(versions.get(data.id) ?? []), data.version]);
      }
      expect(read.messages.length).toBe(total);
      const inOrder = [...Array(VERSIONS).keys()].map((n) => n + 1);
      for (let finding = 0; finding < FINDINGS; finding += 1) expect([`finding-${finding}`, versions.get(`finding-${finding}`)]).toEqual([`finding-${finding}`, inOrder]);
    } finally {
      await Promise.all(relays.map((relay) => relay.onApplicationShutdown()));
      await read.stop();
    }
  });
});
