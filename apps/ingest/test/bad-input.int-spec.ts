import { DEAD_LETTER_HEADERS, REJECTION_REASONS } from '@parity/contracts';
import { badInputs, binary, examples, structured, WireRecord } from '@parity/contracts/fixtures';

import { verifyLog } from '@parity/event-store';
import { eventually, header, IngestFixture, ingestFixture, readTopic, ServiceProcess } from '@parity/testing';

describe('ingest: bad input goes to the dead-letter topic, valid events around it are appended', () => {
  let fixture: IngestFixture;
  let ingest: ServiceProcess;

  beforeAll(async () => {
    fixture = await ingestFixture();
    ingest = fixture.start();
  });
  afterAll(async () => fixture.close());

  it('dead-letters every kind of bad input with its own reason and the original bytes', async () => {
    const bad = badInputs((name) => `bad-${name}`, 65536);
    const valid = (n: number): WireRecord => {
      const event = { ...examples.priceSet(), id: `valid-${n}`, data: { ...(examples.priceSet().data as object), sku: `SKU-${n}` }, subject: `SKU-${n}` };
      return n % 2 === 0 ? structured(event, `SKU-${n}`) : binary(event, `SKU-${n}`);
    };
    // Conflicting duplicate: same (source, id) as valid-0, another payload.
    const conflicting = structured({ ...examples.priceSet(), id: 'valid-0', subject: 'SKU-0', data: { ...(examples.priceSet().data as object), sku: 'SKU-0', amount: '1.00' } }, 'SKU-0');
    const records: WireRecord[] = [];
    bad.forEach((input, n) => records.push(valid(n), { ...input.record, key: `bad-${n}` }));
    records.push(valid(bad.length), valid(0) /* a plain redelivery: a no-op, not a dead letter */);

    // One partition keeps the order: the conflict must come after the event it conflicts with.
    await fixture.producer.send({ topic: fixture.topics.prices, messages: records.map((r) => ({ ...r, partition: 0 })) });
    await fixture.producer.send({ topic: fixture.topics.prices, messages: [{ ...conflicting, partition: 0 }] });

    const deadLetters = await readTopic(fixture.kafka, fixture.topics.deadLetter);
    const expectedLetters = bad.length + 1;
    await eventually('all dead letters', async () => (deadLetters.messages.length >= expectedLetters ? true : undefined), 60_000);
    await eventually('all valid events in the log', async () => ((await fixture.logCount()) === bad.length + 1 ? true : undefined));
    await deadLetters.stop();
    // The dead-letter topic has its own partitions: put the letters back in the order of their origin.
    deadLetters.messages.sort((a, b) => Number(header(a, DEAD_LETTER_HEADERS.offset)) - Number(header(b, DEAD_LETTER_HEADERS.offset)));

    const reasons = deadLetters.messages.map((m) => header(m, DEAD_LETTER_HEADERS.reason));
    expect(reasons).toEqual([...bad.map((input) => input.reason), 'conflicting-duplicate']);
    expect(new Set(reasons).size).toBeGreaterThanOrEqual(16);
    for (const [n, input] of bad.entries()) {
      const letter = deadLetters.messages[n]!;
      expect(letter.value?.equals(input.record.value ?? Buffer.alloc(0)) ?? input.record.value === null).toBe(true);
      expect(header(letter, DEAD_LETTER_HEADERS.topic)).toBe(fixture.topics.prices);
      expect(header(letter, DEAD_LETTER_HEADERS.partition)).toBe('0');
      expect(header(letter, DEAD_LETTER_HEADERS.offset)).toBe(String(2 * n + 1));
      expect(header(letter, DEAD_LETTER_HEADERS.key)).toBe(`bad-${n}`);
      expect(header(letter, DEAD_LETTER_HEADERS.detail)?.length).toBeGreaterThan(0);
      for (const [name, value] of Object.entries(input.record.headers)) expect(header(letter, name)).toBe(value);
      expect(Object.keys(REJECTION_REASONS)).toContain(header(letter, DEAD_LETTER_HEADERS.reason));
    }
    expect(deadLetters.messages[bad.length]?.value?.equals(conflicting.value!)).toBe(true);

    const log = await fixture.database.admin.query<{ id: string; data: string }>('SELECT id, data::text AS data FROM event_log ORDER BY position');
    expect(log.rows.map((row) => row.id)).toEqual([...Array(bad.length + 1).keys()].map((n) => `valid-${n}`));
    expect(JSON.parse(log.rows[0]!.data)).toMatchObject({ sku: 'SKU-0', amount: '129.99' });
    expect(await verifyLog(fixture.database.admin)).toMatchObject({ ok: true, checked: bad.length + 1 });
  });

  it('appends events timed at either end of RFC 3339 (years 0001 and 9999), then the next ones', async () => {
    const before = await fixture.logCount();
    const at = (id: string, time: string): WireRecord => structured({ ...examples.priceSet(), id, time }, 'SKU-1');
    const records = [at('year-1', '0001-01-01T00:00:00Z'), at('year-9999', '9999-12-31T23:59:59.999Z'), at('after-them', '2026-11-29T10:00:00Z')];
    await fixture.producer.send({ topic: fixture.topics.prices, messages: records.map((r) => ({ ...r, partition: 1 })) });
    await eventually('the three events in the log', async () => ((await fixture.logCount()) === before + 3 ? true : undefined), 30_000);
    const log = await fixture.database.admin.query<{ id: string; event_time: string }>(
      `SELECT id, to_char(event_time AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS') AS event_time FROM event_log WHERE position > $1 ORDER BY position`,
      [before],
    );
    expect(log.rows).toEqual([
      { id: 'year-1', event_time: '0001-01-01T00:00:00.000' },
      { id: 'year-9999', event_time: '9999-12-31T23:59:59.999' },
      { id: 'after-them', event_time: '2026-11-29T10:00:00.000' },
    ]);
    expect(await verifyLog(fixture.database.admin)).toMatchObject({ ok: true });
  });

  it('counts what it did in its metrics and reports Kafka and PostgreSQL healthy', async () => {
    const metrics = await (await fetch(`http://127.0.0.1:${fixture.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/parity_ingest_accepted_total \d+/);
    expect(metrics).toMatch(/parity_ingest_duplicates_total 1\b/);
    expect(metrics).toMatch(/parity_ingest_dead_lettered_total\{reason="conflicting-duplicate"\} 1\b/);
    expect(metrics).toMatch(/parity_ingest_dead_lettered_total\{reason="float-money"\} 1\b/);
    expect(metrics).toMatch(/parity_ingest_consumer_lag\{topic="[^"]+\.prices",partition="0"\} 0/);
    const health = await fetch(`http://127.0.0.1:${fixture.httpPort}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { kafka: { status: 'up' }, postgres: { status: 'up' } } });
    expect(ingest.child.exitCode).toBeNull();
  });

  it('keeps every value of a repeated header in the dead letter, in order', async () => {
    const deadLetters = await readTopic(fixture.kafka, fixture.topics.deadLetter);
    await fixture.producer.send({
      topic: fixture.topics.prices,
      messages: [{ key: 'repeated-header', value: Buffer.from('{"specversion":'), headers: { 'x-trace': ['first', 'second'], 'x-once': 'only' }, partition: 0 }],
    });
    const letter = await eventually('the dead letter', async () => deadLetters.messages.find((m) => header(m, DEAD_LETTER_HEADERS.key) === 'repeated-header'));
    await deadLetters.stop();
    const trace = letter.headers?.['x-trace'];
    expect(Array.isArray(trace) ? trace.map(String) : trace?.toString()).toEqual(['first', 'second']);
    expect(header(letter, 'x-once')).toBe('only');
    expect(header(letter, DEAD_LETTER_HEADERS.reason)).toBe('not-json');
  });
});
