import { eventually } from '@parity/testing';
import { AlertsFixture, alertsFixture, metricValue, webhookSecret } from './alerts-fixture';
import { TestReceiver } from './receivers';

const SECRET = webhookSecret();
const COUNT = 1_000;
const OUTAGE_MS = 30_000;

/**
 * 1,000 notifications (one finding per group) to a receiver that fails half of its requests and is
 * down twice for 30 seconds. Short backoffs from the configuration keep it to about two minutes.
 */
describe('delivery: a flaky receiver that goes down twice', () => {
  let fixture: AlertsFixture;
  let coin = 0;
  // Fails every other request that verified (503), whatever notification it carries.
  const receiver = new TestReceiver({ secrets: [SECRET], respond: () => (coin++ % 2 === 0 ? 503 : 200) });

  beforeAll(async () => {
    await receiver.start();
    fixture = await alertsFixture(
      `
receivers:
  - name: flaky
    webhook:
      url: ${receiver.url('/hook')}
      secrets_env: FLAKY_SECRETS
route:
  receiver: flaky
  group_by: ['...']
  group_wait: 1s
  group_interval: 10m
  repeat_interval: 24h
`,
      {
        FLAKY_SECRETS: SECRET,
        ALERTS_RETRY_BASE_MS: '200',
        ALERTS_RETRY_CAP_MS: '8000',
        ALERTS_MAX_ATTEMPTS: '60',
        ALERTS_DELIVERY_CONCURRENCY: '16',
        ALERTS_REQUEST_TIMEOUT_MS: '2000',
        ALERTS_DELIVERY_LEASE_MS: '5000',
      },
    );
    await fixture.start();
  });
  afterAll(async () => {
    await fixture?.close();
    await receiver.down();
  });

  it('delivers each notification exactly once by its idempotency id: none lost, none parked', async () => {
    await fixture.publish(Array.from({ length: COUNT }, (_, i) => ({ id: `flaky-${i}`, sku: `SKU-${i}`, promotionId: null })));
    for (const threshold of [150, 550]) {
      await eventually(`${threshold} delivered before an outage`, async () => (receiver.accepted.size >= threshold ? true : undefined), 120_000, 50);
      await receiver.down();
      const downAt = receiver.accepted.size;
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      expect(receiver.accepted.size).toBe(downAt);
      await receiver.up();
    }
    await eventually('every notification delivered', async () => (receiver.accepted.size >= COUNT ? true : undefined), 180_000, 200);

    const outbox = await fixture.database.admin.query<{ status: string; count: string }>('SELECT status, count(*) FROM alert_notifications GROUP BY status');
    expect(outbox.rows).toEqual([{ status: 'delivered', count: String(COUNT) }]);
    const ids = (await fixture.database.admin.query<{ id: string }>('SELECT id FROM alert_notifications')).rows.map((r) => r.id).sort();
    expect([...receiver.accepted.keys()].sort()).toEqual(ids);
    const twice = [...receiver.accepted.values()].filter((times) => times > 1).length;
    expect(twice).toBe(0);
    const findings = receiver.documents<{ findings: { id: string }[] }>('/hook').flatMap((d) => d.findings.map((f) => f.id));
    expect(new Set(findings).size).toBe(COUNT);

    const failed = receiver.requests.filter((r) => r.status === 503).length;
    const attempts = await fixture.database.admin.query<{ outcome: string; count: string }>('SELECT outcome, count(*) FROM alert_delivery_attempts GROUP BY outcome ORDER BY outcome');
    const byOutcome = Object.fromEntries(attempts.rows.map((r) => [r.outcome, Number(r.count)]));
    expect(byOutcome['delivered']).toBe(COUNT);
    expect(byOutcome['parked']).toBeUndefined();
    expect(byOutcome['retry']).toBeGreaterThanOrEqual(failed);
    const metrics = (await fixture.api('GET', '/metrics', 'auditor')).body as string;
    expect(metricValue(metrics, 'parity_alerts_notifications_total', { receiver: 'flaky', outcome: 'delivered' })).toBe(COUNT);
    expect(metricValue(metrics, 'parity_alerts_parked')).toBe(0);
    expect(metricValue(metrics, 'parity_alerts_queue_depth')).toBe(0);
    process.stdout.write(
      `delivery: ${COUNT} delivered; ${failed} answered 503, ${byOutcome['retry']} failed attempts in all (503s, refused connections, cut connections); most attempts for one notification: ${
        (await fixture.database.admin.query<{ max: number }>('SELECT max(attempts) FROM alert_notifications')).rows[0]?.max
      }\n`,
    );
  });
});
