import { hasKeys, sortedKeys } from './sorted-keys';

describe('sortedKeys', () => {
  it('sorts the own keys as Object.keys(...).sort() does, whatever was asked before', () => {
    const records: object[] = [
      { referenceChannel: 'eshop', differencePercent: 1, comparedAt: 'x' },
      { b: 1, a: 2, B: 3, 'ä': 4, _: 5 },
      { differencePercent: 1, referenceChannel: 'eshop', comparedAt: 'x' },
      { referenceChannel: 'eshop', differencePercent: 1 },
      { 10: 'a', 2: 'b', x: 'c' },
      Object.create({ inherited: 1 }, { own: { value: 1, enumerable: true } }) as object,
      {},
    ];
    for (let round = 0; round < 3; round += 1) for (const record of [...records, ...records.reverse()]) expect(sortedKeys(record)).toEqual(Object.keys(record).sort());
    for (let n = 0; n < 20; n += 1) expect(sortedKeys({ [`k${n}`]: 1, a: 2 })).toEqual(['a', `k${n}`]);
  });

  it('hasKeys: the same own keys in the same order, no more and no fewer', () => {
    expect(hasKeys({ a: 1, b: 2 }, ['a', 'b'])).toBe(true);
    expect(hasKeys({ b: 2, a: 1 }, ['a', 'b'])).toBe(false);
    expect(hasKeys({ a: 1 }, ['a', 'b'])).toBe(false);
    expect(hasKeys({ a: 1, b: 2, c: 3 }, ['a', 'b'])).toBe(false);
    expect(hasKeys(Object.create({ b: 1 }, { a: { value: 1, enumerable: true } }) as object, ['a'])).toBe(false);
  });
});
