import { syntheticEvent } from '@parity/contracts/fixtures';
import { verifyLog } from '@parity/event-store';
import { eventually, IngestFixture, ingestFixture } from '@parity/testing';

const EVENTS = 6_000;

/**
 * Ingest fetches the next batches while earlier ones commit. When commits fail (here: the
 * database refuses the append for a while), the batches handed off meanwhile must be fetched
 * again from the first that failed, none skipped and none appended twice.
 */
describe('ingest: batches whose commit fails are fetched again', () => {
  let fixture: IngestFixture;

  beforeAll(async () => {
    fixture = await ingestFixture(3);
  });
  afterAll(async () => fixture.close());

  it(`keeps ${EVENTS} events exact while the log refuses some appends, then all for a while`, async () => {
    const db = fixture.database.admin;
    // Transaction by transaction: the first four appends holding one of these events fail, while
    // later batches of the same partitions are already handed off (a sequence is not rolled back).
    await db.query('CREATE SEQUENCE test_refusals');
    await db.query(`
      CREATE FUNCTION test_refuse_some() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
      BEGIN
        IF NEW.id IN ('refused-700', 'refused-1300') AND nextval('test_refusals') <= 4 THEN
          RAISE EXCEPTION 'refused for the test: %', NEW.id;
        END IF;
        RETURN NEW;
      END $$`);
    await db.query('CREATE TRIGGER test_refuse_some BEFORE INSERT ON event_log FOR EACH ROW EXECUTE FUNCTION test_refuse_some()');
    const events = Array.from({ length: EVENTS }, (_, n) => syntheticEvent(n, 'refused'));
    const send = async (from: number, to: number) => {
      for (let start = from; start < to; start += 250) {
        const chunk = events.slice(start, Math.min(to, start + 250));
        await fixture.producer.sendBatch({
          topicMessages: [
            { topic: fixture.topics.prices, messages: chunk.filter((e) => e.kind === 'prices').map((e) => e.record) },
            { topic: fixture.topics.stock, messages: chunk.filter((e) => e.kind === 'stock').map((e) => e.record) },
          ],
        });
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };

    // A backlog first: ingest fetches ahead while its commits run, which is when a failed commit
    // has later batches of its partitions handed off behind it.
    await send(0, 2_000);
    // Small fetches: many batches per partition in flight at once.
    const ingest = fixture.start('ingest', { INGEST_MAX_BYTES_PER_PARTITION: '16384' });
    // What ingest said, with the count the log got to, when a wait runs out.
    const tellWhy = async (error: unknown) => {
      process.stdout.write(`the log holds ${await fixture.logCount()} events; ingest said:\n${ingest.output().slice(-6000)}\n`);
      throw error;
    };
    await eventually('the first 2,000 events in the log', async () => ((await fixture.logCount()) >= 2_000 ? true : undefined), 60_000, 20).catch(tellWhy);
    expect(Number((await db.query<{ refusals: string }>('SELECT last_value AS refusals FROM test_refusals')).rows[0]?.refusals)).toBeGreaterThanOrEqual(4);
    await db.query('REVOKE INSERT ON event_log FROM parity_app');
    // Whatever was in flight when the grant went commits or fails now; from here the log stands still.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const refusedAt = await fixture.logCount();
    await send(2_000, 4_000);
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await fixture.logCount()).toBe(refusedAt);
    expect(ingest.child.exitCode).toBeNull();
    expect(ingest.output()).toContain('fetching it again');

    await db.query('GRANT INSERT ON event_log TO parity_app');
    await send(4_000, EVENTS);
    await eventually('every event in the log', async () => ((await fixture.logCount()) >= EVENTS ? true : undefined), 120_000, 100).catch(tellWhy);
    // Redeliveries of what is already in: still nothing doubled after a further moment.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await ingest.kill('SIGTERM');

    process.stdout.write(`refused commits: the log stood at ${refusedAt} of ${EVENTS} while appends were refused\n`);
    expect(refusedAt).toBeLessThan(4_000);
    const ids = await db.query<{ id: string }>('SELECT id FROM event_log');
    expect(ids.rows).toHaveLength(EVENTS);
    expect(new Set(ids.rows.map((row) => row.id))).toEqual(new Set(events.map((_, n) => `refused-${n}`)));

    const admin = fixture.kafka.admin();
    await admin.connect();
    for (const topic of [fixture.topics.prices, fixture.topics.stock]) {
      const ends = await admin.fetchTopicOffsets(topic);
      const stored = await db.query<{ partition: number; next_offset: string }>('SELECT partition, next_offset FROM consumer_offsets WHERE topic = $1', [topic]);
      for (const end of ends) {
        expect(Number(stored.rows.find((row) => row.partition === end.partition)?.next_offset ?? 0)).toBe(Number(end.high));
      }
    }
    await admin.disconnect();
    expect(await verifyLog(db)).toMatchObject({ ok: true, checked: EVENTS });
  });
});
