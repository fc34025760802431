import { eventually } from '@parity/testing';
import { FeedFixture, FindingData } from './feed-fixture';

const HOUR = 3_600_000;
export const iso = (offset: number) => new Date(Date.now() + offset).toISOString();

/**
 * Five dead ends of five rules across channels, stores and categories, one of them scheduled:
 * - SKU-A (tv): the e-shop's 129.99 against 139.99 in store WAW-012, now;
 * - SKU-B (phones): a Black Friday price loaded in the e-shop only, five days ahead;
 * - SKU-C (tv): the e-shop offers click and collect at KRK-001, whose shelf is empty;
 * - BF-A: a promotion advertised in WAW-012 that the store does not run;
 * - tv returns: 30 days online, 14 days in WAW-012.
 */
export async function publishScenario(f: FeedFixture): Promise<void> {
  await f.publish('products', 'eshop', { sku: 'SKU-A', name: 'TV A', category: 'tv' }, { time: iso(-5 * HOUR) });
  await f.publish('products', 'eshop', { sku: 'SKU-B', name: 'Phone B', category: 'phones' }, { time: iso(-5 * HOUR) });
  await f.publish('products', 'eshop', { sku: 'SKU-C', name: 'TV C', category: 'tv' }, { time: iso(-5 * HOUR) });
  // The catalog in the log before the prices: topics have no order between them, and a category
  // arriving after a finding opened would update it (one more history entry than the specs expect).
  await eventually('the catalog in the log', async () => ((await f.pipeline.logCount()) >= 3 ? true : undefined));
  await f.publish('prices', 'eshop', { sku: 'SKU-A', amount: '129.99', currency: 'PLN' }, { time: iso(-2 * HOUR) });
  await f.publish('prices', 'store/WAW-012', { sku: 'SKU-A', amount: '139.99', currency: 'PLN' }, { time: iso(-HOUR) });
  await f.publish('prices', 'eshop', { sku: 'SKU-B', amount: '499.99', currency: 'PLN' }, { time: iso(-3 * HOUR) });
  await f.publish('prices', 'app', { sku: 'SKU-B', amount: '499.99', currency: 'PLN' }, { time: iso(-3 * HOUR) });
  await f.publish('prices', 'eshop', { sku: 'SKU-B', amount: '399.99', currency: 'PLN', effectiveFrom: iso(5 * 24 * HOUR), effectiveTo: iso(8 * 24 * HOUR) }, { time: iso(-HOUR) });
  await f.publish('prices', 'eshop', { sku: 'SKU-C', amount: '99.00', currency: 'PLN' }, { time: iso(-2 * HOUR) });
  await f.publish('prices', 'store/KRK-001', { sku: 'SKU-C', amount: '99.00', currency: 'PLN' }, { time: iso(-2 * HOUR) });
  await f.publish('stock', 'store/KRK-001', { sku: 'SKU-C', location: 'store/KRK-001', available: 0 }, { time: iso(-HOUR) });
  await f.publish('stock', 'eshop', { sku: 'SKU-C', location: 'store/KRK-001', available: 4, fulfilment: ['click-and-collect'] }, { time: iso(-HOUR) });
  await f.publish(
    'promotions',
    'eshop',
    { promotionId: 'BF-A', skus: ['SKU-A'], discount: { kind: 'percent', value: '20' }, validFrom: iso(-HOUR), validTo: iso(48 * HOUR), scope: ['eshop', 'store/WAW-012'] },
    { time: iso(-HOUR) },
  );
  const policy = { receiptRequired: true, refundMethods: ['original-payment'] };
  await f.publish('returns', 'eshop', { policyId: 'RET-E', appliesTo: { categories: ['tv'] }, returnWindowDays: 30, ...policy }, { time: iso(-4 * HOUR) });
  await f.publish('returns', 'store/WAW-012', { policyId: 'RET-S', appliesTo: { categories: ['tv'] }, returnWindowDays: 14, ...policy }, { time: iso(-4 * HOUR) });
}

export interface ScenarioFindings {
  readonly priceA: FindingData;
  readonly priceB: FindingData;
  readonly stockC: FindingData;
  readonly promotion: FindingData;
  readonly returns: FindingData;
}

export async function scenarioFindings(f: FeedFixture): Promise<ScenarioFindings> {
  const open = 'status=open';
  return {
    priceA: await f.finding('the SKU-A price mismatch', open, (x) => x.rule === 'price-mismatch' && x.sku === 'SKU-A'),
    priceB: await f.finding('the scheduled SKU-B price mismatch', open, (x) => x.rule === 'price-mismatch' && x.sku === 'SKU-B'),
    stockC: await f.finding('the SKU-C stock mismatch', open, (x) => x.rule === 'stock-mismatch' && x.sku === 'SKU-C'),
    promotion: await f.finding('the BF-A promotion mismatch', open, (x) => x.rule === 'promotion-mismatch' && x.promotionId === 'BF-A'),
    returns: await f.finding('the tv returns mismatch', open, (x) => x.rule === 'returns-policy-mismatch' && x.category === 'tv'),
  };
}
