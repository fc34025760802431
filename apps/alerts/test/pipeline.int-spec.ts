import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examples, structured } from '@parity/contracts/fixtures';
import { freePort } from '@parity/local-stack';
import { eventually, IngestFixture, ingestFixture } from '@parity/testing';
import { AUTH_SECRET, webhookSecret } from './alerts-fixture';
import { TestReceiver } from './receivers';

const SECRET = webhookSecret();
const HOUR = 3_600_000;
const iso = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

function priceEvent(id: string, source: string, sku: string, amount: string, time: string) {
  return structured({ ...examples.priceSet(), id, source, time, subject: sku, data: { sku, amount, currency: 'PLN' } }, sku);
}

interface Document {
  kind: string;
  findings: { rule: string; sku: string; status: string; channels: { channel: string; value: string }[]; evidence: { source: string; id: string }[] }[];
}

/** Channel events -> ingest -> reconciler -> findings topic -> alerts -> a signed webhook: the real services. */
describe('alerts behind the real reconciler', () => {
  let fixture: IngestFixture;
  const receiver = new TestReceiver({ secrets: [SECRET], rejectReplays: true });

  beforeAll(async () => {
    await receiver.start();
    fixture = await ingestFixture();
    fixture.start();
    fixture.start('reconciler', { RECONCILER_HTTP_PORT: String(await freePort()) });
    const routing = join(mkdtempSync(join(tmpdir(), 'parity-alerts-')), 'alerts.yaml');
    writeFileSync(
      routing,
      `
receivers:
  - name: pricing
    webhook:
      url: ${receiver.url('/pricing')}
      secrets_env: PIPELINE_SECRETS
route:
  receiver: pricing
  group_by: [rule]
  group_wait: 1s
  group_interval: 2s
`,
    );
    fixture.start('alerts', {
      ALERTS_HTTP_PORT: String(await freePort()),
      ALERTS_GROUP_ID: `${fixture.env['INGEST_GROUP_ID']}-alerts`,
      ALERTS_SESSION_TIMEOUT_MS: '6000',
      ALERTS_EVALUATION_MS: '200',
      ALERTS_ALLOWED_NETWORKS: '127.0.0.0/8',
      PARITY_ALERTS_CONFIG: routing,
      PARITY_AUTH_SECRET: AUTH_SECRET,
      PIPELINE_SECRETS: SECRET,
    });
  });
  afterAll(async () => {
    await fixture?.close();
    await receiver.down();
  });

  it('a store price above the web price reaches the pricing team, and so does its resolution', async () => {
    await fixture.producer.send({
      topic: fixture.topics.prices,
      messages: [priceEvent('pa-1', 'eshop', 'SKU-PIPE', '129.99', iso(-2 * HOUR)), priceEvent('pa-2', 'store/WAW-012', 'SKU-PIPE', '139.99', iso(-HOUR))],
    });
    // The price mismatch's group: the store's price is an hour old, so a staleness window may run
    // out by the wall clock meanwhile and fire a stale-channel-data group of its own (group_by rule).
    const ofPriceMismatch = (d: Document) => d.findings.some((f) => f.rule === 'price-mismatch');
    const firing = await eventually('the firing notification', async () => receiver.documents<Document>('/pricing').find((d) => d.kind === 'firing' && ofPriceMismatch(d)), 120_000);
    expect(firing.findings).toEqual([
      expect.objectContaining({
        rule: 'price-mismatch',
        sku: 'SKU-PIPE',
        status: 'open',
        channels: [
          { channel: 'eshop', value: '129.99 PLN' },
          { channel: 'store/WAW-012', value: '139.99 PLN' },
        ],
        evidence: expect.arrayContaining([{ source: 'store/WAW-012', id: 'pa-2' }]),
      }),
    ]);
    await fixture.producer.send({ topic: fixture.topics.prices, messages: [priceEvent('pa-3', 'store/WAW-012', 'SKU-PIPE', '129.99', iso(-HOUR / 2))] });
    const resolved = await eventually('the resolved notification', async () => receiver.documents<Document>('/pricing').find((d) => d.kind === 'resolved' && ofPriceMismatch(d)), 120_000);
    expect(resolved.findings.map((f) => [f.sku, f.status])).toEqual([['SKU-PIPE', 'resolved']]);
    expect(receiver.requests.every((r) => r.status === 200)).toBe(true);
  });
});
