import { factOf, PriceFact } from './facts';
import { price } from './scenario/events';
import { Vocabulary } from './vocabulary';

// Copies of the same text, as two parsed events bring them (not interned by the engine).
const copy = (text: string) => [...text].join('');

describe('Vocabulary', () => {
  it('gives one copy of a word however often it is stated', () => {
    const vocabulary = new Vocabulary();
    const first = vocabulary.word(copy('store/WAW-012'));
    expect(vocabulary.word(copy('store/WAW-012'))).toBe(first);
    expect(vocabulary.word('eshop')).toBe('eshop');
  });

  it('shares an amount per currency, with its minor units', () => {
    const vocabulary = new Vocabulary();
    const pln = vocabulary.money('129.99', 'PLN');
    expect(pln).toEqual({ amount: '129.99', minor: 1_299_900n, currency: 'PLN' });
    expect(vocabulary.money(copy('129.99'), copy('PLN'))).toBe(pln);
    expect(vocabulary.money('129.99', 'EUR')).not.toBe(pln);
  });

  it('changes no fact: facts read with and without it are equal', () => {
    const event = price('store/WAW-012', 'SKU-1', '129.99', { from: '2026-11-27T00:00:00Z', type: 'clearance' });
    const shared = factOf(event, new Vocabulary()) as PriceFact;
    const own = factOf(event) as PriceFact;
    expect(shared).toEqual(own);
    expect([shared.amount, shared.minor, shared.currency, shared.priceType, shared.effectiveFrom, shared.evidence]).toEqual([
      '129.99',
      1_299_900n,
      'PLN',
      'clearance',
      Date.parse('2026-11-27T00:00:00Z'),
      { source: 'store/WAW-012', id: event.id },
    ]);
  });
});
