import { RuleId } from '@parity/rules';
import { SaleWindow } from './calendar';
import { CATEGORY_NAMES, Product } from './catalog';
import { ChannelFact } from './channel-fact';
import { expandChannels } from './channels';
import { ExpectedDeadEnd, SubjectKind } from './ground-truth';
import { Random } from './random';
import { World } from './world';

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** A fact a channel states at a given simulated time. */
export interface TimedFact {
  readonly at: number;
  readonly fact: ChannelFact;
}

/**
 * One labelled alteration of the channels' consistent story: a dead end (with the findings it
 * must produce) or an intended difference (with none: flagging it is a false positive).
 */
export interface Injection {
  /** "<kind> <subject>", unique in a scenario, e.g. "stale-contact-center-price SKU-00042". */
  readonly label: string;
  readonly description: string;
  readonly facts: readonly TimedFact[];
  readonly expected: readonly ExpectedDeadEnd[];
}

/** What an injection is planned from: the world, the timeline, and subjects nobody else uses. */
export interface InjectionContext {
  readonly world: World;
  readonly sale: SaleWindow;
  readonly start: number;
  /** The scoring time. */
  readonly end: number;
  /** A random time at which a change can be made and still be settled well before the end. */
  at(): number;
  /** A product no other injection uses and the ordinary traffic leaves alone. */
  product(fits?: (product: Product) => boolean): Product | undefined;
  /** A category no other returns injection uses: policies are compared per category. */
  category(): string | undefined;
  store(): string;
  /** A promotion id of its own, beyond the ordinary traffic's numbers. */
  promotionId(category: string, sale: boolean): string;
  readonly random: Random;
}

/** Injections stop this long before the ordinary traffic does, so they are settled too. */
const MARGIN = 15 * MINUTE;

export function injectionContext(
  world: World,
  timeline: { readonly start: number; readonly end: number; readonly settleMs: number; readonly sale: SaleWindow },
  random: Random,
): InjectionContext & { readonly reserved: ReadonlySet<string> } {
  const reserved = new Set<string>();
  const categories = new Set<string>();
  let promotions = 0;
  const latest = timeline.end - timeline.settleMs - MARGIN;
  return {
    world,
    sale: timeline.sale,
    start: timeline.start,
    end: timeline.end,
    random,
    reserved,
    at: () => random.int(timeline.start + MARGIN, latest),
    product(fits = () => true) {
      const candidates = world.products.filter((product) => !reserved.has(product.sku) && fits(product));
      if (candidates.length === 0) return undefined;
      const product = random.pick(candidates);
      reserved.add(product.sku);
      return product;
    },
    category() {
      const free = CATEGORY_NAMES.filter((category) => !categories.has(category));
      if (free.length === 0) return undefined;
      const category = random.pick(free);
      categories.add(category);
      return category;
    },
    store: () => random.pick(world.stores).channel,
    promotionId: (category, sale) => `${sale ? 'BF' : 'PROMO'}-${category.toUpperCase()}-${String(90_000 + ++promotions)}`,
  };
}

/** The channels a product is sold in, in the world's order (e-shop first). */
export function channelsOf(world: World, product: Product): string[] {
  return expandChannels(product.channels, world.channels);
}

export function isStore(channel: string): boolean {
  return channel.startsWith('store/');
}

/** The same fact stated by several channels a few seconds apart, the first one at `at`. */
export function statedBy(channels: readonly string[], at: number, fact: (source: string) => ChannelFact, gapMs = 3 * SECOND): TimedFact[] {
  return channels.map((source, index) => ({ at: at + index * gapMs, fact: fact(source) }));
}

export function deadEnd(
  injection: string,
  rule: RuleId,
  subject: { readonly kind: SubjectKind; readonly id: string },
  channels: readonly string[],
  impactAt: number,
  scheduled: boolean,
): ExpectedDeadEnd {
  return { rule, subject, channels: [...channels].sort(), scheduled, impactAt: new Date(impactAt).toISOString(), injection };
}
