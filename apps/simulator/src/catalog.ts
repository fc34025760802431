import { MARKETPLACE, ONLINE_CHANNELS } from './channels';
import { charmPrice } from './pricing';
import { Random } from './random';

/** A product as the catalog states it, with the regular price every channel starts from. */
export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  readonly basePrice: string;
  /** Assortment: channel names and globs where the product is meant to be sold. */
  readonly channels: readonly string[];
  readonly soldInStores: boolean;
}

interface CategorySpec {
  readonly category: string;
  readonly noun: string;
  readonly variants: readonly string[];
  /** Typical shelf price range in PLN. */
  readonly zloty: readonly [min: number, max: number];
}

const CATEGORIES: readonly CategorySpec[] = [
  { category: 'tv', noun: 'TV', variants: ['43" 4K', '50" 4K', '55" OLED', '65" QLED', '75" Mini LED'], zloty: [1299, 8999] },
  { category: 'laptop', noun: 'Laptop', variants: ['13" Ultrabook', '14" 16 GB', '15.6" 8 GB', '16" 32 GB'], zloty: [1999, 8999] },
  { category: 'phone', noun: 'Smartphone', variants: ['128 GB', '256 GB', '512 GB'], zloty: [699, 5999] },
  { category: 'fridge', noun: 'Fridge', variants: ['No Frost 185 cm', 'Combi 201 cm', 'Side-by-side'], zloty: [1499, 6999] },
  { category: 'coffee-machine', noun: 'Coffee machine', variants: ['Espresso', 'Bean-to-cup', 'Capsule'], zloty: [299, 3999] },
  { category: 'headphones', noun: 'Headphones', variants: ['ANC', 'True Wireless', 'Studio'], zloty: [99, 1499] },
  { category: 'washing-machine', noun: 'Washing machine', variants: ['7 kg', '8 kg Slim', '9 kg Steam'], zloty: [1199, 3999] },
];

/** Made-up brands: the simulator must not look like any real retailer's data. */
const BRANDS = ['Norda', 'Vistula', 'Kelvar', 'Orbis', 'Tatra', 'Mazur'] as const;

export const CATEGORY_NAMES: readonly string[] = CATEGORIES.map((spec) => spec.category);

export function skuOf(index: number): string {
  return `SKU-${String(index + 1).padStart(5, '0')}`;
}

/** `count` products SKU-00001.., spread over the categories, most of them sold everywhere. */
export function createCatalog(random: Random, count: number): Product[] {
  return Array.from({ length: count }, (_, index) => {
    const spec = random.pick(CATEGORIES);
    const [min, max] = spec.zloty;
    // A few products are online-only, and the marketplace lists only part of the range.
    const soldInStores = !random.chance(0.08);
    const channels: string[] = [...ONLINE_CHANNELS];
    if (soldInStores) channels.push('store/*');
    if (random.chance(0.4)) channels.push(MARKETPLACE);
    return {
      sku: skuOf(index),
      name: `${random.pick(BRANDS)} ${spec.noun} ${random.pick(spec.variants)}`,
      category: spec.category,
      basePrice: charmPrice(Math.round(random.int(min, max) / 10) * 10),
      channels,
      soldInStores,
    };
  });
}
