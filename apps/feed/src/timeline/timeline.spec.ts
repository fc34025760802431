import { FindingView } from '../findings/finding-view';
import { buildTimeline, FindingChangeRecord, TimelineEvent } from './timeline';

const T = (iso: string) => Date.parse(iso);
let position = 0;
const event = (source: string, type: string, time: string, data: Record<string, unknown>): TimelineEvent => ({
  position: ++position,
  source,
  id: `e-${position}`,
  type,
  eventTime: T(time),
  recordedAt: T(time) + 1000,
  data,
});

describe('SKU timeline', () => {
  const events = [
    event('eshop', 'retail.price.set.v1', '2026-11-20T11:00:00Z', { sku: 'SKU-1', amount: '129.99', currency: 'PLN' }),
    event('store/WAW-012', 'retail.price.set.v1', '2026-11-20T10:00:00Z', { sku: 'SKU-1', amount: '139.99', currency: 'PLN' }),
    event('eshop', 'retail.product.upserted.v1', '2026-11-01T00:00:00Z', { sku: 'SKU-1', name: 'TV', category: 'tv' }),
    event('store/WAW-012', 'retail.stock.level.v1', '2026-11-20T09:00:00Z', { sku: 'SKU-1', location: 'store/WAW-012', available: 0 }),
    event('eshop', 'retail.promotion.activated.v1', '2026-11-19T00:00:00Z', { promotionId: 'BF', skus: ['SKU-1'], discount: { kind: 'percent', value: '20' }, validFrom: 'a', validTo: 'b' }),
    event('eshop', 'retail.returns-policy.set.v1', '2026-11-02T00:00:00Z', { policyId: 'RET-TV', appliesTo: { categories: ['tv'] }, returnWindowDays: 30, receiptRequired: true }),
    event('store/WAW-012', 'retail.returns-policy.set.v1', '2026-11-02T00:00:00Z', { policyId: 'RET-PHONES', appliesTo: { categories: ['phones'] }, returnWindowDays: 14 }),
    event('store/KRK-001', 'retail.returns-policy.set.v1', '2026-11-03T00:00:00Z', { policyId: 'RET-ALL', returnWindowDays: 14 }),
  ];

  it('draws one lane per channel in event-time order, with the returns policies that cover the SKU only', () => {
    const timeline = buildTimeline('SKU-1', events, []);
    expect(timeline.category).toBe('tv');
    expect(timeline.lanes.map((lane) => lane.channel)).toEqual(['eshop', 'store/KRK-001', 'store/WAW-012']);
    const eshop = timeline.lanes[0]!.entries.map((e) => [e.kind, e.value]);
    expect(eshop).toEqual([
      ['catalog', 'TV in tv'],
      ['returns-policy', 'RET-TV: 30 days, receipt required'],
      ['promotion', 'BF runs: 20% off, a to b'],
      ['price', '129.99 PLN'],
    ]);
    expect(timeline.lanes[2]!.entries.map((e) => [e.kind, e.value])).toEqual([
      ['stock', '0 at store/WAW-012 (in-store)'],
      ['price', '139.99 PLN'],
    ]);
    expect(timeline.lanes[1]!.entries.map((e) => e.value)).toEqual(['RET-ALL: 14 days']);
  });

  it('keeps a time window, and says when each finding was open, reopened ones twice', () => {
    const finding = (version: number, status: string, detectedAt: string, resolvedAt: string | null) =>
      ({ id: 'f1', rule: 'price-mismatch', severity: 'high', status, channels: [{ channel: 'eshop', value: '' }], detectedAt, resolvedAt, version }) as unknown as FindingView;
    const changes: FindingChangeRecord[] = [
      { findingId: 'f1', version: 3, change: 'opened', finding: finding(3, 'open', '2026-11-20T14:00:00.000Z', null) },
      { findingId: 'f1', version: 1, change: 'opened', finding: finding(1, 'open', '2026-11-20T11:00:00.000Z', null) },
      { findingId: 'f1', version: 2, change: 'resolved', finding: finding(2, 'resolved', '2026-11-20T11:00:00.000Z', '2026-11-20T12:00:00.000Z') },
    ];
    const timeline = buildTimeline('SKU-1', events, changes, { from: T('2026-11-20T00:00:00Z'), to: T('2026-11-20T11:00:00Z') });
    expect(timeline.lanes.flatMap((lane) => lane.entries.map((e) => e.at))).toEqual(['2026-11-20T09:00:00.000Z', '2026-11-20T10:00:00.000Z']);
    expect(timeline.findings).toEqual([
      {
        id: 'f1',
        rule: 'price-mismatch',
        severity: 'high',
        status: 'open',
        channels: ['eshop'],
        intervals: [
          { from: '2026-11-20T11:00:00.000Z', to: '2026-11-20T12:00:00.000Z' },
          { from: '2026-11-20T14:00:00.000Z', to: null },
        ],
      },
    ]);
  });
});
