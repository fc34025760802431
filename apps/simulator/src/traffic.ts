import { EVENT_TYPES, PriceSetData } from '@parity/contracts';
import { nextBlackFriday, SaleWindow } from './calendar';
import { Product } from './catalog';
import { ChannelFact, routeOf, TrafficEvent, toTrafficEvent } from './channel-fact';
import { expandChannels } from './channels';
import { DueQueue } from './due-queue';
import { changedBy } from './pricing';
import { planPromotion, planSalePromotion, RunningPromotion } from './promotions';
import { Random, seededRandom } from './random';
import { returnsPolicyOf } from './returns-policies';
import { createWorld, World } from './world';

export interface TrafficOptions {
  readonly seed: number;
  readonly skus: number;
  readonly stores: number;
  /** Part of every event id, so a restarted simulator never reuses an id (same source and id is one event). */
  readonly runId: string;
  /** A world made beforehand: a scenario picks the subjects of its dead ends from it first. */
  readonly world?: World;
  /** SKUs a scenario keeps for its injected dead ends: stated in the opening feed, then left alone. */
  readonly reserved?: ReadonlySet<string>;
  /** The sale Black Friday prices and promotions are loaded for; default: the next Black Friday. */
  readonly sale?: SaleWindow;
  /** How often each kind of change happens; default: an ordinary day. */
  readonly mix?: TrafficMix;
}

export type Action =
  | 'store-stock-changed'
  | 'price-confirmed'
  | 'price-changed'
  | 'black-friday-price-scheduled'
  | 'app-exclusive-price'
  | 'promotion-changed'
  | 'black-friday-promotion-scheduled'
  | 'returns-policy-confirmed';
export type TrafficMix = Readonly<Record<Action, number>>;

/**
 * An ordinary day; price changes and promotions fan out to many channels. A zero weight in the
 * middle leaves the draws of the others as they were, so a seed keeps giving the same traffic.
 */
export const ORDINARY_MIX: TrafficMix = {
  'store-stock-changed': 48,
  'price-confirmed': 40,
  'price-changed': 3,
  'black-friday-price-scheduled': 1,
  'app-exclusive-price': 1,
  'promotion-changed': 1,
  'black-friday-promotion-scheduled': 0,
  'returns-policy-confirmed': 0.5,
};

/** The days before the sale: merchandisers load Black Friday prices and promotions in bulk. */
export const BLACK_FRIDAY_MIX: TrafficMix = {
  'store-stock-changed': 44,
  'price-confirmed': 30,
  'price-changed': 2,
  'black-friday-price-scheduled': 12,
  'app-exclusive-price': 1,
  'promotion-changed': 1,
  'black-friday-promotion-scheduled': 2,
  'returns-policy-confirmed': 0.5,
};

const SECOND = 1000;
const DAY = 86_400_000;
const STOCK_VIEWERS = ['eshop', 'app'] as const;
const MAX_ACTIVE_PROMOTIONS = 8;
const MAX_SALE_PROMOTIONS = 24;

/**
 * The traffic model: channels that mostly agree, publishing prices, stock, promotions and policies
 * over time. Deterministic: the same options and the same sequence of `now` values give the same
 * events. A change starts in one channel and reaches the others after a short, per-channel delay.
 */
export class Traffic {
  readonly world: World;
  private readonly random: Random;
  /** The products the traffic changes: all but the reserved ones. */
  private readonly products: readonly Product[];
  private readonly storeProducts: readonly Product[];
  private readonly pending = new DueQueue<ChannelFact>();
  /** Latest due time per fact slot, so facts replacing each other in a channel keep their order. */
  private readonly lastDue = new Map<string, number>();
  private readonly shownPrices = new Map<string, string>();
  private readonly storeStock = new Map<string, number>();
  private readonly promotions: RunningPromotion[] = [];
  private salePromotions = 0;
  private readonly blackFridayScheduled = new Set<string>();
  private readonly assortment = new Map<string, readonly string[]>();
  private published = 0;
  private promotionsPlanned = 0;

  constructor(private readonly options: TrafficOptions) {
    this.random = seededRandom(options.seed);
    this.world = options.world ?? createWorld(this.random, options);
    const reserved = options.reserved ?? new Set<string>();
    this.products = this.world.products.filter((product) => !reserved.has(product.sku));
    this.storeProducts = this.world.storeProducts.filter((product) => !reserved.has(product.sku));
  }

  /**
   * The bulk feed at start: each channel's opening prices and returns policy, then the catalog.
   * Prices first: a catalog that says where a product is sold, read before those channels' prices,
   * is an assortment gap in every one of them until the prices arrive (thousands of findings
   * opening and resolving in the first seconds of `npm start`).
   */
  opening(now: number): TrafficEvent[] {
    for (const product of this.world.products) {
      for (const channel of this.channelsOf(product)) {
        const data = { sku: product.sku, amount: product.basePrice, currency: 'PLN', priceType: 'regular' as const };
        this.schedule({ type: EVENT_TYPES.priceSet, source: channel, data }, now);
      }
    }
    for (const channel of this.world.channels) {
      this.schedule({ type: EVENT_TYPES.returnsPolicySet, source: channel, data: returnsPolicyOf(channel) }, now);
    }
    for (const product of this.world.products) {
      const { sku, name, category, channels } = product;
      this.schedule({ type: EVENT_TYPES.productUpserted, source: 'eshop', data: { sku, name, category, channels: [...channels] } }, now);
    }
    const events: TrafficEvent[] = [];
    for (let due = this.pending.popDue(now); due; due = this.pending.popDue(now)) events.push(this.publish(due.item, due.dueAt));
    return events;
  }

  /** The next event at `now`: a propagation that has come due, otherwise a new change somewhere. */
  next(now: number): TrafficEvent {
    for (let attempt = 0; attempt < 10_000; attempt += 1) {
      const due = this.pending.popDue(now);
      if (due) return this.publish(due.item, due.dueAt);
      this.decide(this.random.weighted(this.options.mix ?? ORDINARY_MIX), now);
    }
    throw new Error(`the traffic model planned nothing due at ${new Date(now).toISOString()} in 10000 decisions`);
  }

  /** Only what has come due at `now`, no new change: lets every channel catch up before a scoring. */
  settle(now: number): TrafficEvent[] {
    const events: TrafficEvent[] = [];
    for (let due = this.pending.popDue(now); due; due = this.pending.popDue(now)) events.push(this.publish(due.item, due.dueAt));
    return events;
  }

  /** Changes planned and not yet stated by every channel. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** Plans one change; some decisions plan nothing (a slot still busy), the caller just decides again. */
  private decide(action: Action, now: number): void {
    switch (action) {
      case 'store-stock-changed':
        return this.storeStockChanged(now);
      case 'price-confirmed':
        return this.priceConfirmed(now);
      case 'price-changed':
        return this.priceChanged(now);
      case 'black-friday-price-scheduled':
        return this.blackFridayPriceScheduled(now);
      case 'app-exclusive-price':
        return this.appExclusivePrice(now);
      case 'promotion-changed':
        return this.promotionChanged(now);
      case 'black-friday-promotion-scheduled':
        return this.salePromotionScheduled(now);
      case 'returns-policy-confirmed': {
        const channel = this.random.pick(this.world.channels);
        return this.scheduleIfFree({ type: EVENT_TYPES.returnsPolicySet, source: channel, data: returnsPolicyOf(channel) }, now);
      }
      default: {
        const unhandled: never = action;
        return unhandled;
      }
    }
  }

  /** The store states its own stock (it is authoritative); e-shop and app follow with their pickup view. */
  private storeStockChanged(now: number): void {
    if (this.storeProducts.length === 0 || this.world.stores.length === 0) return;
    const { sku } = this.random.pick(this.storeProducts);
    const location = this.random.pick(this.world.stores).channel;
    const known = this.storeStock.get(`${location} ${sku}`);
    const restock = known !== undefined && this.random.chance(known === 0 ? 0.5 : 0.15);
    const available =
      known === undefined ? this.random.int(0, 12) : restock ? known + this.random.int(5, 20) : Math.max(0, known - this.random.int(1, 3));
    this.storeStock.set(`${location} ${sku}`, available);
    const inStore = available > 0 ? ['in-store', 'click-and-collect'] : [];
    this.schedule({ type: EVENT_TYPES.stockLevel, source: location, data: { sku, location, available, fulfilment: inStore } }, now);
    for (const viewer of STOCK_VIEWERS) {
      const fulfilment = available > 0 ? ['click-and-collect'] : [];
      const data = { sku, location, available, fulfilment };
      this.schedule({ type: EVENT_TYPES.stockLevel, source: viewer, data }, now + this.random.int(SECOND, 10 * SECOND));
    }
  }

  /** A channel restates the price it shows, unchanged: most price traffic is confirmation. */
  private priceConfirmed(now: number): void {
    if (this.products.length === 0) return;
    const product = this.random.pick(this.products);
    const channel = this.random.pick(this.channelsOf(product));
    const amount = this.shownPrices.get(`${channel} ${product.sku}`) ?? product.basePrice;
    this.scheduleIfFree({ type: EVENT_TYPES.priceSet, source: channel, data: { sku: product.sku, amount, currency: 'PLN' } }, now);
  }

  /** A new list price, set in the e-shop first and picked up by every other channel shortly after. */
  private priceChanged(now: number): void {
    if (this.products.length === 0) return;
    const product = this.random.pick(this.products);
    const amount = changedBy(product.basePrice, this.random.pick([-25, -20, -15, -10, -5, 0, 5, 10]));
    this.propagate(product, { sku: product.sku, amount, currency: 'PLN', priceType: 'regular' }, now);
  }

  /** A Black Friday price loaded days ahead: known to Parity long before customers see it. */
  private blackFridayPriceScheduled(now: number): void {
    if (this.products.length === 0) return;
    const product = this.random.pick(this.products);
    if (this.blackFridayScheduled.has(product.sku)) return;
    this.blackFridayScheduled.add(product.sku);
    const window = this.options.sale ?? nextBlackFriday(now);
    const amount = changedBy(product.basePrice, -this.random.pick([15, 20, 25, 30, 40]));
    this.propagate(product, { sku: product.sku, amount, currency: 'PLN', effectiveFrom: window.from, effectiveTo: window.to }, now);
  }

  /** An app-only price for a day: an intended difference the contract says is no dead end. */
  private appExclusivePrice(now: number): void {
    if (this.products.length === 0) return;
    const product = this.random.pick(this.products);
    const amount = changedBy(this.shownPrices.get(`app ${product.sku}`) ?? product.basePrice, -5);
    const effectiveFrom = new Date(now).toISOString();
    const effectiveTo = new Date(now + DAY).toISOString();
    const data = { sku: product.sku, amount, currency: 'PLN', effectiveFrom, effectiveTo, priceType: 'channel-exclusive' as const };
    this.scheduleIfFree({ type: EVENT_TYPES.priceSet, source: 'app', data }, now);
  }

  private promotionChanged(now: number): void {
    const activate =
      this.promotions.length < 2 || (this.promotions.length < MAX_ACTIVE_PROMOTIONS && this.random.chance(0.55));
    if (activate) {
      const promotion = planPromotion(this.random, this.world, ++this.promotionsPlanned, now);
      if (!promotion) return;
      this.promotions.push(promotion);
      this.fanOut(promotion.channels, (source) => ({ type: EVENT_TYPES.promotionActivated, source, data: promotion.data }), now);
      return;
    }
    const [ended] = this.promotions.splice(this.random.int(0, this.promotions.length - 1), 1);
    if (!ended) return;
    const data = { promotionId: ended.data.promotionId, skus: ended.data.skus };
    this.fanOut(ended.channels, (source) => ({ type: EVENT_TYPES.promotionDeactivated, source, data }), now);
  }

  /** A promotion for the sale, loaded ahead in every channel of its scope; it runs until the sale ends. */
  private salePromotionScheduled(now: number): void {
    if (this.salePromotions >= MAX_SALE_PROMOTIONS) return;
    const sale = this.options.sale ?? nextBlackFriday(now);
    const promotion = planSalePromotion(this.random, this.world, ++this.salePromotions, sale);
    if (!promotion) return;
    this.fanOut(promotion.channels, (source) => ({ type: EVENT_TYPES.promotionActivated, source, data: promotion.data }), now);
  }

  private propagate(product: Product, data: PriceSetData, now: number): void {
    for (const channel of this.channelsOf(product)) {
      const delay = channel === 'eshop' ? 0 : this.propagationDelay(channel);
      this.schedule({ type: EVENT_TYPES.priceSet, source: channel, data }, now + delay);
    }
  }

  /** The first channel states it now, the others within half a minute. */
  private fanOut(channels: readonly string[], fact: (source: string) => ChannelFact, now: number): void {
    channels.forEach((channel, index) => {
      this.schedule(fact(channel), index === 0 ? now : now + this.random.int(0, 30 * SECOND));
    });
  }

  /** How long a channel's own pipeline takes to pick up a change: the CRM is the slowest. */
  private propagationDelay(channel: string): number {
    if (channel === 'app') return this.random.int(SECOND, 5 * SECOND);
    if (channel === 'contact-center') return this.random.int(10 * SECOND, 60 * SECOND);
    return this.random.int(2 * SECOND, 30 * SECOND);
  }

  /** The channels selling a product; expanded once per SKU, as glob matching is the hot spot. */
  private channelsOf(product: Product): readonly string[] {
    let channels = this.assortment.get(product.sku);
    if (!channels) {
      channels = expandChannels(product.channels, this.world.channels);
      this.assortment.set(product.sku, channels);
    }
    return channels;
  }

  /** Restating a fact while a change to it is still on its way would undo the change: skip then. */
  private scheduleIfFree(fact: ChannelFact, now: number): void {
    const last = this.lastDue.get(routeOf(fact).slot);
    if (last === undefined || last <= now) this.schedule(fact, now);
  }

  private schedule(fact: ChannelFact, at: number): void {
    const { slot } = routeOf(fact);
    const last = this.lastDue.get(slot);
    const dueAt = last !== undefined && last >= at ? last + 1 : at;
    this.lastDue.set(slot, dueAt);
    this.pending.push(dueAt, fact);
  }

  private publish(fact: ChannelFact, at: number): TrafficEvent {
    this.published += 1;
    if (fact.type === EVENT_TYPES.priceSet && fact.data.effectiveFrom === undefined && fact.data.priceType !== 'channel-exclusive') {
      this.shownPrices.set(`${fact.source} ${fact.data.sku}`, fact.data.amount);
    }
    return toTrafficEvent(fact, `${this.options.runId}-${this.published}`, at);
  }
}
