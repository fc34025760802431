import { EVENT_TYPES, StockLevelData } from '@parity/contracts';
import { ChannelFact } from '../channel-fact';
import { deadEnd, Injection, InjectionContext, MINUTE, SECOND } from '../injection';

const sku = (id: string) => ({ kind: 'sku', id }) as const;

/** A store sells out; the app follows, the e-shop keeps offering click and collect there. */
export function clickAndCollectWithoutStock(context: InjectionContext): Injection | undefined {
  const product = context.product((candidate) => candidate.soldInStores);
  if (!product) return undefined;
  const store = context.store();
  const at = context.at();
  const label = `click-and-collect-without-stock ${product.sku}`;
  return {
    label,
    description: `${product.sku}: ${store} sold out; the e-shop still offers click and collect there`,
    facts: [
      { at, fact: stock(store, product.sku, store, 4, ['in-store', 'click-and-collect']) },
      { at: at + 5 * SECOND, fact: stock('eshop', product.sku, store, 4, ['click-and-collect']) },
      { at: at + 6 * SECOND, fact: stock('app', product.sku, store, 4, ['click-and-collect']) },
      { at: at + 20 * MINUTE, fact: stock(store, product.sku, store, 0, []) },
      { at: at + 20 * MINUTE + 4 * SECOND, fact: stock('app', product.sku, store, 0, []) },
    ],
    expected: [deadEnd(label, 'stock-mismatch', sku(product.sku), [store, 'eshop'], at + 20 * MINUTE, false)],
  };
}

/** The app shows ten more units at a store than the store has: beyond the tolerance of five. */
export function stockViewsDisagree(context: InjectionContext): Injection | undefined {
  const product = context.product((candidate) => candidate.soldInStores);
  if (!product) return undefined;
  const store = context.store();
  const at = context.at();
  const label = `stock-views-disagree ${product.sku}`;
  return {
    label,
    description: `${product.sku}: ${store} has 2, the app shows 12 for collection there`,
    facts: [
      { at, fact: stock(store, product.sku, store, 2, ['in-store', 'click-and-collect']) },
      { at: at + 3 * SECOND, fact: stock('eshop', product.sku, store, 2, ['click-and-collect']) },
      { at: at + 4 * SECOND, fact: stock('app', product.sku, store, 12, ['click-and-collect']) },
    ],
    expected: [deadEnd(label, 'stock-mismatch', sku(product.sku), [store, 'app'], at, false)],
  };
}

export function stock(source: string, productSku: string, location: string, available: number, fulfilment: string[]): ChannelFact {
  const data: StockLevelData = { sku: productSku, location, available, fulfilment };
  return { type: EVENT_TYPES.stockLevel, source, data };
}
