import { DEAD_LETTER_HEADERS, RejectionReason } from '@parity/contracts';
import { badInputs, syntheticEvent, WireRecord } from '@parity/contracts/fixtures';
import { verifyLog } from '@parity/event-store';
import { eventually, header, IngestFixture, ingestFixture, readTopic, ServiceProcess } from '@parity/testing';

const UNIQUE_EVENTS = 20_000;
const DUPLICATES = UNIQUE_EVENTS / 20; // 5 %
const INVALID = UNIQUE_EVENTS / 100; // 1 %
const KILLS = 4;
/** Each kill comes once the restarted process has appended this many more: it dies mid-stream, not at start-up. */
const KILL_AFTER_GROWTH = 1_000;

interface Planned {
  readonly topic: string;
  readonly record: WireRecord;
}

function validEvent(n: number, topics: IngestFixture['topics']): Planned {
  const event = syntheticEvent(n, 'crash');
  return { topic: event.kind === 'prices' ? topics.prices : topics.stock, record: event.record };
}

describe('ingest: exactly once through SIGKILLs', () => {
  let fixture: IngestFixture;

  beforeAll(async () => {
    fixture = await ingestFixture(3);
  });
  afterAll(async () => fixture.close());

  it(`keeps ${UNIQUE_EVENTS} events (${DUPLICATES} redelivered, ${INVALID} invalid) exact while killed ${KILLS} times`, async () => {
    const planned: Planned[] = [];
    const expectedReasons = new Map<string, RejectionReason>();
    let invalidSoFar = 0;
    for (let n = 0; n < UNIQUE_EVENTS; n += 1) {
      const event = validEvent(n, fixture.topics);
      planned.push(event);
      if (n % 20 === 7) planned.push(validEvent(n - 7, fixture.topics)); // a redelivery, later in the stream
      if (n % 100 === 42) {
        const kinds = badInputs((name) => `crash-bad-${invalidSoFar}-${name}`, 65536);
        const bad = kinds[invalidSoFar % kinds.length]!;
        const caseId = `case-${invalidSoFar}`;
        expectedReasons.set(caseId, bad.reason);
        planned.push({ topic: fixture.topics.prices, record: { ...bad.record, key: caseId, headers: { ...bad.record.headers, 'x-test-case': caseId } } });
        invalidSoFar += 1;
      }
    }
    expect(planned.length).toBe(UNIQUE_EVENTS + DUPLICATES + INVALID);

    let ingest: ServiceProcess = fixture.start();
    const producing = (async () => {
      for (let start = 0; start < planned.length; start += 500) {
        const chunk = planned.slice(start, start + 500);
        await fixture.producer.sendBatch({
          topicMessages: [fixture.topics.prices, fixture.topics.stock].map((topic) => ({
            topic,
            messages: chunk.filter((p) => p.topic === topic).map((p) => p.record),
          })),
        });
        // About 35 s of traffic: each kill stalls the partitions for the session timeout (6 s), and
        // the kills must land while records still arrive.
        await new Promise((resolve) => setTimeout(resolve, 800));
      }
    })();

    const kills: number[] = [];
    for (let kill = 0, threshold = KILL_AFTER_GROWTH; kill < KILLS; kill += 1) {
      const reached = await eventually(`log to reach ${threshold}`, async () => {
        const count = await fixture.logCount();
        return count >= threshold ? count : undefined;
      }, 120_000, 20);
      await ingest.kill('SIGKILL');
      kills.push(reached);
      threshold = (await fixture.logCount()) + KILL_AFTER_GROWTH;
      ingest = fixture.start();
    }
    await producing;

    const deadLetters = await readTopic(fixture.kafka, fixture.topics.deadLetter);
    await eventually('every unique event in the log', async () => ((await fixture.logCount()) >= UNIQUE_EVENTS ? true : undefined), 180_000, 250);
    await eventually('a dead letter for every invalid record', async () => {
      const cases = new Set(deadLetters.messages.map((m) => header(m, 'x-test-case')));
      return cases.size >= INVALID ? true : undefined;
    }, 60_000);
    await deadLetters.stop();
    await ingest.kill('SIGTERM');

    process.stdout.write(`crash test: SIGKILLed ingest at log sizes ${kills.join(', ')}\n`);
    expect(kills).toHaveLength(KILLS);
    // Every kill interrupted appending: the last one came before the log was complete.
    expect(kills[KILLS - 1]).toBeLessThan(UNIQUE_EVENTS);
    const db = fixture.database.admin;
    const log = await db.query<{ count: string; distinct_ids: string }>(
      "SELECT count(*) AS count, count(DISTINCT (source, id)) AS distinct_ids FROM event_log",
    );
    expect(Number(log.rows[0]!.count)).toBe(UNIQUE_EVENTS);
    expect(Number(log.rows[0]!.distinct_ids)).toBe(UNIQUE_EVENTS);
    const ids = await db.query<{ id: string }>('SELECT id FROM event_log');
    const expectedIds = new Set([...Array(UNIQUE_EVENTS).keys()].map((n) => `crash-${n}`));
    expect(new Set(ids.rows.map((row) => row.id))).toEqual(expectedIds);

    // Every invalid record dead-lettered with its own reason; a crash may repeat a letter, never lose one.
    for (const letter of deadLetters.messages) {
      const caseId = header(letter, 'x-test-case');
      expect(caseId && header(letter, DEAD_LETTER_HEADERS.reason)).toBe(caseId && expectedReasons.get(caseId));
    }
    expect(new Set(deadLetters.messages.map((m) => header(m, 'x-test-case')))).toEqual(new Set(expectedReasons.keys()));

    // Nothing skipped: the durable offsets reach the end of every partition.
    const admin = fixture.kafka.admin();
    await admin.connect();
    for (const topic of [fixture.topics.prices, fixture.topics.stock]) {
      const ends = await admin.fetchTopicOffsets(topic);
      const stored = await db.query<{ partition: number; next_offset: string }>(
        'SELECT partition, next_offset FROM consumer_offsets WHERE topic = $1',
        [topic],
      );
      for (const end of ends) {
        const row = stored.rows.find((r) => r.partition === end.partition);
        expect({ topic, partition: end.partition, next: Number(row?.next_offset ?? 0) }).toEqual({ topic, partition: end.partition, next: Number(end.high) });
      }
    }
    await admin.disconnect();

    expect(await verifyLog(db)).toMatchObject({ ok: true, checked: UNIQUE_EVENTS, headPosition: UNIQUE_EVENTS });
  });
});
