import { price } from '../scenario/events';
import { given, shown } from '../scenario/given';

describe('price-mismatch', () => {
  it('flags a store that shows a higher price than the e-shop, from when both prices were in effect', () => {
    const [finding, ...others] = given([
      price('eshop', 'SKU-1', '129.99', { time: '2026-11-20T10:00:00Z' }),
      price('store/WAW-012', 'SKU-1', '139.99', { time: '2026-11-20T11:00:00Z' }),
      price('app', 'SKU-1', '129.99', { time: '2026-11-20T09:00:00Z' }),
    ]).at('2026-11-21T00:00:00Z', 'price-mismatch');
    expect(others).toEqual([]);
    expect(shown(finding)).toEqual({ eshop: '129.99 PLN', 'store/WAW-012': '139.99 PLN' });
    expect(finding).toMatchObject({ sku: 'SKU-1', impactAt: Date.parse('2026-11-20T11:00:00Z'), severity: 'medium' });
    expect(finding?.parameters).toMatchObject({ referenceChannel: 'eshop', differencePercent: 7.69 });
    expect(finding?.evidence).toHaveLength(2);
  });

  it('gives the same finding at a later recheck when nothing changed: time passing alone is no update', () => {
    const scenario = given([
      price('eshop', 'SKU-1', '129.99', { time: '2026-11-20T10:00:00Z' }),
      price('store/WAW-012', 'SKU-1', '139.99', { time: '2026-11-20T11:00:00Z' }),
    ]);
    const [first] = scenario.at('2026-11-20T12:00:00Z', 'price-mismatch');
    expect(first?.parameters).not.toHaveProperty('comparedAt');
    expect(scenario.at('2026-11-20T20:00:00Z', 'price-mismatch')).toEqual([first]);
  });

  it('finds nothing when every channel shows the same price, in any currency spelling of the same amount', () => {
    expect(
      given([price('eshop', 'SKU-1', '129.9'), price('app', 'SKU-1', '129.90'), price('store/WAW-012', 'SKU-1', '129.9000')]).at(
        '2026-11-21T00:00:00Z',
      ),
    ).toEqual([]);
  });

  it('finds a Black Friday price loaded in the e-shop but not in stores days ahead, with impactAt on Black Friday', () => {
    const events = [
      price('eshop', 'SKU-1', '129.99', { time: '2026-11-01T00:00:00Z' }),
      price('store/WAW-012', 'SKU-1', '129.99', { time: '2026-11-01T00:00:00Z' }),
      price('eshop', 'SKU-1', '99.99', { time: '2026-11-20T10:00:00Z', from: '2026-11-27T00:00:00Z', to: '2026-11-30T23:59:59Z' }),
    ];
    const [finding] = given(events).at('2026-11-21T00:00:00Z', 'price-mismatch');
    // 23 % off, six days ahead: one level below critical.
    expect(finding).toMatchObject({ impactAt: Date.parse('2026-11-27T00:00:00Z'), severity: 'high' });
    expect(shown(finding)).toEqual({ eshop: '99.99 PLN', 'store/WAW-012': '129.99 PLN' });
    expect(finding?.parameters['comparedAt']).toBe('2026-11-27T00:00:00.000Z');
  });

  it('resolves once the stores load the same scheduled price', () => {
    const events = [
      price('eshop', 'SKU-1', '129.99', { time: '2026-11-01T00:00:00Z' }),
      price('store/WAW-012', 'SKU-1', '129.99', { time: '2026-11-01T00:00:00Z' }),
      price('eshop', 'SKU-1', '99.99', { time: '2026-11-20T10:00:00Z', from: '2026-11-27T00:00:00Z', to: '2026-11-30T23:59:59Z' }),
      price('store/WAW-012', 'SKU-1', '99.99', { time: '2026-11-21T10:00:00Z', from: '2026-11-27T00:00:00Z', to: '2026-11-30T23:59:59Z' }),
    ];
    expect(given(events).at('2026-11-22T00:00:00Z', 'price-mismatch')).toEqual([]);
  });

  it('ignores a scheduled difference beyond the lookahead', () => {
    const events = [
      price('eshop', 'SKU-1', '129.99', { time: '2026-01-01T00:00:00Z' }),
      price('app', 'SKU-1', '129.99', { time: '2026-01-01T00:00:00Z' }),
      price('eshop', 'SKU-1', '99.99', { time: '2026-01-02T00:00:00Z', from: '2026-11-27T00:00:00Z' }),
    ];
    expect(given(events, { lookaheadMs: 7 * 86_400_000 }).at('2026-01-03T00:00:00Z')).toEqual([]);
    expect(given(events).at('2026-11-20T00:00:00Z', 'price-mismatch')).toHaveLength(1);
  });

  it('does not flag a channel-exclusive price, an intended difference; clearance only when configured', () => {
    const events = [
      price('eshop', 'SKU-1', '129.99'),
      price('app', 'SKU-1', '119.99', { type: 'channel-exclusive' }),
      price('store/WAW-012', 'SKU-1', '59.99', { type: 'clearance' }),
    ];
    expect(given(events).at('2026-11-21T00:00:00Z').map((d) => d.channels.map((c) => c.channel))).toEqual([['eshop', 'store/WAW-012']]);
    expect(given(events, { exemptPriceTypes: ['channel-exclusive', 'clearance'] }).at('2026-11-21T00:00:00Z')).toEqual([]);
  });

  it('applies a late, out-of-order price by event time: an older statement does not replace a newer one', () => {
    const events = [
      price('eshop', 'SKU-1', '129.99', { time: '2026-11-20T10:00:00Z' }),
      price('store/WAW-012', 'SKU-1', '129.99', { time: '2026-11-20T12:00:00Z' }),
      // arrives last, but was stated first: the store's current price stays 129.99
      price('store/WAW-012', 'SKU-1', '149.99', { time: '2026-11-20T08:00:00Z' }),
    ];
    expect(given(events).at('2026-11-21T00:00:00Z')).toEqual([]);
  });

  it('accepts differences within the tolerance, absolute or percent', () => {
    const events = [price('eshop', 'SKU-1', '100.00'), price('app', 'SKU-1', '100.50'), price('store/WAW-012', 'SKU-1', '101.50')];
    expect(given(events, { moneyTolerance: { absolute: '0.50', percent: 0 } }).at('2026-11-21T00:00:00Z')).toHaveLength(1);
    expect(given(events, { moneyTolerance: { absolute: '0.00', percent: 2 } }).at('2026-11-21T00:00:00Z')).toEqual([]);
  });

  it('compares only within a pricing group: store zones may differ from each other', () => {
    const events = [
      price('store/WAW-001', 'SKU-1', '100.00'),
      price('store/WAW-002', 'SKU-1', '100.00'),
      price('store/KRK-001', 'SKU-1', '95.00'),
      price('store/KRK-002', 'SKU-1', '96.00'),
    ];
    const zoned = given(events, { pricingGroups: [['store/WAW-*'], ['store/KRK-*']] }).at('2026-11-21T00:00:00Z');
    expect(zoned.map((d) => d.channels.map((c) => c.channel))).toEqual([['store/KRK-001', 'store/KRK-002']]);
  });

  it('uses the most common price as the reference when no reference channel has one', () => {
    const events = [price('app', 'SKU-1', '100.00'), price('store/WAW-012', 'SKU-1', '100.00'), price('contact-center', 'SKU-1', '90.00')];
    const [finding] = given(events).at('2026-11-21T00:00:00Z');
    expect(finding?.parameters['referenceChannel']).toBe('app');
    expect(shown(finding)).toEqual({ app: '100.00 PLN', 'contact-center': '90.00 PLN' });
  });

  it('rates a large difference customers meet now as critical', () => {
    const [finding] = given([price('eshop', 'SKU-1', '100.00'), price('app', 'SKU-1', '150.00')]).at('2026-11-21T00:00:00Z');
    expect(finding?.severity).toBe('critical');
  });
});
