import { Finding, findingCloudEvent } from '@parity/rules';
import { decodeFindingEvent } from './alert-finding';

const finding: Finding = {
  rule: 'price-mismatch',
  subject: { kind: 'sku', id: 'SKU-1' },
  sku: 'SKU-1',
  promotionId: undefined,
  policyId: undefined,
  category: undefined,
  channels: [
    { channel: 'eshop', value: '129.99 PLN' },
    { channel: 'store/WAW-012', value: '139.99 PLN' },
  ],
  impactAt: Date.UTC(2026, 10, 27),
  severity: 'high',
  evidence: [
    { source: 'eshop', id: 'p-1' },
    { source: 'store/WAW-012', id: 'p-1' },
  ],
  parameters: { referenceChannel: 'eshop' },
  id: 'f-1',
  key: 'sku:SKU-1',
  status: 'open',
  detectedAt: Date.UTC(2026, 10, 20),
  resolvedAt: undefined,
  handling: undefined,
};

describe('a finding event as alerts read it', () => {
  it('takes each evidence event with its source from evidenceEvents, as the reconciler publishes it', () => {
    const decoded = decodeFindingEvent(findingCloudEvent({ type: 'opened', finding }, 1, Date.UTC(2026, 10, 20)));
    expect(decoded.ok && decoded.finding.evidence).toEqual([
      { source: 'eshop', id: 'p-1' },
      { source: 'store/WAW-012', id: 'p-1' },
    ]);
  });

  it('reads bare evidence ids (the contract field alone) without inventing a source', () => {
    const event = JSON.parse(findingCloudEvent({ type: 'opened', finding }, 1, Date.UTC(2026, 10, 20))) as { data: Record<string, unknown> };
    delete event.data['evidenceEvents'];
    const decoded = decodeFindingEvent(JSON.stringify(event));
    expect(decoded.ok && decoded.finding.evidence).toEqual([
      { source: '', id: 'p-1' },
      { source: '', id: 'p-1' },
    ]);
  });
});
