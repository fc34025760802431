import { price, product, returnsPolicy } from './scenario/events';
import { given } from './scenario/given';

const NOW = '2026-11-21T00:00:00Z';

describe('detect: the category a finding is filed under', () => {
  it("takes a SKU finding's category from the product's catalog fact", () => {
    const [finding] = given([
      product('eshop', 'SKU-1', { category: 'tv', channels: ['eshop'] }),
      price('eshop', 'SKU-1', '129.99'),
      price('store/WAW-012', 'SKU-1', '139.99'),
    ]).at(NOW, 'price-mismatch');
    expect(finding).toMatchObject({ rule: 'price-mismatch', category: 'tv' });
  });

  it('leaves it out when the catalog never named one', () => {
    const [finding] = given([price('eshop', 'SKU-1', '129.99'), price('store/WAW-012', 'SKU-1', '139.99')]).at(NOW, 'price-mismatch');
    expect(finding?.rule).toBe('price-mismatch');
    expect(finding?.category).toBeUndefined();
  });
});

describe('detect: returns-policy findings', () => {
  it('are filed under the category they compare, and under none when all products differ', () => {
    const found = given([
      returnsPolicy('eshop', 'RET-TV', { categories: ['tv'], days: 30 }),
      returnsPolicy('store/WAW-012', 'RET-TV-S', { categories: ['tv'], days: 14 }),
      returnsPolicy('eshop', 'RET-ALL', { days: 30 }),
      returnsPolicy('store/WAW-012', 'RET-ALL-S', { days: 20 }),
    ]).at(NOW, 'returns-policy-mismatch');
    const bySubject = Object.fromEntries(found.map((finding) => [finding.subject.id, finding.category]));
    expect(bySubject).toEqual({ tv: 'tv', '*': undefined });
  });
});
