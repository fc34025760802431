import { price, product } from '../scenario/events';
import { given, shown } from '../scenario/given';

const NOW = '2026-11-21T00:00:00Z';
const RULE = 'assortment-gap';

/** store/KRK-001 is known to Parity from a price it shows for another SKU. */
const krkKnown = price('store/KRK-001', 'SKU-OTHER', '10.00');

describe('assortment-gap', () => {
  it('flags the one known store that shows no price for a product meant for the e-shop and every store', () => {
    const [finding, ...others] = given([
      product('eshop', 'SKU-1', { time: '2026-11-20T09:00:00Z', id: 'tv-listed', category: 'tv', channels: ['eshop', 'store/*'] }),
      price('eshop', 'SKU-1', '129.99'),
      price('store/WAW-012', 'SKU-1', '129.99'),
      krkKnown,
    ]).at(NOW, RULE);
    expect(others).toEqual([]);
    expect(shown(finding)).toEqual({ eshop: 'meant to be sold in store/KRK-001', 'store/KRK-001': 'no price' });
    expect(finding).toMatchObject({
      subject: { kind: 'sku', id: 'SKU-1' },
      sku: 'SKU-1',
      impactAt: Date.parse('2026-11-20T09:00:00Z'),
      severity: 'medium',
      evidence: [{ source: 'eshop', id: 'tv-listed' }],
      parameters: { category: 'tv', assortment: 'eshop,store/*' },
    });
  });

  it('finds nothing when every channel of the assortment shows a price', () => {
    const events = [
      product('eshop', 'SKU-1', { channels: ['eshop', 'store/*'] }),
      price('eshop', 'SKU-1', '129.99'),
      price('store/WAW-012', 'SKU-1', '129.99'),
      price('store/KRK-001', 'SKU-1', '119.99', { type: 'channel-exclusive' }),
    ];
    expect(given(events).at(NOW, RULE)).toEqual([]);
  });

  it('counts a price that has ended as no price, from the moment it ended', () => {
    const events = [
      product('eshop', 'SKU-1', { time: '2026-11-20T09:00:00Z', channels: ['eshop'] }),
      price('eshop', 'SKU-1', '129.99', { time: '2026-11-20T09:00:00Z', id: 'eshop-until-noon', to: '2026-11-20T12:00:00Z' }),
    ];
    expect(given(events).at('2026-11-20T11:00:00Z', RULE)).toEqual([]);
    const findings = given(events).at(NOW, RULE);
    // The product fact comes from the channel itself: it is the only channel involved.
    expect(findings.map(shown)).toEqual([{ eshop: 'no price' }]);
    // Online, a missing price loses the sale: a level above a store.
    expect(findings[0]).toMatchObject({ impactAt: Date.parse('2026-11-20T12:00:00Z'), severity: 'high' });
    expect(findings[0]?.evidence.map((e) => e.id)).toContain('eshop-until-noon');
  });

  it('expands a glob over known channels only, while a channel named outright is judged even before it publishes', () => {
    const events = [product('eshop', 'SKU-1', { channels: ['app', 'store/*'] }), price('store/WAW-012', 'SKU-1', '129.99')];
    expect(given(events).at(NOW, RULE).map((d) => d.channels.map((c) => c.channel))).toEqual([['app', 'eshop']]);
    expect(given([...events, krkKnown]).at(NOW, RULE).map((d) => d.channels.map((c) => c.channel))).toEqual([
      ['app', 'eshop'],
      ['eshop', 'store/KRK-001'],
    ]);
  });

  it('does not judge a product that does not say where it is sold', () => {
    const events = [product('eshop', 'SKU-1', { category: 'tv' }), price('store/WAW-012', 'SKU-1', '129.99'), krkKnown];
    expect(given(events).at(NOW, RULE)).toEqual([]);
  });

  it('resolves the gap by a newer product fact that narrows the assortment, whatever order they arrive in', () => {
    const wide = product('eshop', 'SKU-1', { time: '2026-11-20T09:00:00Z', channels: ['eshop', 'store/*'] });
    const narrow = product('eshop', 'SKU-1', { time: '2026-11-20T10:00:00Z', channels: ['eshop'] });
    const prices = [price('eshop', 'SKU-1', '129.99'), krkKnown];
    expect(given([wide, ...prices]).at(NOW, RULE)).toHaveLength(1);
    expect(given([wide, narrow, ...prices]).at(NOW, RULE)).toEqual([]);
    expect(given([narrow, ...prices, wide]).at(NOW, RULE)).toEqual([]);
  });
});
