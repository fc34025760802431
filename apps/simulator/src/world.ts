import { createCatalog, Product } from './catalog';
import { MARKETPLACE, ONLINE_CHANNELS, Store, storesFor } from './channels';
import { Random } from './random';

/** The fixed part of the simulation: what is sold, where, and through which channels. */
export interface World {
  readonly products: readonly Product[];
  /** Products with a shelf in the stores: the ones stores publish stock for. */
  readonly storeProducts: readonly Product[];
  readonly stores: readonly Store[];
  /** Every channel that publishes, in a fixed order (the order globs expand in). */
  readonly channels: readonly string[];
}

export function createWorld(random: Random, size: { readonly skus: number; readonly stores: number }): World {
  const products = createCatalog(random, size.skus);
  const stores = storesFor(size.stores);
  return {
    products,
    storeProducts: products.filter((product) => product.soldInStores),
    stores,
    channels: [...ONLINE_CHANNELS, MARKETPLACE, ...stores.map((store) => store.channel)],
  };
}
