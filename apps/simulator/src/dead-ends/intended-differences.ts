import { EVENT_TYPES, PromotionActivatedData } from '@parity/contracts';
import { CATEGORY_NAMES } from '../catalog';
import { changedBy } from '../pricing';
import { DAY, Injection, InjectionContext, SECOND } from '../injection';
import { categoryPolicy } from './returns.dead-ends';
import { stock } from './stock.dead-ends';

/*
 * Differences between channels that are meant to be there: the contract or the rules'
 * configuration says they are no dead end, so none of them may be flagged.
 */

/** An app-only price for two days: `channel-exclusive` is exempt from price comparison. */
export function appExclusivePrice(context: InjectionContext): Injection | undefined {
  const product = context.product();
  if (!product) return undefined;
  const at = context.at();
  const amount = changedBy(product.basePrice, -8);
  const data = {
    sku: product.sku,
    amount,
    currency: 'PLN',
    effectiveFrom: new Date(at).toISOString(),
    effectiveTo: new Date(at + 2 * DAY).toISOString(),
    priceType: 'channel-exclusive' as const,
  };
  return intended(`app-exclusive-price ${product.sku}`, `${product.sku}: ${amount} PLN in the app only, channel-exclusive`, [
    { at, fact: { type: EVENT_TYPES.priceSet, source: 'app', data } },
  ]);
}

/** A store's own Black Friday price, loaded ahead as channel-exclusive. */
export function storeExclusiveSalePrice(context: InjectionContext): Injection | undefined {
  const product = context.product((candidate) => candidate.soldInStores);
  if (!product) return undefined;
  const store = context.store();
  const amount = changedBy(product.basePrice, -35);
  const data = { sku: product.sku, amount, currency: 'PLN', effectiveFrom: context.sale.from, effectiveTo: context.sale.to, priceType: 'channel-exclusive' as const };
  return intended(`store-exclusive-sale-price ${product.sku}`, `${product.sku}: ${store} alone sells at ${amount} PLN on Black Friday, channel-exclusive`, [
    { at: context.at(), fact: { type: EVENT_TYPES.priceSet, source: store, data } },
  ]);
}

/** The same price written with four decimals: equal money, within any tolerance (the default is zero). */
export function samePriceWrittenDifferently(context: InjectionContext): Injection | undefined {
  const product = context.product((candidate) => candidate.soldInStores);
  if (!product) return undefined;
  const store = context.store();
  const amount = `${product.basePrice}00`;
  return intended(`same-price-written-differently ${product.sku}`, `${product.sku}: ${store} states ${amount}, the others ${product.basePrice}`, [
    { at: context.at(), fact: { type: EVENT_TYPES.priceSet, source: store, data: { sku: product.sku, amount, currency: 'PLN' } } },
  ]);
}

/** The e-shop and app show a store's stock a few units off: within the tolerance of five. */
export function stockWithinTolerance(context: InjectionContext): Injection | undefined {
  const product = context.product((candidate) => candidate.soldInStores);
  if (!product) return undefined;
  const store = context.store();
  const at = context.at();
  return intended(`stock-within-tolerance ${product.sku}`, `${product.sku}: ${store} has 10, the e-shop shows 13 and the app 8`, [
    { at, fact: stock(store, product.sku, store, 10, ['in-store', 'click-and-collect']) },
    { at: at + 3 * SECOND, fact: stock('eshop', product.sku, store, 13, ['click-and-collect']) },
    { at: at + 4 * SECOND, fact: stock('app', product.sku, store, 8, ['click-and-collect']) },
  ]);
}

/** An online-only promotion: its scope leaves out the stores and the contact center, which do not run it. */
export function onlineOnlyPromotion(context: InjectionContext): Injection {
  const at = context.at();
  const category = context.random.pick(CATEGORY_NAMES);
  const data: PromotionActivatedData = {
    promotionId: context.promotionId(category, false),
    skus: context.world.products.filter((product) => product.category === category).slice(0, 3).map((product) => product.sku),
    discount: { kind: 'percent', value: '15' },
    validFrom: new Date(at).toISOString(),
    validTo: new Date(at + 2 * DAY).toISOString(),
    scope: ['eshop', 'app'],
  };
  return intended(`online-only-promotion ${data.promotionId}`, `${data.promotionId}: 15% off in e-shop and app only, not run elsewhere`, [
    { at, fact: { type: EVENT_TYPES.promotionActivated, source: 'eshop', data } },
    { at: at + 2 * SECOND, fact: { type: EVENT_TYPES.promotionActivated, source: 'app', data } },
  ]);
}

/** A store's policy for one category that says exactly what the standard policy says. */
export function storeCategoryPolicyAsStandard(context: InjectionContext): Injection | undefined {
  const category = context.category();
  if (!category) return undefined;
  const store = context.store();
  return intended(`store-category-policy-as-standard ${category}@${store}`, `${category}: ${store} states its own policy, the same 30 days`, [
    { at: context.at(), fact: { type: EVENT_TYPES.returnsPolicySet, source: store, data: categoryPolicy(store, category) } },
  ]);
}

function intended(label: string, description: string, facts: Injection['facts']): Injection {
  return { label, description, facts, expected: [] };
}
