import { Discount, PromotionActivatedData, toMinorUnits } from '@parity/contracts';
import { SaleWindow } from './calendar';
import { CATEGORY_NAMES } from './catalog';
import { expandChannels } from './channels';
import { Random } from './random';
import { World } from './world';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Where promotions are advertised; globs as marketing writes them. */
const SCOPES: readonly (readonly string[])[] = [
  ['*'],
  ['eshop', 'app', 'contact-center', 'store/*'],
  ['eshop', 'app'],
  ['store/*'],
];

export interface RunningPromotion {
  readonly data: PromotionActivatedData;
  /** The channels that run it: its scope expanded over the known channels. */
  readonly channels: readonly string[];
}

/** A category promotion on up to a dozen SKUs, starting at the next full hour for 2 to 7 days. */
export function planPromotion(random: Random, world: World, number: number, now: number): RunningPromotion | undefined {
  const validFrom = Math.ceil(now / HOUR) * HOUR;
  return categoryPromotion(random, world, 'PROMO', number, () => ({
    from: new Date(validFrom).toISOString(),
    to: new Date(validFrom + random.int(2, 7) * DAY - 1000).toISOString(),
  }));
}

/** A category promotion valid for the whole sale, loaded ahead like the sale's prices. */
export function planSalePromotion(random: Random, world: World, number: number, sale: SaleWindow): RunningPromotion | undefined {
  return categoryPromotion(random, world, 'BF', number, () => ({ from: sale.from, to: sale.to }));
}

function categoryPromotion(
  random: Random,
  world: World,
  prefix: string,
  number: number,
  /** Drawn last, so the ordinary promotions of a seed stay what they were. */
  validity: () => { readonly from: string; readonly to: string },
): RunningPromotion | undefined {
  const category = random.pick(CATEGORY_NAMES);
  const candidates = world.products.filter((product) => product.category === category);
  if (candidates.length === 0) return undefined;
  const products = sample(random, candidates, random.int(1, 12));
  const cheapest = products.reduce((min, product) => {
    const price = toMinorUnits(product.basePrice);
    return price < min ? price : min;
  }, toMinorUnits(products[0]?.basePrice ?? '0'));
  const scope = [...random.pick(SCOPES)];
  const discount = discountFor(random, cheapest);
  const valid = validity();
  return {
    data: {
      promotionId: `${prefix}-${category.toUpperCase()}-${String(number).padStart(5, '0')}`,
      skus: products.map((product) => product.sku),
      discount,
      validFrom: valid.from,
      validTo: valid.to,
      scope,
    },
    channels: expandChannels(scope, world.channels),
  };
}

/** Mostly percent off; money off only where it stays a modest share of the cheapest price. */
function discountFor(random: Random, cheapestMinor: bigint): Discount {
  const off = random.pick(['50', '100', '200']);
  if (random.chance(0.25) && cheapestMinor >= toMinorUnits(off) * 10n) {
    return { kind: 'amount', value: off, currency: 'PLN' };
  }
  return { kind: 'percent', value: random.pick(['10', '15', '20', '25', '30']) };
}

/** `count` distinct items in a seeded order (a partial Fisher-Yates shuffle). */
function sample<T>(random: Random, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const taken: T[] = [];
  while (taken.length < count && pool.length > 0) {
    const index = random.int(0, pool.length - 1);
    const [item] = pool.splice(index, 1);
    if (item !== undefined) taken.push(item);
  }
  return taken;
}
