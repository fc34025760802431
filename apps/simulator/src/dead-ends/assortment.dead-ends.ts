import { EVENT_TYPES } from '@parity/contracts';
import { MARKETPLACE } from '../channels';
import { channelsOf, deadEnd, Injection, InjectionContext, statedBy } from '../injection';

const sku = (id: string) => ({ kind: 'sku', id }) as const;

/** The catalog lists a product on the marketplace; the marketplace never gets a price for it. */
export function listedWithoutPrice(context: InjectionContext): Injection | undefined {
  const product = context.product((candidate) => !candidate.channels.includes(MARKETPLACE));
  if (!product) return undefined;
  const at = context.at();
  const label = `listed-without-price ${product.sku}`;
  const { sku: id, name, category } = product;
  return {
    label,
    description: `${id}: listed on ${MARKETPLACE}, which shows no price for it`,
    facts: [{ at, fact: { type: EVENT_TYPES.productUpserted, source: 'eshop', data: { sku: id, name, category, channels: [...product.channels, MARKETPLACE] } } }],
    expected: [deadEnd(label, 'assortment-gap', sku(id), [MARKETPLACE, 'eshop'], at, false)],
  };
}

/** An online-only product launched in every store; one store never loads its price. */
export function storeLaunchWithoutPrice(context: InjectionContext): Injection | undefined {
  const product = context.product((candidate) => !candidate.soldInStores);
  if (!product) return undefined;
  const store = context.store();
  const at = context.at();
  const label = `store-launch-without-price ${product.sku}`;
  const { sku: id, name, category } = product;
  const launched = { ...product, channels: [...product.channels, 'store/*'] };
  const pricing = channelsOf(context.world, launched).filter((channel) => channel.startsWith('store/') && channel !== store);
  return {
    label,
    description: `${id}: launched in every store; ${store} has no price for it`,
    facts: [
      { at, fact: { type: EVENT_TYPES.productUpserted, source: 'eshop', data: { sku: id, name, category, channels: [...launched.channels] } } },
      ...statedBy(pricing, at + 30_000, (source) => ({ type: EVENT_TYPES.priceSet, source, data: { sku: id, amount: product.basePrice, currency: 'PLN' } })),
    ],
    expected: [deadEnd(label, 'assortment-gap', sku(id), [store, 'eshop'], at, false)],
  };
}
