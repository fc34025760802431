import { stock } from '../scenario/events';
import { given, shown } from '../scenario/given';

const WAW = 'store/WAW-012';
const COLLECT = { fulfilment: ['click-and-collect'] };

describe('stock-mismatch', () => {
  it('flags the e-shop offering click and collect at a store whose shelf is empty, as critical', () => {
    const [finding, ...others] = given([
      stock('eshop', 'SKU-1', WAW, 3, { ...COLLECT, time: '2026-11-20T10:00:00Z' }),
      stock(WAW, 'SKU-1', WAW, 0, { time: '2026-11-20T11:00:00Z' }),
    ]).at('2026-11-20T12:00:00Z', 'stock-mismatch');
    expect(others).toEqual([]);
    expect(shown(finding)).toEqual({ eshop: 'offers click-and-collect, 3 available', [WAW]: '0 available' });
    expect(finding?.channels.map((c) => c.channel)).toEqual(['eshop', WAW]);
    expect(finding).toMatchObject({
      subject: { kind: 'sku', id: 'SKU-1' },
      sku: 'SKU-1',
      impactAt: Date.parse('2026-11-20T11:00:00Z'),
      severity: 'critical',
    });
    expect(finding?.parameters).toEqual({
      location: WAW,
      offeredBy: 'eshop',
      reason: 'offered-without-stock',
      threshold: 0,
      tolerance: 5,
      locationAvailable: 0,
      shownAvailable: 3,
    });
    expect(finding?.evidence.map((e) => e.source)).toEqual(['eshop', WAW]);
  });

  it('finds nothing when the views differ within the tolerance', () => {
    const events = [stock('eshop', 'SKU-1', WAW, 3, COLLECT), stock(WAW, 'SKU-1', WAW, 2)];
    expect(given(events).at('2026-11-21T00:00:00Z')).toEqual([]);
  });

  it('flags an offer at a store whose stock is at the configured threshold, one level below critical', () => {
    const events = [stock('eshop', 'SKU-1', WAW, 3, COLLECT), stock(WAW, 'SKU-1', WAW, 1)];
    expect(given(events).at('2026-11-21T00:00:00Z')).toEqual([]);
    const [finding] = given(events, { stockThreshold: 1 }).at('2026-11-21T00:00:00Z', 'stock-mismatch');
    expect(shown(finding)).toEqual({ eshop: 'offers click-and-collect, 3 available', [WAW]: '1 available' });
    expect(finding?.severity).toBe('high');
    expect(finding?.parameters).toMatchObject({ reason: 'offered-without-stock', threshold: 1 });
  });

  it('rates an empty store offered for in-store purchase only as high, not critical', () => {
    // no fulfilment stated: in store only
    const [finding] = given([stock('app', 'SKU-1', WAW, 2), stock(WAW, 'SKU-1', WAW, 0)]).at('2026-11-21T00:00:00Z', 'stock-mismatch');
    expect(shown(finding)).toEqual({ app: 'offers in-store, 2 available', [WAW]: '0 available' });
    expect(finding?.severity).toBe('high');
  });

  it('finds nothing at an empty store when the e-shop does not offer the SKU there', () => {
    const noFulfilment = [stock('eshop', 'SKU-1', WAW, 3, { fulfilment: [] }), stock(WAW, 'SKU-1', WAW, 0)];
    const noneShown = [stock('eshop', 'SKU-1', WAW, 0, COLLECT), stock(WAW, 'SKU-1', WAW, 0)];
    expect(given(noFulfilment).at('2026-11-21T00:00:00Z')).toEqual([]);
    expect(given(noneShown).at('2026-11-21T00:00:00Z')).toEqual([]);
  });

  it('flags views of a stocked store that differ beyond the tolerance', () => {
    const events = [
      stock('eshop', 'SKU-1', WAW, 25, { fulfilment: ['in-store', 'click-and-collect'] }),
      stock(WAW, 'SKU-1', WAW, 5),
    ];
    const [finding] = given(events).at('2026-11-21T00:00:00Z', 'stock-mismatch');
    expect(shown(finding)).toEqual({ eshop: 'offers click-and-collect and in-store, 25 available', [WAW]: '5 available' });
    expect(finding?.severity).toBe('medium');
    expect(finding?.parameters).toMatchObject({ reason: 'views-disagree', locationAvailable: 5, shownAvailable: 25 });
    expect(given(events, { stockTolerance: 20 }).at('2026-11-21T00:00:00Z')).toEqual([]);
  });

  it('clears once the store’s restock arrives, late but stated after the empty shelf', () => {
    const emptyShelf = [
      stock('eshop', 'SKU-1', WAW, 3, { ...COLLECT, time: '2026-11-20T10:00:00Z' }),
      stock(WAW, 'SKU-1', WAW, 0, { time: '2026-11-20T09:00:00Z' }),
    ];
    expect(given(emptyShelf).at('2026-11-21T00:00:00Z')).toHaveLength(1);
    const restocked = [...emptyShelf, stock(WAW, 'SKU-1', WAW, 4, { time: '2026-11-20T11:00:00Z' })];
    expect(given(restocked).at('2026-11-21T00:00:00Z')).toEqual([]);
  });

  it('keeps the store’s newer empty shelf when an older level arrives last', () => {
    const [finding, ...others] = given([
      stock('eshop', 'SKU-1', WAW, 3, { ...COLLECT, time: '2026-11-20T10:00:00Z' }),
      stock(WAW, 'SKU-1', WAW, 0, { time: '2026-11-20T12:00:00Z' }),
      // arrives last, but was stated first
      stock(WAW, 'SKU-1', WAW, 5, { time: '2026-11-20T08:00:00Z' }),
    ]).at('2026-11-21T00:00:00Z', 'stock-mismatch');
    expect(others).toEqual([]);
    expect(shown(finding)[WAW]).toBe('0 available');
    expect(finding?.impactAt).toBe(Date.parse('2026-11-20T12:00:00Z'));
  });

  it('does not judge a location that has not stated its own stock', () => {
    expect(given([stock('eshop', 'SKU-1', WAW, 3, COLLECT), stock('store/KRK-001', 'SKU-1', 'store/KRK-001', 0)]).at('2026-11-21T00:00:00Z')).toEqual([]);
  });

  it('judges each location on its own stock', () => {
    const findings = given([
      stock('eshop', 'SKU-1', WAW, 3, COLLECT),
      stock(WAW, 'SKU-1', WAW, 0),
      stock('eshop', 'SKU-1', 'store/KRK-001', 3, COLLECT),
      stock('store/KRK-001', 'SKU-1', 'store/KRK-001', 3),
    ]).at('2026-11-21T00:00:00Z', 'stock-mismatch');
    expect(findings.map((d) => d.parameters['location'])).toEqual([WAW]);
  });
});
