import { expandChannels, matchesChannel } from './channels';

describe('channel globs', () => {
  const known = new Set(['eshop', 'app', 'store/WAW-012', 'store/KRK-002', 'marketplace/allegro']);

  it('matches exact names, prefixes and everything', () => {
    expect(matchesChannel('eshop', 'eshop')).toBe(true);
    expect(matchesChannel('eshop', 'app')).toBe(false);
    expect(matchesChannel('store/*', 'store/WAW-012')).toBe(true);
    expect(matchesChannel('store/*', 'storefront')).toBe(false);
    expect(matchesChannel('*', 'marketplace/allegro')).toBe(true);
    expect(matchesChannel('store/WAW-*', 'store/KRK-002')).toBe(false);
  });

  it('expands globs over the known channels and keeps named ones even if unknown', () => {
    expect(expandChannels(['store/*', 'contact-center'], known)).toEqual(['contact-center', 'store/KRK-002', 'store/WAW-012']);
    expect(expandChannels(['*'], known)).toEqual([...known].sort());
  });
});
