import { price } from '../scenario/events';
import { given, shown } from '../scenario/given';

const RULE = 'stale-channel-data';
const HOUR = 3_600_000;

/** Last week every channel quoted 139.99; today at 10:00 the e-shop cut the price to 129.99. */
const lastWeek = [
  price('eshop', 'SKU-1', '139.99', { time: '2026-11-13T10:00:00Z', id: 'eshop-old' }),
  price('contact-center', 'SKU-1', '139.99', { time: '2026-11-13T10:00:00Z', id: 'cc-old' }),
];
const priceCut = price('eshop', 'SKU-1', '129.99', { time: '2026-11-20T10:00:00Z', id: 'eshop-cut' });

describe('stale-channel-data', () => {
  it('flags the contact center still quoting last week’s price once the window has passed since the e-shop changed it', () => {
    const scenario = given([...lastWeek, priceCut]);
    expect(scenario.at('2026-11-20T10:30:00Z', RULE)).toEqual([]);
    const [finding, ...others] = scenario.at('2026-11-20T12:00:00Z', RULE);
    expect(others).toEqual([]);
    expect(shown(finding)).toEqual({
      eshop: '129.99 PLN since 2026-11-20T10:00:00.000Z',
      'contact-center': '139.99 PLN since 2026-11-13T10:00:00.000Z',
    });
    expect(finding).toMatchObject({
      subject: { kind: 'sku', id: 'SKU-1' },
      sku: 'SKU-1',
      impactAt: Date.parse('2026-11-20T10:00:00Z'),
      severity: 'medium',
      evidence: [
        { source: 'contact-center', id: 'cc-old' },
        { source: 'eshop', id: 'eshop-cut' },
      ],
    });
    expect(finding?.parameters).toEqual({ changedBy: 'eshop', changedAt: '2026-11-20T10:00:00.000Z', windowMs: HOUR });
  });

  it('does not update a finding only because time passed, until its severity changes', () => {
    const scenario = given([...lastWeek, priceCut]);
    const [first] = scenario.at('2026-11-20T12:00:00Z', RULE);
    const [later] = scenario.at('2026-11-20T18:00:00Z', RULE);
    expect(later).toEqual(first);
    expect(scenario.at('2026-11-21T12:00:00Z', RULE)[0]).not.toEqual(first);
  });

  it('rates data stale for more than a day high, and for more than a week critical', () => {
    const scenario = given([...lastWeek, priceCut]);
    expect(scenario.at('2026-11-21T12:00:00Z', RULE).map((d) => d.severity)).toEqual(['high']);
    expect(scenario.at('2026-11-27T11:00:00Z', RULE).map((d) => d.severity)).toEqual(['critical']);
  });

  it('finds nothing once the contact center confirms the change with a statement of the same price', () => {
    const confirmed = price('contact-center', 'SKU-1', '129.99', { time: '2026-11-20T11:00:00Z' });
    expect(given([...lastWeek, priceCut, confirmed]).at('2026-11-20T12:00:00Z', RULE)).toEqual([]);
  });

  it('waits for a channel’s own window: exact name first, then globs, then the default', () => {
    const events = [...lastWeek, price('store/WAW-012', 'SKU-1', '139.99', { time: '2026-11-13T10:00:00Z' }), priceCut];
    const staleness = { defaultMs: HOUR, byChannel: { '*': 8 * HOUR, 'contact-center': 4 * HOUR } };
    const scenario = given(events, { staleness });
    expect(scenario.at('2026-11-20T12:00:00Z', RULE)).toEqual([]);
    const findings = scenario.at('2026-11-20T14:30:00Z', RULE);
    expect(findings.map((d) => [d.channels.map((c) => c.channel), d.parameters['windowMs']])).toEqual([[['contact-center', 'eshop'], 4 * HOUR]]);
    expect(scenario.at('2026-11-20T18:30:00Z', RULE).map((d) => d.parameters['windowMs'])).toEqual([4 * HOUR, 8 * HOUR]);
  });

  it('does not call a channel that spoke after the change with another price stale: that is a price mismatch', () => {
    const answered = price('contact-center', 'SKU-1', '135.00', { time: '2026-11-20T11:00:00Z' });
    const scenario = given([...lastWeek, priceCut, answered]);
    expect(scenario.at('2026-11-20T14:00:00Z', RULE)).toEqual([]);
    expect(scenario.at('2026-11-20T14:00:00Z', 'price-mismatch').map(shown)).toEqual([{ 'contact-center': '135.00 PLN', eshop: '129.99 PLN' }]);
  });

  it('counts any statement since the change as an answer, a scheduled price too: no longer stale, a price mismatch', () => {
    const scheduled = price('contact-center', 'SKU-1', '99.99', { time: '2026-11-20T11:00:00Z', from: '2026-11-27T00:00:00Z' });
    expect(given([...lastWeek, priceCut]).at('2026-11-20T14:00:00Z', RULE)).toHaveLength(1);
    expect(given([...lastWeek, priceCut, scheduled]).at('2026-11-20T14:00:00Z', RULE)).toEqual([]);
  });

  it('does not call channels stale when a channel that never showed their price starts with another one', () => {
    const newcomer = price('app', 'SKU-1', '119.99', { time: '2026-11-20T10:00:00Z' });
    expect(given([...lastWeek, newcomer]).at('2026-11-20T12:00:00Z', RULE)).toEqual([]);
    expect(given([...lastWeek, newcomer]).at('2026-11-20T12:00:00Z', 'price-mismatch')).toHaveLength(1);
  });

  it('measures staleness from the newest change, even when the old price was superseded twice', () => {
    const events = [
      price('eshop', 'SKU-1', '149.99', { time: '2026-11-06T10:00:00Z' }),
      price('contact-center', 'SKU-1', '149.99', { time: '2026-11-06T10:00:00Z' }),
      price('eshop', 'SKU-1', '139.99', { time: '2026-11-13T10:00:00Z' }),
      price('app', 'SKU-1', '139.99', { time: '2026-11-13T10:00:00Z' }),
      priceCut,
    ];
    const findings = given(events).at('2026-11-20T12:00:00Z', RULE);
    expect(findings.map((d) => [shown(d), d.parameters['changedAt']])).toEqual([
      [{ app: '139.99 PLN since 2026-11-13T10:00:00.000Z', eshop: '129.99 PLN since 2026-11-20T10:00:00.000Z' }, '2026-11-20T10:00:00.000Z'],
      [{ 'contact-center': '149.99 PLN since 2026-11-06T10:00:00.000Z', eshop: '129.99 PLN since 2026-11-20T10:00:00.000Z' }, '2026-11-20T10:00:00.000Z'],
    ]);
  });

  it('ignores channel-exclusive prices, on either side of a change', () => {
    const events = [
      price('eshop', 'SKU-1', '139.99', { time: '2026-11-13T10:00:00Z' }),
      price('app', 'SKU-1', '139.99', { time: '2026-11-13T10:00:00Z' }),
      price('app', 'SKU-1', '119.99', { time: '2026-11-20T10:00:00Z', type: 'channel-exclusive' }),
    ];
    expect(given(events).at('2026-11-20T12:00:00Z', RULE)).toEqual([]);
    // Were it not exempt, the app's newer price would make the e-shop look stale.
    expect(given(events, { exemptPriceTypes: [] }).at('2026-11-20T12:00:00Z', RULE).map(shown)).toEqual([
      { app: '119.99 PLN since 2026-11-20T10:00:00.000Z', eshop: '139.99 PLN since 2026-11-13T10:00:00.000Z' },
    ]);
  });

  it('expects the change only within its pricing group: another store zone keeps its own price', () => {
    const events = [
      price('store/WAW-001', 'SKU-1', '100.00', { time: '2026-11-13T10:00:00Z' }),
      price('store/WAW-002', 'SKU-1', '100.00', { time: '2026-11-13T10:00:00Z' }),
      price('store/KRK-001', 'SKU-1', '100.00', { time: '2026-11-13T10:00:00Z' }),
      price('store/WAW-001', 'SKU-1', '90.00', { time: '2026-11-20T10:00:00Z' }),
    ];
    const zoned = given(events, { pricingGroups: [['store/WAW-*'], ['store/KRK-*']] }).at('2026-11-20T12:00:00Z', RULE);
    expect(zoned.map((d) => d.channels.map((c) => c.channel))).toEqual([['store/WAW-001', 'store/WAW-002']]);
    expect(given(events).at('2026-11-20T12:00:00Z', RULE)).toHaveLength(2);
  });
});
