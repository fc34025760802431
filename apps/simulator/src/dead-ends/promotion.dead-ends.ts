import { Discount, EVENT_TYPES, PromotionActivatedData } from '@parity/contracts';
import { CATEGORY_NAMES } from '../catalog';
import { expandChannels } from '../channels';
import { DAY, deadEnd, Injection, InjectionContext, statedBy } from '../injection';

const TWENTY_PERCENT: Discount = { kind: 'percent', value: '20' };

/** A Black Friday promotion advertised online and in every store; one store has not loaded it. */
export function salePromotionNotRunByStore(context: InjectionContext): Injection {
  const store = context.store();
  const data = salePromotion(context, ['eshop', 'store/*'], TWENTY_PERCENT);
  const runners = expandChannels(data.scope ?? ['*'], context.world.channels).filter((channel) => channel !== store);
  const label = `sale-promotion-not-run-by-store ${data.promotionId}`;
  return {
    label,
    description: `${data.promotionId}: Black Friday 20% off advertised for e-shop and stores; ${store} does not run it`,
    facts: statedBy(runners, context.at(), (source) => ({ type: EVENT_TYPES.promotionActivated, source, data })),
    expected: [deadEnd(label, 'promotion-mismatch', promotion(data), [advertiserOf(runners, data, store, context), store], context.sale.startsAt, true)],
  };
}

/** A Black Friday promotion one store runs with a smaller discount than advertised. */
export function salePromotionOtherDiscount(context: InjectionContext): Injection {
  const store = context.store();
  const data = salePromotion(context, ['eshop', 'app', 'store/*'], TWENTY_PERCENT);
  const runners = expandChannels(data.scope ?? ['*'], context.world.channels);
  const label = `sale-promotion-other-discount ${data.promotionId}`;
  const other = { ...data, discount: { kind: 'percent', value: '10' } as const };
  return {
    label,
    description: `${data.promotionId}: Black Friday 20% off advertised; ${store} runs it at 10%`,
    facts: statedBy(runners, context.at(), (source) => ({ type: EVENT_TYPES.promotionActivated, source, data: source === store ? other : data })),
    expected: [deadEnd(label, 'promotion-mismatch', promotion(data), [advertiserOf(runners, data, store, context), store], context.sale.startsAt, true)],
  };
}

/** A Black Friday promotion one store loaded without one of the advertised SKUs: the till refuses it on that one. */
export function salePromotionMissingSkuInStore(context: InjectionContext): Injection | undefined {
  const store = context.store();
  const data = salePromotion(context, ['eshop', 'store/*'], TWENTY_PERCENT);
  // Without a second SKU, leaving one out is not running it: another injection's dead end.
  if (data.skus.length < 2) return undefined;
  const runners = expandChannels(data.scope ?? ['*'], context.world.channels);
  const missing = data.skus[data.skus.length - 1]!;
  const fewer = { ...data, skus: data.skus.slice(0, -1) };
  const label = `sale-promotion-missing-sku-in-store ${data.promotionId}`;
  return {
    label,
    description: `${data.promotionId}: Black Friday 20% off advertised on ${data.skus.length} SKUs; ${store} loaded it without ${missing}`,
    facts: statedBy(runners, context.at(), (source) => ({ type: EVENT_TYPES.promotionActivated, source, data: source === store ? fewer : data })),
    expected: [deadEnd(label, 'promotion-mismatch', promotion(data), [advertiserOf(runners, data, store, context), store], context.sale.startsAt, true)],
  };
}

/** A promotion running now, advertised with scope store/*, that one store does not run. */
export function storePromotionNotRunByOneStore(context: InjectionContext): Injection | undefined {
  // Some other store has to advertise it.
  if (context.world.stores.length < 2) return undefined;
  const store = context.store();
  const at = context.at();
  const category = context.random.pick(CATEGORY_NAMES);
  const data: PromotionActivatedData = {
    promotionId: context.promotionId(category, false),
    skus: skusOf(context, category),
    discount: { kind: 'amount', value: '50', currency: 'PLN' },
    validFrom: new Date(at).toISOString(),
    validTo: new Date(at + 3 * DAY).toISOString(),
    scope: ['store/*'],
  };
  const runners = context.world.stores.map((candidate) => candidate.channel).filter((channel) => channel !== store);
  const label = `store-promotion-not-run-by-one-store ${data.promotionId}`;
  return {
    label,
    description: `${data.promotionId}: 50 PLN off in every store from ${data.validFrom}; ${store} does not run it`,
    facts: statedBy(runners, at, (source) => ({ type: EVENT_TYPES.promotionActivated, source, data })),
    expected: [deadEnd(label, 'promotion-mismatch', promotion(data), [advertiserOf(runners, data, store, context), store], at, false)],
  };
}

/**
 * The channel a finding names as advertiser: the rule takes the first advertising channel by
 * name whose scope holds the other one, so the finding keeps its identity as channels join.
 */
export function advertiserOf(runners: readonly string[], data: PromotionActivatedData, target: string, context: InjectionContext): string {
  const inScope = expandChannels(data.scope ?? ['*'], context.world.channels).includes(target);
  const advertiser = [...runners].sort().find((channel) => channel !== target && inScope);
  if (advertiser === undefined) throw new RangeError(`no channel advertises ${data.promotionId} for ${target}`);
  return advertiser;
}

function salePromotion(context: InjectionContext, scope: string[], discount: Discount): PromotionActivatedData {
  const category = context.random.pick(CATEGORY_NAMES);
  return {
    promotionId: context.promotionId(category, true),
    skus: skusOf(context, category),
    discount,
    validFrom: context.sale.from,
    validTo: context.sale.to,
    scope,
  };
}

/** A few products of the category (promotions live under their own id, so any product will do). */
function skusOf(context: InjectionContext, category: string): string[] {
  const products = context.world.products.filter((product) => product.category === category && product.soldInStores);
  const skus = products.slice(0, 4).map((product) => product.sku);
  return skus.length > 0 ? skus : [context.world.products[0]?.sku ?? 'SKU-00001'];
}

function promotion(data: PromotionActivatedData) {
  return { kind: 'promotion', id: data.promotionId } as const;
}
