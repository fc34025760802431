import { price, returnsPolicy } from '../scenario/events';
import { given, shown } from '../scenario/given';

const NOW = '2026-11-21T00:00:00Z';
const RULE = 'returns-policy-mismatch';

describe('returns-policy-mismatch', () => {
  it('flags a store that takes TVs back within 14 days while the e-shop gives 30, showing both policies', () => {
    const [finding, ...others] = given([
      returnsPolicy('eshop', 'RET-ESHOP-TV', {
        time: '2026-11-20T09:00:00Z',
        categories: ['tv'],
        days: 30,
        receiptRequired: true,
        refundMethods: ['store-credit', 'original-payment'],
      }),
      returnsPolicy('store/WAW-012', 'RET-STORE-TV', {
        time: '2026-11-20T11:00:00Z',
        categories: ['tv'],
        days: 14,
        receiptRequired: true,
        refundMethods: ['original-payment', 'store-credit'],
      }),
    ]).at(NOW, RULE);
    expect(others).toEqual([]);
    expect(shown(finding)).toEqual({
      eshop: '30 days, receipt required, original-payment+store-credit',
      'store/WAW-012': '14 days, receipt required, original-payment+store-credit',
    });
    // 16 days shorter: two weeks or more is a level up.
    expect(finding).toMatchObject({
      subject: { kind: 'category', id: 'tv' },
      sku: undefined,
      policyId: 'RET-STORE-TV',
      impactAt: Date.parse('2026-11-20T11:00:00Z'),
      severity: 'high',
    });
    expect(finding?.parameters).toEqual({ category: 'tv', reason: 'window', referencePolicyId: 'RET-ESHOP-TV', policyId: 'RET-STORE-TV' });
    expect(finding?.evidence.map((e) => e.source)).toEqual(['eshop', 'store/WAW-012']);
  });

  it('finds nothing when every channel gives 30 days', () => {
    const events = [
      returnsPolicy('eshop', 'RET-STD', { days: 30 }),
      returnsPolicy('app', 'RET-APP', { days: 30 }),
      returnsPolicy('store/WAW-012', 'RET-STORE', { days: 30 }),
    ];
    expect(given(events).at(NOW, RULE)).toEqual([]);
  });

  it('compares a category-scoped store policy with the e-shop policy for all products, for that category only', () => {
    const events = [
      returnsPolicy('eshop', 'RET-STD', { days: 30 }),
      returnsPolicy('store/WAW-012', 'RET-STD', { days: 30 }),
      returnsPolicy('store/WAW-012', 'RET-TV', { categories: ['tv'], days: 14 }),
      returnsPolicy('store/KRK-001', 'RET-STD', { days: 30 }),
      returnsPolicy('store/KRK-001', 'RET-TV', { categories: ['tv'], days: 14 }),
    ];
    const findings = given(events).at(NOW, RULE);
    // For TVs two stores of three give 14 days: the e-shop is the odd one out.
    expect(findings.map((d) => [d.subject.id, shown(d)])).toEqual([['tv', { eshop: '30 days', 'store/KRK-001': '14 days' }]]);
    expect(findings[0]?.parameters).toMatchObject({ reason: 'window', referencePolicyId: 'RET-TV', policyId: 'RET-STD' });
    expect(findings[0]?.severity).toBe('high');
  });

  it('reports a dead end between all-products policies once, under *, not again for each category another policy names', () => {
    const events = [
      returnsPolicy('eshop', 'RET-STD', { days: 30 }),
      returnsPolicy('store/WAW-012', 'RET-STD', { days: 21 }),
      returnsPolicy('store/KRK-001', 'RET-TV', { categories: ['tv'], days: 30 }),
    ];
    const findings = given(events).at(NOW, RULE);
    expect(findings.map((d) => [d.subject.id, shown(d)])).toEqual([['*', { eshop: '30 days', 'store/WAW-012': '21 days' }]]);
    // 9 days apart: below two weeks.
    expect(findings[0]?.severity).toBe('medium');
  });

  it('compares policies scoped to a SKU (appliesTo.skus): 30 days online, 14 in the store for that SKU', () => {
    const findings = given([
      returnsPolicy('eshop', 'RET-E-1001', { skus: ['SKU-1001'], days: 30 }),
      returnsPolicy('store/WAW-012', 'RET-S-1001', { skus: ['SKU-1001'], days: 14 }),
    ]).at(NOW, RULE);
    expect(findings.map((d) => [d.subject, d.sku, shown(d)])).toEqual([
      [{ kind: 'sku', id: 'SKU-1001' }, 'SKU-1001', { eshop: '30 days', 'store/WAW-012': '14 days' }],
    ]);
    expect(findings[0]?.parameters).toEqual({ sku: 'SKU-1001', reason: 'window', referencePolicyId: 'RET-E-1001', policyId: 'RET-S-1001' });
    // A SKU has no category here: the finding says which SKU, not which category.
    expect(findings[0]).not.toHaveProperty('category');
  });

  it('compares a SKU exception with the other channel\'s policy for all products, and lets it close a gap the general policies leave', () => {
    const events = [
      returnsPolicy('eshop', 'RET-E', { days: 30 }),
      returnsPolicy('store/WAW-012', 'RET-S', { days: 14 }),
      // The store gives SKU-1001 the e-shop's 30 days, and SKU-2002 only 7.
      returnsPolicy('store/WAW-012', 'RET-S-EXC', { skus: ['SKU-1001'], days: 30 }),
      returnsPolicy('store/WAW-012', 'RET-S-SHORT', { skus: ['SKU-2002'], days: 7 }),
    ];
    const findings = given(events).at(NOW, RULE);
    expect(findings.map((d) => [d.subject.id, shown(d)])).toEqual([
      ['*', { eshop: '30 days', 'store/WAW-012': '14 days' }],
      ['SKU-2002', { eshop: '30 days', 'store/WAW-012': '7 days' }],
    ]);
  });

  it('leaves out of a SKU comparison a channel whose category policies might apply to it: the policies do not say its category', () => {
    const events = [
      returnsPolicy('eshop', 'RET-E-1001', { skus: ['SKU-1001'], days: 30 }),
      returnsPolicy('app', 'RET-A', { days: 30 }),
      // For a TV the store gives 30 days, otherwise 14: which applies to SKU-1001 is not known here.
      returnsPolicy('store/WAW-012', 'RET-S', { days: 14 }),
      returnsPolicy('store/WAW-012', 'RET-S-TV', { categories: ['tv'], days: 30 }),
    ];
    // Only the general difference; SKU-1001 is not said to be 30 against 14 in the store.
    expect(given(events).at(NOW, RULE).map((d) => [d.subject.id, shown(d)])).toEqual([['*', { app: '30 days', 'store/WAW-012': '14 days' }]]);
  });

  it('does not judge a promise of returns for a SKU at a store whose policy for it depends on the SKU\'s category', () => {
    const findings = given([
      returnsPolicy('eshop', 'RET-E-1001', { skus: ['SKU-1001'], days: 30, returnableAt: ['eshop', 'store/*'] }),
      // Takes back only its own purchases for everything: refuses the e-shop's for SKU-1001 too.
      returnsPolicy('store/KRK-001', 'RET-K', { days: 30 }),
      // Takes back only its own TVs, everything else from anyone: SKU-1001's category decides.
      returnsPolicy('store/WAW-012', 'RET-W', { days: 30, acceptsReturnsOf: ['*'] }),
      returnsPolicy('store/WAW-012', 'RET-W-TV', { categories: ['tv'], days: 30 }),
    ]).at(NOW, RULE);
    const aboutSku = findings.filter((d) => d.subject.kind === 'sku');
    expect(aboutSku.map((d) => [d.subject.id, Object.keys(shown(d))])).toEqual([['SKU-1001', ['eshop', 'store/KRK-001']]]);
  });

  it('flags a promise of returns in a store for a SKU that the store\'s own policy for that SKU does not keep', () => {
    const findings = given([
      returnsPolicy('eshop', 'RET-E-1001', { skus: ['SKU-1001'], days: 30, returnableAt: ['eshop', 'store/*'] }),
      returnsPolicy('store/WAW-012', 'RET-S-1001', { skus: ['SKU-1001'], days: 30 }),
    ]).at(NOW, RULE);
    expect(findings.map((d) => [d.subject.id, d.parameters['reason'], shown(d)])).toEqual([
      ['SKU-1001', 'promise-not-kept', { eshop: 'promises returns at store/WAW-012', 'store/WAW-012': 'does not accept returns of eshop' }],
    ]);
  });

  it('does not compare a receipt rule or refund methods a channel does not state', () => {
    const eshop = returnsPolicy('eshop', 'RET-STD', { receiptRequired: true, refundMethods: ['original-payment'] });
    expect(given([eshop, returnsPolicy('app', 'RET-APP', {})]).at(NOW, RULE)).toEqual([]);
    expect(given([eshop, returnsPolicy('app', 'RET-APP', { receiptRequired: false })]).at(NOW, RULE).map(shown)).toEqual([
      { app: '30 days, no receipt required', eshop: '30 days, receipt required, original-payment' },
    ]);
  });

  it('flags a receipt rule difference between two channels', () => {
    const [finding, ...others] = given([
      returnsPolicy('eshop', 'RET-STD', { receiptRequired: false }),
      returnsPolicy('store/WAW-012', 'RET-STORE', { receiptRequired: true }),
    ]).at(NOW, RULE);
    expect(others).toEqual([]);
    expect(shown(finding)).toEqual({ eshop: '30 days, no receipt required', 'store/WAW-012': '30 days, receipt required' });
    expect(finding?.parameters).toMatchObject({ category: '*', reason: 'receipt', referencePolicyId: 'RET-STD', policyId: 'RET-STORE' });
  });

  it('flags different refund methods, compared as sets', () => {
    const findings = given([
      returnsPolicy('eshop', 'RET-STD', { refundMethods: ['original-payment', 'store-credit'] }),
      returnsPolicy('app', 'RET-APP', { refundMethods: ['store-credit', 'original-payment'] }),
      returnsPolicy('store/WAW-012', 'RET-STORE', { refundMethods: ['store-credit'] }),
    ]).at(NOW, RULE);
    expect(findings.map((d) => [d.parameters['reason'], shown(d)])).toEqual([
      ['refund-methods', { app: '30 days, original-payment+store-credit', 'store/WAW-012': '30 days, store-credit' }],
    ]);
  });

  it('flags an e-shop promise of returns in a store that takes back only its own purchases, not a store that keeps it', () => {
    const findings = given([
      returnsPolicy('eshop', 'RET-ESHOP', { time: '2026-11-20T08:00:00Z', returnableAt: ['eshop', 'store/*'] }),
      returnsPolicy('store/WAW-012', 'RET-STORE', { time: '2026-11-20T09:00:00Z' }),
      returnsPolicy('store/KRK-001', 'RET-STORE', { time: '2026-11-20T09:30:00Z', acceptsReturnsOf: ['store/*', 'eshop'] }),
    ]).at(NOW, RULE);
    expect(findings.map(shown)).toEqual([{ eshop: 'promises returns at store/WAW-012', 'store/WAW-012': 'does not accept returns of eshop' }]);
    expect(findings[0]).toMatchObject({
      subject: { kind: 'category', id: '*' },
      policyId: 'RET-ESHOP',
      impactAt: Date.parse('2026-11-20T09:00:00Z'),
      severity: 'high',
      parameters: { category: '*', reason: 'promise-not-kept', promisedBy: 'eshop' },
    });
    expect(findings[0]?.evidence.map((e) => e.source)).toEqual(['eshop', 'store/WAW-012']);
  });

  it('expands a promised glob over known channels only: a store Parity has not heard of is not judged', () => {
    const events = [
      returnsPolicy('eshop', 'RET-ESHOP', { returnableAt: ['store/*'] }),
      returnsPolicy('store/WAW-012', 'RET-STORE', { acceptsReturnsOf: ['eshop'] }),
    ];
    expect(given(events).at(NOW, RULE)).toEqual([]);
    // A store known only by its price events, with no returns policy: the promise is not kept there.
    const withStore = given([...events, price('store/GDA-001', 'SKU-1', '99.99')]).at(NOW, RULE);
    expect(withStore.map(shown)).toEqual([{ eshop: 'promises returns at store/GDA-001', 'store/GDA-001': 'does not accept returns of eshop' }]);
    expect(withStore[0]?.evidence.map((e) => e.source)).toEqual(['eshop']);
    // ... and one named in configuration, before it publishes anything.
    expect(given(events, { channels: ['store/POZ-001'] }).at(NOW, RULE).map((d) => d.channels.map((c) => c.channel))).toEqual([
      ['eshop', 'store/POZ-001'],
    ]);
  });

  it('keeps the broken promise, not the window difference, when both are about the same two channels', () => {
    const findings = given([
      returnsPolicy('eshop', 'RET-ESHOP', { days: 30, returnableAt: ['store/WAW-012'] }),
      returnsPolicy('store/WAW-012', 'RET-STORE', { days: 14 }),
    ]).at(NOW, RULE);
    expect(findings.map((d) => d.parameters['reason'])).toEqual(['promise-not-kept']);
  });

  it('shows both promises in one finding when two channels each promise returns at the other and both refuse', () => {
    const findings = given([
      returnsPolicy('eshop', 'RET-ESHOP', { returnableAt: ['store/WAW-012'] }),
      returnsPolicy('store/WAW-012', 'RET-STORE', { returnableAt: ['eshop'] }),
    ]).at(NOW, RULE);
    expect(findings.map(shown)).toEqual([
      {
        eshop: 'promises returns at store/WAW-012; does not accept returns of store/WAW-012',
        'store/WAW-012': 'does not accept returns of eshop; promises returns at eshop',
      },
    ]);
    expect(findings[0]?.parameters['promisedBy']).toBe('eshop,store/WAW-012');
    expect(findings[0]?.evidence).toHaveLength(2);
  });

  it('applies a late, out-of-order policy version by event time: an older one arriving last does not override the newer', () => {
    const eshop = returnsPolicy('eshop', 'RET-STD', { time: '2026-11-20T10:00:00Z', days: 30 });
    const newer = returnsPolicy('store/WAW-012', 'RET-STORE', { time: '2026-11-20T12:00:00Z', days: 30 });
    const older = returnsPolicy('store/WAW-012', 'RET-STORE', { time: '2026-11-20T08:00:00Z', days: 14 });
    expect(given([eshop, newer, older]).at(NOW, RULE)).toEqual([]);
    // The older version on its own is a dead end: the order, not the content, made the difference.
    expect(given([eshop, older]).at(NOW, RULE).map(shown)).toEqual([{ eshop: '30 days', 'store/WAW-012': '14 days' }]);
  });
});
