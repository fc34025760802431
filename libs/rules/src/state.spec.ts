import { factOf, PriceFact } from './facts';
import { price, stock } from './scenario/events';
import { comparePriceVersions, evolve, initialState, PRICE_VERSIONS_KEPT, priceAt, priceVersions, SkuState } from './state';

const priceFact = (amount: string, options: Parameters<typeof price>[3]) => factOf(price('eshop', 'SKU-1', amount, options)) as PriceFact;
const fold = (facts: readonly PriceFact[]) => facts.reduce((state, fact) => evolve(state, fact) as SkuState, initialState('sku:SKU-1') as SkuState);
const ids = (state: SkuState) => priceVersions(state.prices['eshop']).map((version) => version.id);

// Regular prices through November, a Black Friday price loaded on the 20th, and a correction of it.
const versions = [
  priceFact('129.99', { id: 'p1', time: '2026-11-01T10:00:00Z' }),
  priceFact('119.99', { id: 'p2', time: '2026-11-10T10:00:00Z' }),
  priceFact('99.99', { id: 'p3', time: '2026-11-20T10:00:00Z', from: '2026-11-27T00:00:00Z', to: '2026-11-28T00:00:00Z' }),
  priceFact('89.99', { id: 'p4', time: '2026-11-21T10:00:00Z', from: '2026-11-27T00:00:00Z', to: '2026-11-28T00:00:00Z' }),
  priceFact('124.99', { id: 'p5', time: '2026-11-15T10:00:00Z' }),
];

describe('a channel\'s price versions', () => {
  it('are kept newest first in version order, whatever the arrival order', () => {
    const sorted = [...versions].sort(comparePriceVersions).map((fact) => fact.id);
    expect(sorted).toEqual(['p4', 'p3', 'p5', 'p2', 'p1']);
    expect(ids(fold(versions))).toEqual(sorted);
    expect(ids(fold([...versions].reverse()))).toEqual(sorted);
    expect(ids(fold([versions[2]!, versions[0]!, versions[4]!, versions[3]!, versions[1]!]))).toEqual(sorted);
  });

  it('show the scheduled price inside its window and the regular one outside it', () => {
    const state = fold(versions);
    expect(priceAt(state.prices['eshop'], Date.parse('2026-11-27T12:00:00Z'))?.amount).toBe('89.99');
    expect(priceAt(state.prices['eshop'], Date.parse('2026-11-28T00:00:00Z'))?.amount).toBe('124.99');
    expect(priceAt(state.prices['eshop'], Date.parse('2026-10-01T00:00:00Z'))).toBeUndefined();
  });

  it('ignore a redelivered statement and leave the state as it was', () => {
    const state = fold(versions);
    expect(evolve(state, versions[1]!)).toBe(state);
  });

  it('never change a chain an earlier state holds', () => {
    const before = fold(versions.slice(0, 2));
    const after = evolve(before, versions[4]!) as SkuState;
    expect(ids(before)).toEqual(['p2', 'p1']);
    expect(ids(after)).toEqual(['p5', 'p2', 'p1']);
  });

  it(`keep the ${PRICE_VERSIONS_KEPT} newest, in any arrival order`, () => {
    const many = Array.from({ length: PRICE_VERSIONS_KEPT + 4 }, (_, n) => priceFact(`${100 + n}.00`, { id: `v${n}`, time: `2026-11-${String(n + 1).padStart(2, '0')}T10:00:00Z` }));
    const newest = many.map((fact) => fact.id).reverse().slice(0, PRICE_VERSIONS_KEPT);
    expect(ids(fold(many))).toEqual(newest);
    expect(ids(fold([...many].reverse()))).toEqual(newest);
    expect(ids(fold([many[5]!, ...many.slice(0, 5), ...many.slice(6)]))).toEqual(newest);
  });

  it(`keep the ${PRICE_VERSIONS_KEPT} first in version order of all seen, after every one of many, scheduled ones and redeliveries among them`, () => {
    // Fifty statements in a scrambled order, every fifth a scheduled price, every seventh sent twice.
    const many = Array.from({ length: 50 }, (_, n) => {
      const day = String((n % 28) + 1).padStart(2, '0');
      const scheduled = n % 5 === 0 ? { from: `2026-12-${day}T00:00:00Z`, to: `2026-12-${day}T12:00:00Z` } : {};
      return priceFact(`${100 + n}.00`, { id: `v${n}`, time: `2026-11-${day}T${String(n % 24).padStart(2, '0')}:00:00Z`, ...scheduled });
    });
    const arrivals = Array.from({ length: 50 }, (_, n) => many[(n * 17) % 50]!).flatMap((fact, n) => (n % 7 === 0 ? [fact, fact] : [fact]));
    let state = initialState('sku:SKU-1') as SkuState;
    const seen: PriceFact[] = [];
    for (const fact of arrivals) {
      state = evolve(state, fact) as SkuState;
      if (!seen.includes(fact)) seen.push(fact);
      const kept = [...seen].sort(comparePriceVersions).slice(0, PRICE_VERSIONS_KEPT);
      expect(ids(state)).toEqual(kept.map((version) => version.id));
      const t = Date.parse('2026-12-05T06:00:00Z');
      expect(priceAt(state.prices['eshop'], t)?.id).toBe(kept.find((version) => version.effectiveFrom <= t && t < version.effectiveTo)?.id);
      // The chain behind the kept versions is cut back now and then: bounded, and its depth is its length.
      let length = 0;
      for (let version: PriceFact | undefined = state.prices['eshop']; version; version = version.older) length += 1;
      expect(state.prices['eshop']!.depth).toBe(length);
      expect(length).toBeLessThanOrEqual(2 * PRICE_VERSIONS_KEPT);
    }
  });
});

describe("a SKU's channels", () => {
  const statements = [
    price('store/WAW-001', 'SKU-1', '10.00'),
    price('eshop', 'SKU-1', '10.00'),
    stock('eshop', 'SKU-1', 'store/WAW-001', 5),
    price('app', 'SKU-1', '10.00'),
    stock('store/WAW-001', 'SKU-1', 'store/WAW-001', 5),
    price('eshop', 'SKU-1', '11.00', { time: '2026-11-20T10:00:00Z' }),
  ].map((event) => factOf(event)!);
  const foldAll = (facts: typeof statements) => facts.reduce((state, fact) => evolve(state, fact), initialState('sku:SKU-1')) as SkuState;

  // One key order for the same channels keeps V8's lookups by channel on one hidden class.
  it('are held in name order, whatever order they spoke in', () => {
    for (const arrival of [statements, [...statements].reverse(), [statements[3]!, statements[0]!, statements[5]!, statements[2]!, statements[1]!, statements[4]!]]) {
      const state = foldAll(arrival);
      expect(Object.keys(state.prices)).toEqual(['app', 'eshop', 'store/WAW-001']);
      expect(Object.keys(state.stock)).toEqual(['eshop@store/WAW-001', 'store/WAW-001@store/WAW-001']);
      expect(priceAt(state.prices['eshop'], Date.parse('2026-11-21T00:00:00Z'))?.amount).toBe('11.00');
    }
  });
});
