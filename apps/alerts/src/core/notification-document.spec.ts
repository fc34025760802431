import { decodeFindingEvent } from './alert-finding';
import { PlannedNotification } from './evaluation';
import { chatMessage, emailMessage, notificationDocument } from './notification-document';
import { aFinding } from './test-findings';

const planned: PlannedNotification = {
  id: 'ntf_1',
  receiver: 'pricing',
  kind: 'firing',
  groupKey: 'k',
  groupLabels: { rule: 'price-mismatch', promotionId: '' },
  firing: Array.from({ length: 12 }, (_, i) => aFinding({ id: `f-${i}` })),
  resolved: [aFinding({ id: 'done', status: 'resolved', resolvedAt: 2_000 })],
  reason: 'changed',
  createdAt: Date.parse('2026-01-01T00:00:00Z'),
};

describe('notification documents', () => {
  const document = notificationDocument(planned, 'http://dash:3003/');

  it('carries every finding with channels, values, evidence and dashboard links', () => {
    expect(document).toMatchObject({
      id: 'ntf_1',
      status: 'firing',
      summary: '[FIRING] 12 price-mismatch findings (rule=price-mismatch)',
      counts: { firing: 12, resolved: 1 },
      dashboardUrl: 'http://dash:3003/findings?rule=price-mismatch',
      createdAt: '2026-01-01T00:00:00.000Z',
    });
    expect(document.findings).toHaveLength(13);
    expect(document.findings[12]).toMatchObject({ id: 'done', status: 'resolved', resolvedAt: '1970-01-01T00:00:02.000Z', evidence: [{ source: 'eshop', id: 'p-1' }], dashboardUrl: 'http://dash:3003/findings/done' });
  });

  it('chat: text for notifications, header/section/context blocks, at most 10 findings listed', () => {
    const message = chatMessage(document);
    expect(message.text).toBe(document.summary);
    const section = JSON.stringify(message.blocks[1]);
    expect(section).toContain('eshop: 129.99 PLN | store/WAW-012: 139.99 PLN');
    expect(section).toContain('and 3 more');
  });

  it('e-mail: the summary as subject, every finding in the body', () => {
    const mail = emailMessage(document);
    expect(mail.subject).toBe(`[Parity] ${document.summary}`);
    expect(mail.text.match(/^price-mismatch \(/gm)).toHaveLength(13);
  });
});

describe('finding CloudEvents', () => {
  it('decodes the reconciler format and refuses what is not a finding event, with a reason', () => {
    const event = JSON.stringify({
      specversion: '1.0',
      id: 'f:2',
      type: 'parity.finding.updated.v1',
      data: { id: 'f', rule: 'price-mismatch', status: 'acknowledged', severity: 'high', subject: { kind: 'sku', id: 'S' }, sku: 'S', promotionId: null, policyId: null, category: null, channels: [{ channel: 'eshop', value: '1' }], impactAt: '2026-01-01T00:00:00Z', detectedAt: '2026-01-01T00:00:00Z', resolvedAt: null, evidence: [], parameters: {}, version: 2 },
    });
    expect(decodeFindingEvent(event)).toMatchObject({ ok: true, finding: { id: 'f', status: 'acknowledged', version: 2, detectedAt: Date.parse('2026-01-01T00:00:00Z'), resolvedAt: null } });
    expect(decodeFindingEvent('nope')).toEqual({ ok: false, reason: 'not JSON' });
    expect(decodeFindingEvent(JSON.stringify({ type: 'retail.price.set.v1' }))).toMatchObject({ ok: false, reason: expect.stringContaining('not a finding event') });
    expect(decodeFindingEvent(event.replace('"acknowledged"', '"lost"'))).toMatchObject({ ok: false, reason: expect.stringContaining('data/status') });
  });
});
