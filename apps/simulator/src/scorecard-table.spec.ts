import { formatDuration, formatScorecard } from './scorecard-table';
import { scorecard } from './scoring';

const T = Date.parse('2026-11-26T21:00:00Z');

describe('formatScorecard', () => {
  it('prints a row per rule with lead times, and PASS when everything is found ahead', () => {
    const truth = [{ rule: 'price-mismatch' as const, subject: { kind: 'sku' as const, id: 'SKU-1' }, channels: ['eshop', 'store/A'], scheduled: true, impactAt: '2026-11-26T23:00:00Z', injection: 'x' }];
    const findings = [{ id: 'f', rule: 'price-mismatch', status: 'open', subject: { kind: 'sku', id: 'SKU-1' }, channels: [{ channel: 'store/A' }, { channel: 'eshop' }], impactAt: 0, detectedAt: T - 5 * 3_600_000 }];
    const text = formatScorecard(scorecard(truth, findings, T), 'test');
    expect(text).toContain('rule                     expected  found  TP  FP  FN  precision  recall  lead min  lead median');
    expect(text).toContain('price-mismatch                  1      1   1   0   0      1.000   1.000     7h 0m        7h 0m');
    expect(text).toContain('assortment-gap                  0      0   0   0   0      1.000   1.000         -            -');
    expect(text).toContain('PASS');
  });

  it('names the failing rules and lists what was missed and what was unexpected', () => {
    const truth = [{ rule: 'stock-mismatch' as const, subject: { kind: 'sku' as const, id: 'SKU-2' }, channels: ['eshop', 'store/A'], scheduled: false, impactAt: '2026-11-26T12:00:00Z', injection: 'click-and-collect-without-stock SKU-2' }];
    const findings = [{ id: 'f', rule: 'price-mismatch', status: 'open', subject: { kind: 'sku', id: 'SKU-9' }, channels: [{ channel: 'eshop', value: '9.99 PLN' }, { channel: 'app', value: '8.99 PLN' }], impactAt: 0, detectedAt: T }];
    const text = formatScorecard(scorecard(truth, findings, T), 'test');
    expect(text).toContain('FAIL: price-mismatch, stock-mismatch');
    expect(text).toContain('missed (false negatives):\n  stock-mismatch  sku SKU-2  eshop, store/A  (click-and-collect-without-stock SKU-2)');
    expect(text).toContain('unexpected (false positives):\n  price-mismatch  sku SKU-9  eshop: 9.99 PLN; app: 8.99 PLN');
  });

  it('formats durations by their two largest units', () => {
    expect(formatDuration(90_061_000)).toBe('1d 1h');
    expect(formatDuration(3_725_000)).toBe('1h 2m');
    expect(formatDuration(65_000)).toBe('1m 5s');
    expect(formatDuration(-180_000)).toBe('-3m 0s');
    expect(formatDuration(0)).toBe('0s');
  });
});
