import { Detection } from './detection';
import { Finding, findingId, reconcile } from './finding';

const detection = (value: string, overrides: Partial<Detection> = {}): Detection => ({
  rule: 'price-mismatch',
  subject: { kind: 'sku', id: 'SKU-1' },
  sku: 'SKU-1',
  promotionId: undefined,
  policyId: undefined,
  channels: [
    { channel: 'eshop', value: '129.99 PLN' },
    { channel: 'store/WAW-012', value },
  ],
  impactAt: 1000,
  severity: 'medium',
  evidence: [{ source: 'eshop', id: 'e1' }],
  parameters: { referenceChannel: 'eshop', differencePercent: 7.69 },
  ...overrides,
});

describe('findings lifecycle', () => {
  it('opens a new dead end with a stable id derived from rule, subject and channels', () => {
    const [change] = reconcile('sku:SKU-1', [], [detection('139.99 PLN')], 5000);
    expect(change).toMatchObject({ type: 'opened', finding: { status: 'open', detectedAt: 5000, key: 'sku:SKU-1' } });
    expect(change?.finding.id).toBe(findingId(detection('149.99 PLN')));
    expect(change?.finding.id).not.toBe(findingId(detection('139.99 PLN', { channels: [{ channel: 'app', value: 'x' }] })));
  });

  it('updates when what a channel shows changes, keeps an acknowledgement, and says nothing when nothing changed', () => {
    const [opened] = reconcile('k', [], [detection('139.99 PLN')], 5000);
    const acknowledged: Finding = { ...opened!.finding, status: 'acknowledged' };
    expect(reconcile('k', [acknowledged], [detection('139.99 PLN')], 6000)).toEqual([]);
    const [updated] = reconcile('k', [acknowledged], [detection('149.99 PLN')], 6000);
    expect(updated).toMatchObject({ type: 'updated', finding: { status: 'acknowledged', detectedAt: 5000 } });
  });

  it('resolves by itself when the channels converge, and opens again if they drift apart again', () => {
    const [opened] = reconcile('k', [], [detection('139.99 PLN')], 5000);
    const [resolved] = reconcile('k', [opened!.finding], [], 7000);
    expect(resolved).toMatchObject({ type: 'resolved', finding: { status: 'resolved', resolvedAt: 7000 } });
    expect(reconcile('k', [resolved!.finding], [detection('139.99 PLN')], 9000)).toMatchObject([{ type: 'opened', finding: { detectedAt: 9000 } }]);
  });

  it('is not fooled by a store that reorders object keys', () => {
    const [opened] = reconcile('k', [], [detection('139.99 PLN')], 5000);
    const fromStore: Finding = {
      ...opened!.finding,
      parameters: { differencePercent: 7.69, referenceChannel: 'eshop' },
      channels: opened!.finding.channels.map((c) => ({ value: c.value, channel: c.channel })),
    };
    expect(reconcile('k', [fromStore], [detection('139.99 PLN')], 6000)).toEqual([]);
  });
});
