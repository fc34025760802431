import { Webhook } from 'standardwebhooks';
import { eventually } from '@parity/testing';
import { signWebhook } from '../src/core/signature';
import { AlertsFixture, alertsFixture, FindingEventInput, metricValue, webhookSecret } from './alerts-fixture';
import { startSmtpListener, TestReceiver } from './receivers';

interface Document {
  id: string;
  kind: string;
  status: string;
  summary: string;
  receiver: string;
  groupLabels: Record<string, string>;
  counts: { firing: number; resolved: number };
  dashboardUrl: string;
  findings: { id: string; status: string; sku: string; channels: { channel: string; value: string }[]; evidence: { source: string; id: string }[]; dashboardUrl: string }[];
}

const OLD_KEY = webhookSecret();
const NEW_KEY = webhookSecret();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Finding ids as the reconciler makes them (32 hex digits): the API refuses any other.
const promoId = (i: number) => `b0${i.toString(16).padStart(30, '0')}`;
const PROMO_7 = promoId(7);

function routing(hook: TestReceiver, chat: TestReceiver, smtpPort: number): string {
  return `
receivers:
  - name: void
    log: {}
  - name: pricing-hook
    webhook:
      url: ${hook.url('/pricing')}
      secrets_env: ALERTS_TEST_SECRETS
  - name: oncall-hook
    webhook:
      url: ${hook.url('/oncall')}
      secrets_env: ALERTS_TEST_SECRETS
  - name: team-chat
    chat:
      url: ${chat.url('/chat')}
  - name: team-mail
    email:
      to: [pricing@example.com]
      from: parity@example.com
      smarthost: 127.0.0.1:${smtpPort}
  - name: metadata-hook
    webhook:
      url: http://169.254.169.254/latest/meta-data
      secrets_env: ALERTS_TEST_SECRETS
route:
  receiver: void
  group_by: [promotionId, rule]
  group_wait: 2s
  group_interval: 5s
  repeat_interval: 1h
  routes:
    - matchers: ['category = promo-test']
      receiver: pricing-hook
    - matchers: ['category = inhibit-test']
      receiver: pricing-hook
      group_by: [rule, sku]
    - matchers: ['category = silence-test']
      receiver: pricing-hook
      group_by: [sku]
    - matchers: ['category = chat-test']
      receiver: team-chat
      continue: true
    - matchers: ['category = chat-test']
      receiver: team-mail
    - matchers: ['category = metadata-test']
      receiver: metadata-hook
    - matchers: ['category = escalation-test']
      receiver: void
inhibit_rules:
  - source_matchers: ['rule = stale-channel-data']
    target_matchers: ['rule = price-mismatch']
    equal: [sku, channel]
escalations:
  - receiver: oncall-hook
    after: 3s
    severities: [critical]
    matchers: ['category = escalation-test']
`;
}

describe('alerts: routed, grouped, signed, delivered', () => {
  let fixture: AlertsFixture;
  // The pricing team's system: verifies every signature (it knows only the NEW key), refuses replays.
  const hook = new TestReceiver({ secrets: [NEW_KEY], rejectReplays: true });
  const chat = new TestReceiver();
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  const pricing = () => hook.documents<Document>('/pricing');

  beforeAll(async () => {
    await hook.start();
    await chat.start();
    smtp = await startSmtpListener();
    fixture = await alertsFixture(routing(hook, chat, smtp.port), { ALERTS_TEST_SECRETS: `${OLD_KEY},${NEW_KEY}` });
    await fixture.start();
  });
  afterAll(async () => {
    await fixture?.close();
    await hook.down();
    await chat.down();
    await smtp?.close();
  });

  it('400 findings of one broken promotion: ONE grouped notification after group_wait, ONE resolved notification', async () => {
    const findings: FindingEventInput[] = Array.from({ length: 400 }, (_, i) => ({ id: promoId(i), sku: `SKU-${i}`, promotionId: 'BF-2026', category: 'promo-test' }));
    const published = Date.now();
    await fixture.publish(findings);
    const [firing] = await eventually('the grouped notification', async () => (pricing().some((d) => d.groupLabels['promotionId'] === 'BF-2026') ? pricing() : undefined), 60_000);
    expect(Date.now() - published).toBeGreaterThanOrEqual(2_000);
    expect(firing).toMatchObject({ kind: 'firing', status: 'firing', receiver: 'pricing-hook', groupLabels: { promotionId: 'BF-2026', rule: 'promotion-mismatch' }, counts: { firing: 400, resolved: 0 } });
    expect(new Set(firing!.findings.map((f) => f.id)).size).toBe(400);
    const one = firing!.findings.find((f) => f.id === PROMO_7);
    expect(one).toMatchObject({
      sku: 'SKU-7',
      channels: [
        { channel: 'eshop', value: '20% off' },
        { channel: 'store/WAW-012', value: 'no promotion' },
      ],
      evidence: [{ source: 'eshop', id: `ev-${PROMO_7}` }],
      dashboardUrl: `http://dashboard.test:3003/findings/${PROMO_7}`,
    });
    expect(firing!.dashboardUrl).toBe('http://dashboard.test:3003/findings?promotionId=BF-2026&rule=promotion-mismatch');

    await fixture.publish(findings.map((f) => ({ ...f, status: 'resolved', version: 2 })));
    await eventually('the resolved notification', async () => (pricing().length >= 2 ? true : undefined), 60_000);
    // Two more group intervals: nothing else may arrive for this group.
    await sleep(11_000);
    const told = pricing().filter((d) => d.groupLabels['promotionId'] === 'BF-2026');
    expect(told.map((d) => [d.kind, d.counts.firing, d.counts.resolved])).toEqual([
      ['firing', 400, 0],
      ['resolved', 0, 400],
    ]);
    expect(told[1]!.findings.every((f) => f.status === 'resolved')).toBe(true);

    // History per finding: what was sent to whom, and that it was delivered.
    const history = await fixture.api('GET', `/alerts/findings/${PROMO_7}/notifications`, 'auditor');
    expect(history.status).toBe(200);
    expect(history.body.map((n: { kind: string; receiver: string; status: string }) => [n.kind, n.receiver, n.status]).sort()).toEqual([
      ['firing', 'pricing-hook', 'delivered'],
      ['resolved', 'pricing-hook', 'delivered'],
    ]);
    const detail = await fixture.api('GET', `/alerts/notifications/${told[0]!.id}`, 'pricing');
    expect(detail.body.history).toEqual([expect.objectContaining({ attempt: 1, outcome: 'delivered', statusCode: 200 })]);
  });

  it('signatures: every delivery verifies with standardwebhooks under the new key alone and the old key alone; tampered, expired and replayed messages are rejected', async () => {
    const delivered = hook.requests.filter((r) => r.path === '/pricing' && r.status === 200);
    expect(delivered.length).toBeGreaterThanOrEqual(2);
    for (const request of delivered) {
      expect(request.headers['webhook-signature']!.split(' ')).toHaveLength(2);
      expect(() => new Webhook(OLD_KEY).verify(request.body, request.headers)).not.toThrow();
      expect(() => new Webhook(NEW_KEY).verify(request.body, request.headers)).not.toThrow();
      expect(JSON.parse(request.body).id).toBe(request.headers['webhook-id']);
    }
    const original = delivered[0]!;
    const post = (body: string, headers: Record<string, string>) =>
      fetch(hook.url('/pricing'), { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } }).then((r) => r.status);
    const signed = { 'webhook-id': original.headers['webhook-id']!, 'webhook-timestamp': original.headers['webhook-timestamp']!, 'webhook-signature': original.headers['webhook-signature']! };
    const tampered = original.body.replace('"counts":{"firing":400', '"counts":{"firing":1');
    expect(tampered).not.toBe(original.body);
    expect(await post(tampered, signed)).toBe(401);
    expect(await post(original.body, { ...signed, 'webhook-timestamp': String(Number(signed['webhook-timestamp']) + 1) })).toBe(401);
    const expired = signWebhook('ntf_expired', Math.floor(Date.now() / 1000) - 600, original.body, [NEW_KEY]);
    expect(await post(original.body, { ...expired })).toBe(401);
    expect(await post(original.body, signed)).toBe(409);
  });

  it('inhibition: a stale channel mutes the price mismatch it causes on that SKU and channel; an unrelated one is told', async () => {
    const channels = [
      { channel: 'eshop', value: '99.99 PLN' },
      { channel: 'contact-center', value: '119.99 PLN' },
    ];
    await fixture.publish([
      { id: 'stale-cc', rule: 'stale-channel-data', sku: 'SKU-INH', promotionId: null, category: 'inhibit-test', channels: [{ channel: 'contact-center', value: '119.99 PLN' }] },
      { id: 'caused', rule: 'price-mismatch', sku: 'SKU-INH', promotionId: null, category: 'inhibit-test', channels },
      { id: 'unrelated', rule: 'price-mismatch', sku: 'SKU-OTHER', promotionId: null, category: 'inhibit-test', channels },
    ]);
    await eventually('the cause and the unrelated mismatch told', async () => {
      const ids = pricing().flatMap((d) => d.findings.map((f) => f.id));
      return ids.includes('stale-cc') && ids.includes('unrelated') ? true : undefined;
    }, 60_000);
    await sleep(6_000);
    expect(pricing().flatMap((d) => d.findings.map((f) => f.id))).not.toContain('caused');
    const metrics = await fixture.api('GET', '/metrics', 'auditor');
    expect(metricValue(metrics.body, 'parity_alerts_muted_findings', { by: 'inhibition' })).toBeGreaterThanOrEqual(1);

    // The cause resolves: the consequence is no longer muted and is told.
    await fixture.publish([{ id: 'stale-cc', rule: 'stale-channel-data', status: 'resolved', version: 2, sku: 'SKU-INH', promotionId: null, category: 'inhibit-test', channels: [{ channel: 'contact-center', value: '119.99 PLN' }] }]);
    await eventually('the consequence told once its cause resolved', async () => (pricing().some((d) => d.findings.some((f) => f.id === 'caused')) ? true : undefined), 60_000);
  });

  it('silences: created by pricing through the API, they mute matching findings until expired; bad requests are refused with a code', async () => {
    expect((await fixture.api('POST', '/alerts/silences', 'auditor', { matchers: [{ label: 'sku', value: 'SKU-S1' }], comment: 'x', endsAt: new Date(Date.now() + 3_600_000).toISOString() })).status).toBe(403);
    const bad = await fixture.api('POST', '/alerts/silences', 'pricing', { matchers: [{ label: 'sku', value: 'SKU-S1' }], endsAt: new Date(Date.now() + 3_600_000).toISOString() });
    expect(bad).toEqual({ status: 400, body: expect.objectContaining({ code: 'invalid-silence', reason: expect.stringContaining('comment') }) });
    const created = await fixture.api('POST', '/alerts/silences', 'pricing', {
      matchers: [{ label: 'sku', op: '=', value: 'SKU-S1' }],
      comment: 'relabelling the shelf tonight',
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ createdBy: 'pricing-caller', state: 'active', comment: 'relabelling the shelf tonight' });
    const listed = await fixture.api('GET', '/alerts/silences', 'auditor');
    expect(listed.body.map((s: { id: string }) => s.id)).toContain(created.body.id);

    await fixture.publish([
      { id: 'silenced', rule: 'price-mismatch', sku: 'SKU-S1', promotionId: null, category: 'silence-test' },
      { id: 'not-silenced', rule: 'price-mismatch', sku: 'SKU-S2', promotionId: null, category: 'silence-test' },
    ]);
    await eventually('the finding no silence matches', async () => (pricing().some((d) => d.findings.some((f) => f.id === 'not-silenced')) ? true : undefined), 60_000);
    await sleep(4_000);
    expect(pricing().flatMap((d) => d.findings.map((f) => f.id))).not.toContain('silenced');

    expect((await fixture.api('DELETE', `/alerts/silences/${created.body.id}`, 'ops')).body).toEqual({ id: created.body.id, status: 'expired' });
    expect((await fixture.api('DELETE', '/alerts/silences/sil_nope', 'ops')).status).toBe(404);
    await eventually('the finding told once its silence expired', async () => (pricing().some((d) => d.findings.some((f) => f.id === 'silenced')) ? true : undefined), 60_000);
  });

  it('chat (Slack-compatible text + blocks) and e-mail over SMTP, routed with continue', async () => {
    await fixture.publish([{ id: 'chatty', rule: 'price-mismatch', sku: 'SKU-C', promotionId: null, category: 'chat-test' }]);
    const message = await eventually('the chat message', async () => chat.documents<{ text: string; blocks: { type: string }[] }>()[0], 60_000);
    expect(message.text).toMatch(/^\[FIRING\] 1 price-mismatch finding/);
    expect(message.blocks.map((b) => b.type)).toEqual(['header', 'section', 'context']);
    expect(JSON.stringify(message.blocks)).toContain('http://dashboard.test:3003/findings/chatty');
    const mail = await eventually('the e-mail', async () => smtp.mails[0], 60_000);
    expect(mail.to).toEqual(['pricing@example.com']);
    expect(mail.raw).toMatch(/Subject: \[Parity\] \[FIRING\] 1 price-mismatch finding/);
    expect(mail.raw).toMatch(/X-Parity-Notification-Id: ntf_[0-9a-f]{32}/i);
    expect(mail.raw).toContain('store/WAW-012: no promotion');
  });

  it('escalation: a critical finding nobody acknowledged goes to the second receiver; an acknowledged one does not', async () => {
    await fixture.publish([
      { id: 'severe', rule: 'price-mismatch', severity: 'critical', sku: 'SKU-E1', promotionId: null, category: 'escalation-test' },
      { id: 'acked', rule: 'price-mismatch', severity: 'critical', status: 'acknowledged', sku: 'SKU-E2', promotionId: null, category: 'escalation-test' },
    ]);
    const escalation = await eventually('the escalation', async () => hook.documents<Document>('/oncall')[0], 60_000);
    expect(escalation).toMatchObject({ kind: 'escalation', receiver: 'oncall-hook' });
    await sleep(2_000);
    expect(hook.documents<Document>('/oncall').flatMap((d) => d.findings.map((f) => f.id))).toEqual(['severe']);
  });

  it('safety: a receiver at the metadata address is never contacted; the notification is parked, visible in the API and the metrics', async () => {
    await fixture.publish([{ id: 'to-metadata', rule: 'price-mismatch', sku: 'SKU-M', promotionId: null, category: 'metadata-test' }]);
    const parked = await eventually('the parked notification', async () => {
      const response = await fixture.api('GET', '/alerts/notifications?status=parked', 'auditor');
      return response.body.find((n: { receiver: string }) => n.receiver === 'metadata-hook');
    }, 60_000);
    expect(parked.lastError).toMatch(/169\.254\.169\.254 is a linkLocal address/);
    const metrics = await fixture.api('GET', '/metrics', 'ops');
    expect(metricValue(metrics.body, 'parity_alerts_parked')).toBeGreaterThanOrEqual(1);
    expect(metricValue(metrics.body, 'parity_alerts_notifications_total', { receiver: 'metadata-hook', outcome: 'parked' })).toBe(1);
    expect(metricValue(metrics.body, 'parity_alerts_notifications_total', { receiver: 'pricing-hook', outcome: 'delivered' })).toBeGreaterThanOrEqual(2);
    expect((await fixture.api('GET', '/alerts/notifications?status=lost', 'auditor')).body).toMatchObject({ code: 'invalid-parameter' });
  });

  it('routing reload: admin only; a bad file is refused naming line and problem, and the old routing stays; SIGHUP reloads too', async () => {
    const good = routing(hook, chat, smtp.port);
    expect((await fixture.api('POST', '/alerts/routing/reload', 'ops')).status).toBe(403);
    const bad = good.replace("      receiver: pricing-hook\n    - matchers: ['category = inhibit-test']", "      receiver: nobody\n    - matchers: ['category = inhibit-test']");
    const badLine = bad.split('\n').findIndex((line) => line.includes('receiver: nobody')) + 1;
    expect(badLine).toBeGreaterThan(0);
    fixture.writeRouting(bad);
    const refused = await fixture.api('POST', '/alerts/routing/reload', 'admin');
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'invalid-routing-config', problems: [expect.objectContaining({ line: badLine, message: expect.stringContaining('"nobody" is not a defined receiver') })] });
    // Still routing with the old tree: a new broken promotion reaches the pricing hook.
    await fixture.publish([{ id: 'after-bad-reload', sku: 'SKU-R', promotionId: 'P-RELOAD', category: 'promo-test' }]);
    await eventually('routing still in force', async () => (pricing().some((d) => d.groupLabels['promotionId'] === 'P-RELOAD') ? true : undefined), 60_000);

    fixture.writeRouting(good.replace('group_wait: 2s', 'group_wait: 3s'));
    const before = (await fixture.api('GET', '/alerts/routing', 'auditor')).body.loadedAt;
    fixture.service.child.kill('SIGHUP');
    await eventually('the SIGHUP reload', async () => ((await fixture.api('GET', '/alerts/routing', 'auditor')).body.loadedAt !== before ? true : undefined), 10_000);
    expect((await fixture.api('POST', '/alerts/routing/reload', 'admin')).body).toMatchObject({ status: 'reloaded' });
  });
});
