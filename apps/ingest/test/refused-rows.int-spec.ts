import { DEAD_LETTER_HEADERS } from '@parity/contracts';
import { examples, structured, WireRecord } from '@parity/contracts/fixtures';
import { verifyLog } from '@parity/event-store';
import { eventually, header, IngestFixture, ingestFixture, readTopic, ServiceProcess } from '@parity/testing';

/**
 * A row PostgreSQL refuses for what it holds (here: a CHECK an operator added; in life, text or a
 * value no validation foresaw) fails on every retry. Ingest must dead-letter that event and append
 * the rest of its batch, on the chain, instead of fetching the batch again forever.
 */
describe('ingest: an event the log refuses is dead-lettered, the rest of its batch appended', () => {
  let fixture: IngestFixture;
  let ingest: ServiceProcess;

  beforeAll(async () => {
    fixture = await ingestFixture(1);
    await fixture.database.admin.query(`ALTER TABLE event_log ADD CONSTRAINT test_no_poison CHECK (id NOT LIKE 'poison-%') NOT VALID`);
    ingest = fixture.start();
  });
  afterAll(async () => fixture.close());

  const price = (id: string, sku: string): WireRecord => structured({ ...examples.priceSet(), id, subject: sku, data: { ...(examples.priceSet().data as object), sku } }, sku);

  it('dead-letters the refused events with reason refused-by-log, appends the others once, and moves on', async () => {
    const deadLetters = await readTopic(fixture.kafka, fixture.topics.deadLetter);
    await fixture.producer.send({ topic: fixture.topics.prices, messages: [price('valid-0', 'SKU-0')] });
    await eventually('valid-0 in the log', async () => ((await fixture.logCount()) === 1 ? true : undefined));

    // One batch: refused rows around new ones and a redelivery of valid-0 (the unique index's path too).
    await fixture.producer.send({
      topic: fixture.topics.prices,
      messages: [price('valid-1', 'SKU-1'), price('poison-1', 'SKU-P1'), price('valid-2', 'SKU-2'), price('valid-0', 'SKU-0'), price('poison-2', 'SKU-P2'), price('valid-3', 'SKU-3')],
    });
    await eventually('two dead letters', async () => (deadLetters.messages.length >= 2 ? true : undefined), 30_000).catch(async (error: unknown) => {
      process.stdout.write(`ingest said:\n${ingest.output().slice(-4000)}\n`);
      throw error;
    });
    // The partition goes on: a later event is appended.
    await fixture.producer.send({ topic: fixture.topics.prices, messages: [price('valid-4', 'SKU-4')] });
    await eventually('valid-4 in the log', async () => ((await fixture.logCount()) === 5 ? true : undefined));
    await deadLetters.stop();

    const log = await fixture.database.admin.query<{ position: string; id: string }>('SELECT position, id FROM event_log ORDER BY position');
    expect(log.rows.map((row) => [Number(row.position), row.id])).toEqual([
      [1, 'valid-0'],
      [2, 'valid-1'],
      [3, 'valid-2'],
      [4, 'valid-3'],
      [5, 'valid-4'],
    ]);
    expect(await verifyLog(fixture.database.admin)).toMatchObject({ ok: true, checked: 5 });

    // Keyed by the original record's key: the SKU.
    expect(deadLetters.messages.map((m) => [header(m, DEAD_LETTER_HEADERS.key), header(m, DEAD_LETTER_HEADERS.reason)])).toEqual([
      ['SKU-P1', 'refused-by-log'],
      ['SKU-P2', 'refused-by-log'],
    ]);
    for (const letter of deadLetters.messages) {
      expect(header(letter, DEAD_LETTER_HEADERS.detail)).toMatch(/^PostgreSQL refused to store \(eshop, poison-\d\): 23514: .*test_no_poison/);
      expect(JSON.parse(letter.value!.toString())).toMatchObject({ id: expect.stringMatching(/^poison-/) });
    }
    const metrics = await (await fetch(`http://127.0.0.1:${fixture.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/parity_ingest_dead_lettered_total\{reason="refused-by-log"\} 2\b/);
    expect(metrics).toMatch(/parity_ingest_duplicates_total 1\b/);
    expect(ingest.child.exitCode).toBeNull();
  });
});
