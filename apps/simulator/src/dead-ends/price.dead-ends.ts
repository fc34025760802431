import { EVENT_TYPES, PriceSetData } from '@parity/contracts';
import { changedBy } from '../pricing';
import { channelsOf, deadEnd, HOUR, Injection, InjectionContext, isStore, MINUTE, statedBy } from '../injection';

const sku = (id: string) => ({ kind: 'sku', id }) as const;

/** A Black Friday price loaded in the e-shop, app, contact center and marketplace, in no store. */
export function salePriceMissingInStores(context: InjectionContext): Injection | undefined {
  const product = context.product((candidate) => candidate.soldInStores);
  if (!product) return undefined;
  const label = `sale-price-missing-in-stores ${product.sku}`;
  const data = salePrice(context, product.sku, changedBy(product.basePrice, -30));
  const channels = channelsOf(context.world, product);
  return {
    label,
    description: `${product.sku}: Black Friday price ${data.amount} PLN loaded online, not in any store`,
    facts: statedBy(channels.filter((channel) => !isStore(channel)), context.at(), (source) => ({ type: EVENT_TYPES.priceSet, source, data })),
    expected: channels
      .filter(isStore)
      .map((store) => deadEnd(label, 'price-mismatch', sku(product.sku), ['eshop', store], context.sale.startsAt, true)),
  };
}

/** A Black Friday price loaded everywhere but in one store. */
export function salePriceMissingInOneStore(context: InjectionContext): Injection | undefined {
  const product = context.product((candidate) => candidate.soldInStores);
  if (!product) return undefined;
  const store = context.store();
  const label = `sale-price-missing-in-one-store ${product.sku}`;
  const data = salePrice(context, product.sku, changedBy(product.basePrice, -20));
  const loading = channelsOf(context.world, product).filter((channel) => channel !== store);
  return {
    label,
    description: `${product.sku}: Black Friday price ${data.amount} PLN loaded everywhere but in ${store}`,
    facts: statedBy(loading, context.at(), (source) => ({ type: EVENT_TYPES.priceSet, source, data }), 2_000),
    expected: [deadEnd(label, 'price-mismatch', sku(product.sku), ['eshop', store], context.sale.startsAt, true)],
  };
}

/**
 * A store keys another price at the till; the e-shop restates its own afterwards. The e-shop
 * speaking last makes this a mismatch only: the store never showed the e-shop's old answer late.
 */
export function storeShowsOtherPrice(context: InjectionContext): Injection | undefined {
  const product = context.product((candidate) => candidate.soldInStores);
  if (!product) return undefined;
  const store = context.store();
  const at = context.at();
  const label = `store-shows-other-price ${product.sku}`;
  const amount = changedBy(product.basePrice, 10);
  return {
    label,
    description: `${product.sku}: ${store} shows ${amount} PLN, every other channel ${product.basePrice} PLN`,
    facts: [
      { at, fact: { type: EVENT_TYPES.priceSet, source: store, data: { sku: product.sku, amount, currency: 'PLN' } } },
      { at: at + 2 * MINUTE, fact: { type: EVENT_TYPES.priceSet, source: 'eshop', data: { sku: product.sku, amount: product.basePrice, currency: 'PLN' } } },
    ],
    expected: [deadEnd(label, 'price-mismatch', sku(product.sku), ['eshop', store], at, false)],
  };
}

/**
 * A price change every channel picks up but the contact center, three hours before the scoring
 * time: well past the one-hour staleness window. The e-shop restates the new price a few minutes
 * later, as it does, so it is the channel the contact center is stale against. The customer
 * also meets a plain price mismatch between the two.
 */
export function staleContactCenterPrice(context: InjectionContext): Injection | undefined {
  const product = context.product();
  if (!product || context.end - context.start < 4 * HOUR) return undefined;
  const at = context.end - 3 * HOUR;
  const label = `stale-contact-center-price ${product.sku}`;
  const data = { sku: product.sku, amount: changedBy(product.basePrice, -10), currency: 'PLN', priceType: 'regular' as const };
  const following = channelsOf(context.world, product).filter((channel) => channel !== 'contact-center');
  const channels = ['contact-center', 'eshop'];
  return {
    label,
    description: `${product.sku}: changed to ${data.amount} PLN everywhere at ${new Date(at).toISOString()}; the contact center still quotes ${product.basePrice} PLN`,
    facts: [
      ...statedBy(following, at, (source) => ({ type: EVENT_TYPES.priceSet, source, data }), 2_000),
      { at: at + 5 * MINUTE, fact: { type: EVENT_TYPES.priceSet, source: 'eshop', data } },
    ],
    expected: [
      deadEnd(label, 'stale-channel-data', sku(product.sku), channels, at, false),
      deadEnd(label, 'price-mismatch', sku(product.sku), channels, at, false),
    ],
  };
}

function salePrice(context: InjectionContext, productSku: string, amount: string): PriceSetData {
  return { sku: productSku, amount, currency: 'PLN', effectiveFrom: context.sale.from, effectiveTo: context.sale.to, priceType: 'regular' };
}
