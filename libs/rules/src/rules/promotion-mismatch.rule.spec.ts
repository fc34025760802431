import { price, promotion, promotionEnded, stock } from '../scenario/events';
import { given, shown } from '../scenario/given';

const BLACK_FRIDAY = { from: '2026-11-27T00:00:00Z', to: '2026-11-30T23:59:59Z' };
const BLACK_FRIDAY_SHOWN = '20% off, 2026-11-27T00:00:00.000Z..2026-11-30T23:59:59.000Z';
const THIS_WEEK = { from: '2026-11-20T00:00:00Z', to: '2026-11-26T23:59:59Z' };
const THIS_WEEK_SHOWN = '20% off, 2026-11-20T00:00:00.000Z..2026-11-26T23:59:59.000Z';
const BILLBOARD = ['eshop', 'store/*'];

describe('promotion-mismatch', () => {
  it('flags a store the e-shop advertises the promotion in that never activated it', () => {
    const [finding, ...others] = given([
      promotion('eshop', 'WEEK-TV', { ...THIS_WEEK, skus: ['SKU-2', 'SKU-1'], scope: BILLBOARD, time: '2026-11-19T09:00:00Z' }),
      promotion('store/KRK-001', 'WEEK-TV', { ...THIS_WEEK, skus: ['SKU-1', 'SKU-2'], scope: BILLBOARD, time: '2026-11-19T10:00:00Z' }),
      // the store is known (it publishes prices) but never heard of the promotion
      price('store/WAW-012', 'SKU-1', '129.99'),
    ]).at('2026-11-21T00:00:00Z', 'promotion-mismatch');
    expect(others).toEqual([]);
    expect(shown(finding)).toEqual({ eshop: THIS_WEEK_SHOWN, 'store/WAW-012': 'not running' });
    expect(finding).toMatchObject({
      subject: { kind: 'promotion', id: 'WEEK-TV' },
      promotionId: 'WEEK-TV',
      sku: undefined,
      impactAt: Date.parse('2026-11-20T00:00:00Z'),
      severity: 'high',
    });
    expect(finding?.parameters).toEqual({ reason: 'not-running', advertisedBy: 'eshop', skus: 'SKU-1,SKU-2' });
    expect(finding?.evidence.map((e) => e.source)).toEqual(['eshop']);
  });

  it('finds nothing when every store runs it with the same discount, however the value is written', () => {
    const events = [
      promotion('eshop', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD }),
      promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD, discount: { kind: 'percent', value: '20.00' } }),
      promotion('store/KRK-001', 'WEEK-TV', { ...THIS_WEEK, scope: ['store/KRK-001'] }),
    ];
    expect(given(events).at('2026-11-21T00:00:00Z')).toEqual([]);
  });

  describe('SKUs: the till refuses the promotion on an advertised SKU the channel does not run it for', () => {
    const eshop = promotion('eshop', 'WEEK-TV', { ...THIS_WEEK, skus: ['SKU-1', 'SKU-2', 'SKU-3'], scope: BILLBOARD, time: '2026-11-19T09:00:00Z' });

    it('flags a store that activated it for fewer SKUs than the e-shop advertises', () => {
      const [finding, ...others] = given([eshop, promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, skus: ['SKU-1'], scope: BILLBOARD, time: '2026-11-19T10:00:00Z' })]).at(
        '2026-11-21T00:00:00Z',
        'promotion-mismatch',
      );
      expect(others).toEqual([]);
      expect(shown(finding)).toEqual({ eshop: THIS_WEEK_SHOWN, 'store/WAW-012': `${THIS_WEEK_SHOWN}, not for SKU-2, SKU-3` });
      expect(finding?.parameters).toEqual({ reason: 'missing-skus', advertisedBy: 'eshop', skus: 'SKU-1,SKU-2,SKU-3', missingSkus: 'SKU-2,SKU-3' });
      expect(finding?.severity).toBe('high');
    });

    it('takes the SKUs a deactivation names off the run, from its time; the others still run', () => {
      const events = [
        eshop,
        promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, skus: ['SKU-1', 'SKU-2', 'SKU-3'], scope: BILLBOARD, time: '2026-11-19T10:00:00Z' }),
        promotionEnded('store/WAW-012', 'WEEK-TV', { skus: ['SKU-3'], time: '2026-11-20T15:00:00Z', id: 'store-drops-sku-3' }),
      ];
      const [finding, ...others] = given(events).at('2026-11-21T00:00:00Z', 'promotion-mismatch');
      expect(others).toEqual([]);
      expect(finding?.parameters).toMatchObject({ reason: 'missing-skus', missingSkus: 'SKU-3' });
      expect(finding?.impactAt).toBe(Date.parse('2026-11-20T15:00:00Z'));
      expect(finding?.evidence.map((e) => e.id)).toContain('store-drops-sku-3');
      // Any arrival order: the same finding.
      expect(given([...events].reverse()).at('2026-11-21T00:00:00Z', 'promotion-mismatch')).toEqual([finding]);
    });

    it('a deactivation naming every SKU of the run stops it: not running', () => {
      const [finding] = given([
        eshop,
        promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, skus: ['SKU-1', 'SKU-2', 'SKU-3'], scope: BILLBOARD, time: '2026-11-19T10:00:00Z' }),
        promotionEnded('store/WAW-012', 'WEEK-TV', { skus: ['SKU-3', 'SKU-1', 'SKU-2'], time: '2026-11-20T15:00:00Z' }),
      ]).at('2026-11-21T00:00:00Z', 'promotion-mismatch');
      expect(shown(finding)).toEqual({ eshop: THIS_WEEK_SHOWN, 'store/WAW-012': 'not running' });
      expect(finding?.parameters['reason']).toBe('not-running');
      expect(finding?.impactAt).toBe(Date.parse('2026-11-20T15:00:00Z'));
    });

    it('a later activation states the SKUs anew; a withdrawal older than it counts for nothing, in any arrival order', () => {
      const events = [
        eshop,
        promotionEnded('store/WAW-012', 'WEEK-TV', { skus: ['SKU-2'], time: '2026-11-19T11:00:00Z' }),
        promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, skus: ['SKU-1', 'SKU-2', 'SKU-3'], scope: BILLBOARD, time: '2026-11-19T12:00:00Z' }),
      ];
      expect(given(events).at('2026-11-21T00:00:00Z', 'promotion-mismatch')).toEqual([]);
      expect(given([...events].reverse()).at('2026-11-21T00:00:00Z', 'promotion-mismatch')).toEqual([]);
    });

    it('a withdrawal older than the activation is no evidence: the activation alone left the SKU out', () => {
      const [finding] = given([
        eshop,
        promotionEnded('store/WAW-012', 'WEEK-TV', { skus: ['SKU-3'], time: '2026-11-19T09:30:00Z', id: 'old-withdrawal' }),
        promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, skus: ['SKU-1', 'SKU-2'], scope: BILLBOARD, time: '2026-11-19T10:00:00Z' }),
      ]).at('2026-11-21T00:00:00Z', 'promotion-mismatch');
      expect(finding?.parameters).toMatchObject({ reason: 'missing-skus', missingSkus: 'SKU-3' });
      expect(finding?.evidence.map((e) => e.id)).not.toContain('old-withdrawal');
    });

    it('an advertiser that took a SKU off its own run no longer advertises it there', () => {
      expect(
        given([
          eshop,
          promotionEnded('eshop', 'WEEK-TV', { skus: ['SKU-2', 'SKU-3'], time: '2026-11-20T15:00:00Z' }),
          promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, skus: ['SKU-1'], scope: BILLBOARD, time: '2026-11-19T10:00:00Z' }),
        ]).at('2026-11-21T00:00:00Z', 'promotion-mismatch'),
      ).toEqual([]);
    });
  });

  it('flags a store that runs 10 % where the e-shop advertises 20 %', () => {
    const [finding, ...others] = given([
      promotion('eshop', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD, time: '2026-11-19T09:00:00Z' }),
      promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, scope: ['store/WAW-012'], discount: { kind: 'percent', value: '10' }, time: '2026-11-20T08:00:00Z' }),
    ]).at('2026-11-21T00:00:00Z', 'promotion-mismatch');
    expect(others).toEqual([]);
    expect(shown(finding)).toEqual({ eshop: THIS_WEEK_SHOWN, 'store/WAW-012': '10% off, 2026-11-20T00:00:00.000Z..2026-11-26T23:59:59.000Z' });
    // customers met it once the store ran its own version
    expect(finding).toMatchObject({ impactAt: Date.parse('2026-11-20T08:00:00Z'), severity: 'medium' });
    expect(finding?.parameters['reason']).toBe('other-discount');
    expect(finding?.evidence.map((e) => e.source)).toEqual(['eshop', 'store/WAW-012']);
  });

  it('flags money off in another currency as another discount', () => {
    const [finding] = given([
      promotion('eshop', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD, discount: { kind: 'amount', value: '50', currency: 'PLN' } }),
      promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD, discount: { kind: 'amount', value: '50.00', currency: 'EUR' } }),
    ]).at('2026-11-21T00:00:00Z', 'promotion-mismatch');
    expect(shown(finding)).toEqual({
      eshop: '50 PLN off, 2026-11-20T00:00:00.000Z..2026-11-26T23:59:59.000Z',
      'store/WAW-012': '50.00 EUR off, 2026-11-20T00:00:00.000Z..2026-11-26T23:59:59.000Z',
    });
    expect(finding?.parameters['reason']).toBe('other-discount');
  });

  it('finds nothing when a channel states a percentage with a currency the other leaves out: the same 20 % off', () => {
    expect(
      given([
        promotion('eshop', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD }),
        promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD, discount: { kind: 'percent', value: '20.00', currency: 'PLN' } }),
      ]).at('2026-11-21T00:00:00Z', 'promotion-mismatch'),
    ).toEqual([]);
  });

  it('flags a store that runs the same discount until another day', () => {
    const [finding, ...others] = given([
      promotion('eshop', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD }),
      promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, to: '2026-11-24T23:59:59Z', scope: BILLBOARD }),
    ]).at('2026-11-21T00:00:00Z', 'promotion-mismatch');
    expect(others).toEqual([]);
    expect(shown(finding)).toEqual({ eshop: THIS_WEEK_SHOWN, 'store/WAW-012': '20% off, 2026-11-20T00:00:00.000Z..2026-11-24T23:59:59.000Z' });
    expect(finding?.parameters).toMatchObject({ reason: 'other-dates', advertisedBy: 'eshop' });
    expect(finding?.severity).toBe('medium');
  });

  it('flags a store that deactivated it while the e-shop still advertises it, from the deactivation', () => {
    const [finding] = given([
      promotion('eshop', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD, time: '2026-11-19T09:00:00Z' }),
      promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD, time: '2026-11-19T09:00:00Z' }),
      promotionEnded('store/WAW-012', 'WEEK-TV', { time: '2026-11-20T15:00:00Z' }),
    ]).at('2026-11-21T00:00:00Z', 'promotion-mismatch');
    expect(shown(finding)).toEqual({ eshop: THIS_WEEK_SHOWN, 'store/WAW-012': 'not running' });
    expect(finding).toMatchObject({ impactAt: Date.parse('2026-11-20T15:00:00Z'), severity: 'high' });
    expect(finding?.parameters['reason']).toBe('not-running');
    expect(finding?.evidence.map((e) => e.source)).toEqual(['eshop', 'store/WAW-012']);
  });

  it('expands store/* only over known channels: a store never seen is not flagged, a configured one is', () => {
    const events = [
      promotion('eshop', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD }),
      // any accepted event makes a channel known, here a stock level for another SKU
      stock('store/WAW-012', 'SKU-9', 'store/WAW-012', 4),
    ];
    const flagged = (overrides = {}) =>
      given(events, overrides)
        .at('2026-11-21T00:00:00Z', 'promotion-mismatch')
        .map((d) => d.channels.map((c) => c.channel));
    expect(flagged()).toEqual([['eshop', 'store/WAW-012']]);
    expect(flagged({ channels: ['store/GDN-001'] })).toEqual([
      ['eshop', 'store/GDN-001'],
      ['eshop', 'store/WAW-012'],
    ]);
  });

  it('reads a missing scope as every known channel', () => {
    const findings = given([
      promotion('eshop', 'WEEK-TV', THIS_WEEK),
      price('app', 'SKU-1', '129.99'),
      price('contact-center', 'SKU-1', '129.99'),
    ]).at('2026-11-21T00:00:00Z', 'promotion-mismatch');
    expect(findings.map(shown)).toEqual([
      { eshop: THIS_WEEK_SHOWN, app: 'not running' },
      { eshop: THIS_WEEK_SHOWN, 'contact-center': 'not running' },
    ]);
  });

  it('finds a Black Friday promotion missing in a store the day the e-shop loads it, with impactAt on Black Friday', () => {
    const events = [
      promotion('eshop', 'BF-2026-TV', { ...BLACK_FRIDAY, scope: BILLBOARD, time: '2026-11-20T10:00:00Z' }),
      price('store/WAW-012', 'SKU-1', '129.99'),
    ];
    const [finding] = given(events).at('2026-11-20T12:00:00Z', 'promotion-mismatch');
    // not running, met in six and a half days: one level below high
    expect(finding).toMatchObject({ impactAt: Date.parse('2026-11-27T00:00:00Z'), severity: 'medium' });
    expect(shown(finding)).toEqual({ eshop: BLACK_FRIDAY_SHOWN, 'store/WAW-012': 'not running' });
    // beyond a three-day lookahead it is not compared yet
    expect(given(events, { lookaheadMs: 3 * 86_400_000 }).at('2026-11-20T12:00:00Z')).toEqual([]);
  });

  it('finds nothing for a promotion that ended before now', () => {
    const events = [
      promotion('eshop', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD }),
      price('store/WAW-012', 'SKU-1', '129.99'),
    ];
    expect(given(events).at('2026-11-26T12:00:00Z', 'promotion-mismatch')).toHaveLength(1);
    expect(given(events).at('2026-11-27T00:00:00Z', 'promotion-mismatch')).toEqual([]);
  });

  it('applies a late, out-of-order deactivation by event time: an older statement does not win', () => {
    const events = [
      promotion('eshop', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD }),
      promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD, time: '2026-11-20T12:00:00Z' }),
      // arrives last, but was stated first: the store still runs it
      promotionEnded('store/WAW-012', 'WEEK-TV', { time: '2026-11-20T08:00:00Z' }),
    ];
    expect(given(events).at('2026-11-21T00:00:00Z')).toEqual([]);
  });

  it('flags two advertisers that disagree in each other’s scope once, from the first alphabetically', () => {
    const findings = given([
      promotion('store/WAW-012', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD, discount: { kind: 'percent', value: '10' } }),
      promotion('eshop', 'WEEK-TV', { ...THIS_WEEK, scope: BILLBOARD }),
    ]).at('2026-11-21T00:00:00Z', 'promotion-mismatch');
    expect(findings).toHaveLength(1);
    expect(findings[0]?.parameters).toMatchObject({ reason: 'other-discount', advertisedBy: 'eshop' });
  });
});
