import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examples, structured } from '@parity/contracts/fixtures';
import { freePort } from '@parity/local-stack';
import { CLOCK_SOURCE, CLOCK_TICK_TYPE, DEFAULT_RULES_CONFIG, RulesConfig } from '@parity/rules';
import { eventually, IngestFixture, ingestFixture, readTopic } from '@parity/testing';
import { byPositionAndId, cleanRun, storedChanges } from './clean-run';

interface FindingEvent {
  type: string;
  data: { id: string; rule: string; sku: string | null; detectedAt: string; evidence: string[]; evidenceEvents: { source: string; id: string }[] };
}

const WINDOW_MS = 5_000;
const HOUR = 3_600_000;

function priceEvent(id: string, source: string, sku: string, amount: string, time: number) {
  return structured({ ...examples.priceSet(), id, source, time: new Date(time).toISOString(), subject: sku, data: { sku, amount, currency: 'PLN' } }, sku);
}

/**
 * The contact center still quotes last week's price after the e-shop cut it, and then every
 * channel goes quiet. The staleness window runs out with no event after it: the reconciler's
 * clock tick is what makes the finding appear, and a replay of the log gives the same history.
 */
describe('reconciler: time moves on in a quiet log', () => {
  const rules: RulesConfig = { ...DEFAULT_RULES_CONFIG, staleness: { defaultMs: WINDOW_MS, byChannel: {} } };
  let fixture: IngestFixture;
  let findings: Awaited<ReturnType<typeof readTopic>>;
  let configDir: string;
  let metricsPort: number;
  const parsed = () => findings.messages.map((m) => JSON.parse(m.value!.toString()) as FindingEvent);

  beforeAll(async () => {
    configDir = mkdtempSync(join(tmpdir(), 'parity-rules-'));
    const configFile = join(configDir, 'rules.json');
    writeFileSync(configFile, JSON.stringify({ staleness: rules.staleness }));
    fixture = await ingestFixture();
    fixture.start();
    metricsPort = await freePort();
    fixture.start('reconciler', { RECONCILER_HTTP_PORT: String(metricsPort), RULES_CONFIG_FILE: configFile });
    findings = await readTopic(fixture.kafka, fixture.topics.findings);
  });
  afterAll(async () => {
    await findings.stop();
    await fixture.close();
    rmSync(configDir, { recursive: true, force: true });
  });

  it('flags the stale contact center once its window has run out, with no channel event after the change', async () => {
    await fixture.producer.send({
      topic: fixture.topics.prices,
      messages: [
        priceEvent('old-eshop', 'eshop', 'SKU-Q', '139.99', Date.now() - HOUR),
        priceEvent('old-cc', 'contact-center', 'SKU-Q', '139.99', Date.now() - HOUR),
      ],
    });
    // Ingest caught up first: the cut is then recorded well within its window, not after it.
    await eventually('last week\'s prices in the log', async () => ((await fixture.logCount()) >= 2 ? true : undefined));
    const cutAt = Date.now();
    await fixture.producer.send({ topic: fixture.topics.prices, messages: [priceEvent('cut-eshop', 'eshop', 'SKU-Q', '129.99', cutAt)] });
    await eventually('the price mismatch of the cut', async () => parsed().find((e) => e.type === 'parity.finding.opened.v1' && e.data.rule === 'price-mismatch'));

    // Nothing more is sent: only a tick can move the log's clock past the window.
    const stale = await eventually(
      'a stale-channel-data finding',
      async () => parsed().find((e) => e.type === 'parity.finding.opened.v1' && e.data.rule === 'stale-channel-data'),
      30_000,
    );
    expect(stale.data.sku).toBe('SKU-Q');
    expect(stale.data.evidence).toEqual(['old-cc', 'cut-eshop']);
    expect(stale.data.evidenceEvents).toEqual([
      { source: 'contact-center', id: 'old-cc' },
      { source: 'eshop', id: 'cut-eshop' },
    ]);
    // Detected as of the first millisecond past the window, whenever the tick came.
    expect(Date.parse(stale.data.detectedAt)).toBe(cutAt + WINDOW_MS + 1);

    // The change stands at a tick of the reconciler's in the log: the tick is what made it.
    const cause = await fixture.database.admin.query<{ source: string; type: string; kafka_partition: number; data: { dueAt: string }; recorded_at: Date }>(
      `SELECT l.source, l.type, l.kafka_partition, l.data, l.recorded_at FROM finding_changes c JOIN event_log l ON l.position = c.log_position
        WHERE c.finding_id = $1 AND c.version = 1`,
      [stale.data.id],
    );
    expect(cause.rows).toEqual([{ source: CLOCK_SOURCE, type: CLOCK_TICK_TYPE, kafka_partition: -1, data: { dueAt: new Date(cutAt + WINDOW_MS + 1).toISOString() }, recorded_at: expect.any(Date) }]);
    expect(cause.rows[0]!.recorded_at.getTime()).toBeGreaterThanOrEqual(cutAt + WINDOW_MS + 1);
    const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then((response) => response.text());
    expect(Number(/^parity_reconciler_clock_ticks_total (\d+)/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(1);
  });

  it('gives the history a replay of the log gives, ticks included, byte for byte', async () => {
    const stored = await eventually('every change stored', async () => {
      const rows = await storedChanges(fixture.database.admin);
      return rows.some((row) => row.cloud_event.includes('stale-channel-data')) ? rows : undefined;
    });
    expect(stored).toEqual(byPositionAndId(await cleanRun(fixture.database.admin, rules)));
  });
});
