import { expandChannels, matchesChannel, storesFor } from './channels';
import { changedBy, charmPrice } from './pricing';

describe('channels', () => {
  it('numbers stores across Polish cities', () => {
    const stores = storesFor(22).map((store) => store.channel);
    expect(stores.slice(0, 3)).toEqual(['store/WAW-001', 'store/KRK-002', 'store/WRO-003']);
    expect(stores[20]).toBe('store/WAW-021');
    expect(new Set(stores).size).toBe(22);
  });

  it('expands contract globs over the known channels', () => {
    const known = ['eshop', 'app', 'marketplace/allegro', 'store/WAW-001', 'store/KRK-002'];
    expect(expandChannels(['store/*'], known)).toEqual(['store/WAW-001', 'store/KRK-002']);
    expect(expandChannels(['*'], known)).toEqual(known);
    expect(expandChannels(['app', 'eshop'], known)).toEqual(['eshop', 'app']);
    expect(matchesChannel('store/*', 'store.x')).toBe(false);
  });
});

describe('pricing', () => {
  it('makes .99 prices from whole zloty and from percent changes', () => {
    expect(charmPrice(1300)).toBe('1299.99');
    expect(changedBy('1299.99', -10)).toBe('1169.99');
    expect(changedBy('1299.99', 0)).toBe('1299.99');
    expect(changedBy('2.99', -90)).toBe('1.99');
  });
});
