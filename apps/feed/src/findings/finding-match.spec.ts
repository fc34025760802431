import { matches } from './finding-match';
import { FindingView } from './finding-view';

const finding: FindingView = {
  id: 'a'.repeat(32),
  rule: 'price-mismatch',
  status: 'open',
  severity: 'high',
  subject: { kind: 'sku', id: 'SKU-1' },
  sku: 'SKU-1',
  promotionId: null,
  policyId: null,
  category: 'tv',
  channels: [
    { channel: 'eshop', value: '129.99 PLN' },
    { channel: 'store/WAW-012', value: '139.99 PLN' },
  ],
  impactAt: '2026-11-27T00:00:00.000Z',
  detectedAt: '2026-11-20T12:00:00.000Z',
  resolvedAt: null,
  evidence: [],
  evidenceEvents: [],
  handling: null,
  parameters: {},
  version: 1,
};

describe('a finding against the list filter (what the stream sends)', () => {
  it('passes every filter it meets and fails each one it does not', () => {
    expect(matches({}, finding)).toBe(true);
    expect(matches({ statuses: ['open'], rules: ['price-mismatch'], severities: ['high', 'critical'], categories: ['tv'], skus: ['SKU-1'], channels: ['app', 'eshop'], stores: ['WAW-012'] }, finding)).toBe(true);
    expect(matches({ statuses: ['resolved'] }, finding)).toBe(false);
    expect(matches({ rules: ['stock-mismatch'] }, finding)).toBe(false);
    expect(matches({ severities: ['low'] }, finding)).toBe(false);
    expect(matches({ categories: ['phones'] }, finding)).toBe(false);
    expect(matches({ categories: ['tv'] }, { ...finding, category: null })).toBe(false);
    expect(matches({ skus: ['SKU-2'] }, finding)).toBe(false);
    expect(matches({ channels: ['app'] }, finding)).toBe(false);
    expect(matches({ stores: ['KRK-001'] }, finding)).toBe(false);
    expect(matches({ promotionIds: ['BF-2026-TV'] }, finding)).toBe(false);
    expect(matches({ promotionIds: ['BF-2026-TV'] }, { ...finding, promotionId: 'BF-2026-TV' })).toBe(true);
  });

  it('bounds impactAt: from inclusive, to exclusive', () => {
    const impact = Date.parse(finding.impactAt);
    expect(matches({ impactFrom: impact }, finding)).toBe(true);
    expect(matches({ impactFrom: impact + 1 }, finding)).toBe(false);
    expect(matches({ impactTo: impact }, finding)).toBe(false);
    expect(matches({ impactTo: impact + 1 }, finding)).toBe(true);
  });
});
