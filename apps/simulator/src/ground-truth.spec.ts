import { deadEndKey, parseTruthFile, TruthFileError } from './ground-truth';

const valid = {
  scenario: 'black-friday',
  seed: 1,
  scoringTime: '2026-11-26T21:00:00.000Z',
  expected: [
    { rule: 'price-mismatch', subject: { kind: 'sku', id: 'SKU-00001' }, channels: ['store/WAW-001', 'eshop'], scheduled: true, impactAt: '2026-11-26T23:00:00.000Z', injection: 'x' },
  ],
  intended: [{ injection: 'y', description: 'an app-only price' }],
};

describe('truth file', () => {
  it('reads back what a scenario run writes, channels as a sorted set', () => {
    const file = parseTruthFile(JSON.stringify(valid));
    expect(file.expected[0]?.channels).toEqual(['eshop', 'store/WAW-001']);
    expect(file).toMatchObject({ scenario: 'black-friday', seed: 1, intended: valid.intended });
  });

  it.each([
    ['not JSON', '{'],
    ['no scoring time', JSON.stringify({ ...valid, scoringTime: 'soon' })],
    ['an unknown rule', JSON.stringify({ ...valid, expected: [{ ...valid.expected[0], rule: 'price-mismatchh' }] })],
    ['a bad subject kind', JSON.stringify({ ...valid, expected: [{ ...valid.expected[0], subject: { kind: 'store', id: 'x' } }] })],
    ['channels that are not names', JSON.stringify({ ...valid, expected: [{ ...valid.expected[0], channels: [1] }] })],
  ])('rejects a file with %s, saying what is wrong', (_, text) => {
    expect(() => parseTruthFile(text)).toThrow(TruthFileError);
  });

  it('keys a dead end by rule, subject and the set of channel names', () => {
    const subject = { kind: 'sku', id: 'SKU-1' };
    expect(deadEndKey('price-mismatch', subject, ['b', 'a'])).toBe(deadEndKey('price-mismatch', subject, ['a', 'b', 'a']));
    expect(deadEndKey('price-mismatch', subject, ['a', 'b'])).not.toBe(deadEndKey('stale-channel-data', subject, ['a', 'b']));
    expect(deadEndKey('price-mismatch', subject, ['a', 'b'])).not.toBe(deadEndKey('price-mismatch', { kind: 'promotion', id: 'SKU-1' }, ['a', 'b']));
  });
});
