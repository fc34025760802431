import { eventually } from '@parity/testing';
import { AlertsFixture, alertsFixture, webhookSecret } from './alerts-fixture';
import { TestReceiver } from './receivers';

const SECRET = webhookSecret();
const COUNT = 600;

/**
 * The alerts service SIGKILLed three times while it delivers: no notification lost, none decided
 * twice, each delivered by its idempotency id. A receiver may see an id again only when a kill
 * fell between a send and its record; the raw figure is counted and reported.
 */
describe('delivery: SIGKILL during delivery', () => {
  let fixture: AlertsFixture;
  const receiver = new TestReceiver({ secrets: [SECRET], delayMs: 15 });

  beforeAll(async () => {
    await receiver.start();
    fixture = await alertsFixture(
      `
receivers:
  - name: hook
    webhook:
      url: ${receiver.url('/hook')}
      secrets_env: HOOK_SECRETS
route:
  receiver: hook
  group_by: ['...']
  group_wait: 1s
  group_interval: 10m
  repeat_interval: 24h
`,
      {
        HOOK_SECRETS: SECRET,
        ALERTS_RETRY_BASE_MS: '200',
        ALERTS_RETRY_CAP_MS: '2000',
        ALERTS_DELIVERY_CONCURRENCY: '4',
        ALERTS_REQUEST_TIMEOUT_MS: '1000',
        ALERTS_DELIVERY_LEASE_MS: '2000',
      },
    );
    await fixture.start();
  });
  afterAll(async () => {
    await fixture?.close();
    await receiver.down();
  });

  it('loses none, decides none twice, delivers each by its id', async () => {
    await fixture.publish(Array.from({ length: COUNT }, (_, i) => ({ id: `kill-${i}`, sku: `SKU-${i}`, promotionId: null })));
    const kills: number[] = [];
    for (const threshold of [100, 250, 400]) {
      await eventually(`${threshold} delivered`, async () => (receiver.accepted.size >= threshold ? true : undefined), 120_000, 20);
      await fixture.service.kill('SIGKILL');
      kills.push(receiver.accepted.size);
      await fixture.start();
    }
    await eventually('every notification delivered', async () => {
      const pending = await fixture.database.admin.query<{ count: string }>("SELECT count(*) FROM alert_notifications WHERE status <> 'delivered'");
      return receiver.accepted.size >= COUNT && pending.rows[0]?.count === '0' ? true : undefined;
    }, 180_000, 200);

    const outbox = await fixture.database.admin.query<{ id: string; finding_ids: string[] }>("SELECT id, finding_ids FROM alert_notifications WHERE status = 'delivered'");
    // One decision per finding, across the restarts: no group notified twice.
    expect(outbox.rows).toHaveLength(COUNT);
    expect(new Set(outbox.rows.flatMap((r) => r.finding_ids)).size).toBe(COUNT);
    // Every id delivered; the receiver saw no id that is not in the outbox.
    expect([...receiver.accepted.keys()].sort()).toEqual(outbox.rows.map((r) => r.id).sort());
    const rawDuplicates = [...receiver.accepted.values()].reduce((sum, times) => sum + times - 1, 0);
    // Only sends in flight at a kill can be repeated: at most the concurrency, per kill.
    expect(rawDuplicates).toBeLessThanOrEqual(4 * kills.length);
    const unknown = await fixture.database.admin.query<{ count: string }>('SELECT count(*) FROM alert_delivery_attempts WHERE outcome IS NULL');
    process.stdout.write(
      `kill: ${COUNT} notifications, SIGKILL at ${kills.join(', ')} delivered; each delivered, ${rawDuplicates} raw duplicate send(s) (same webhook-id, recognisable), ${unknown.rows[0]?.count} attempt(s) cut by a kill\n`,
    );
  });
});
