import { ExpectedDeadEnd } from './ground-truth';
import { median, ScoredFinding, scorecard } from './scoring';

const T = Date.parse('2026-11-26T21:00:00Z');
const SALE = '2026-11-26T23:00:00.000Z';

function expected(rule: ExpectedDeadEnd['rule'], id: string, channels: string[], scheduled = false): ExpectedDeadEnd {
  return { rule, subject: { kind: rule === 'promotion-mismatch' ? 'promotion' : 'sku', id }, channels, scheduled, impactAt: scheduled ? SALE : '2026-11-26T12:00:00Z', injection: `test ${id}` };
}

function finding(rule: string, id: string, channels: string[], detectedAt = T - 3_600_000, status = 'open'): ScoredFinding {
  return {
    id: `${rule}/${id}/${channels.join('+')}`,
    rule,
    status,
    subject: { kind: rule === 'promotion-mismatch' ? 'promotion' : 'sku', id },
    // Reverse order: channels are matched as a set.
    channels: [...channels].reverse().map((channel) => ({ channel })),
    impactAt: Date.parse(SALE),
    detectedAt,
  };
}

const scoreOf = (card: ReturnType<typeof scorecard>, rule: string) => card.rules.find((score) => score.rule === rule);

describe('scorecard', () => {
  it('matches findings to expected dead ends by rule, subject and set of channels', () => {
    const card = scorecard(
      [expected('price-mismatch', 'SKU-1', ['eshop', 'store/A']), expected('price-mismatch', 'SKU-2', ['eshop', 'store/B'])],
      [finding('price-mismatch', 'SKU-1', ['eshop', 'store/A']), finding('price-mismatch', 'SKU-2', ['eshop', 'store/C']), finding('price-mismatch', 'SKU-3', ['app', 'eshop'])],
      T,
    );
    expect(scoreOf(card, 'price-mismatch')).toMatchObject({ expected: 2, found: 3, truePositives: 1, falsePositives: 2, falseNegatives: 1, precision: 1 / 3, recall: 0.5 });
    expect(scoreOf(card, 'price-mismatch')?.missed.map((item) => item.subject.id)).toEqual(['SKU-2']);
    expect(card.perfect).toBe(false);
  });

  it('does not match a finding of another rule or another subject kind', () => {
    const card = scorecard([expected('stale-channel-data', 'SKU-1', ['contact-center', 'eshop'])], [finding('price-mismatch', 'SKU-1', ['contact-center', 'eshop'])], T);
    expect(scoreOf(card, 'stale-channel-data')).toMatchObject({ truePositives: 0, falseNegatives: 1, recall: 0 });
    expect(scoreOf(card, 'price-mismatch')).toMatchObject({ falsePositives: 1, precision: 0 });
  });

  it('scores only findings open at the scoring time', () => {
    const resolved = { ...finding('stock-mismatch', 'SKU-1', ['eshop', 'store/A']), status: 'resolved', resolvedAt: T - 1 };
    const later = finding('stock-mismatch', 'SKU-2', ['eshop', 'store/A'], T + 1);
    const acknowledged = finding('stock-mismatch', 'SKU-3', ['eshop', 'store/A'], T - 10, 'acknowledged');
    const card = scorecard([expected('stock-mismatch', 'SKU-3', ['eshop', 'store/A'])], [resolved, later, acknowledged], T);
    expect(scoreOf(card, 'stock-mismatch')).toMatchObject({ found: 1, truePositives: 1, precision: 1, recall: 1 });
    expect(card.perfect).toBe(true);
  });

  it('measures lead time of scheduled dead ends, and a scheduled one found too late is not perfect', () => {
    const ahead = Date.parse(SALE) - 7_200_000;
    const card = scorecard(
      [expected('promotion-mismatch', 'BF-1', ['eshop', 'store/A'], true), expected('promotion-mismatch', 'BF-2', ['eshop', 'store/B'], true)],
      [finding('promotion-mismatch', 'BF-1', ['eshop', 'store/A'], ahead), finding('promotion-mismatch', 'BF-2', ['eshop', 'store/B'], Date.parse(SALE))],
      Date.parse(SALE) + 1,
    );
    expect(scoreOf(card, 'promotion-mismatch')).toMatchObject({ precision: 1, recall: 1, leadTimesMs: [0, 7_200_000] });
    expect(scoreOf(card, 'promotion-mismatch')?.late.map((item) => item.subject.id)).toEqual(['BF-2']);
    expect(card.perfect).toBe(false);
  });

  it('gives every rule a row, and a row of its own to a rule nobody expected', () => {
    const card = scorecard([], [finding('made-up-rule', 'SKU-1', ['a', 'b'])], T);
    expect(card.rules.map((score) => score.rule)).toEqual([
      'price-mismatch',
      'promotion-mismatch',
      'stock-mismatch',
      'returns-policy-mismatch',
      'stale-channel-data',
      'assortment-gap',
      'made-up-rule',
    ]);
    expect(scoreOf(card, 'assortment-gap')).toMatchObject({ expected: 0, found: 0, precision: 1, recall: 1 });
    expect(scoreOf(card, 'made-up-rule')).toMatchObject({ falsePositives: 1, precision: 0 });
  });

  it('takes the lower middle as median', () => {
    expect(median([1, 2, 3])).toBe(2);
    expect(median([1, 2, 3, 4])).toBe(2);
    expect(median([])).toBeUndefined();
  });
});
