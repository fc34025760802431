import { EVENT_TYPES } from './event-types';
import {
  PriceSetData,
  ProductUpsertedData,
  PromotionActivatedData,
  PromotionDeactivatedData,
  ReturnsPolicySetData,
  StockLevelData,
} from './schemas';

interface Envelope<T extends string, D> {
  readonly type: T;
  readonly id: string;
  /** The channel that states the fact: eshop, app, contact-center, store/<id>, ... */
  readonly source: string;
  readonly subject: string | undefined;
  /** The `time` attribute as sent. */
  readonly time: string;
  /** Event time in epoch milliseconds: when the fact became true in the channel. */
  readonly eventTime: number;
  readonly data: D;
  /** `data` as compact JSON: the exact text the log stores and hashes. */
  readonly dataJson: string;
}

export type PriceSet = Envelope<typeof EVENT_TYPES.priceSet, PriceSetData>;
export type PromotionActivated = Envelope<typeof EVENT_TYPES.promotionActivated, PromotionActivatedData>;
export type PromotionDeactivated = Envelope<typeof EVENT_TYPES.promotionDeactivated, PromotionDeactivatedData>;
export type StockLevel = Envelope<typeof EVENT_TYPES.stockLevel, StockLevelData>;
export type ReturnsPolicySet = Envelope<typeof EVENT_TYPES.returnsPolicySet, ReturnsPolicySetData>;
export type ProductUpserted = Envelope<typeof EVENT_TYPES.productUpserted, ProductUpsertedData>;

/** A validated channel event of the contract, discriminated by `type`. */
export type ChannelEvent =
  | PriceSet
  | PromotionActivated
  | PromotionDeactivated
  | StockLevel
  | ReturnsPolicySet
  | ProductUpserted;

/**
 * What the event is a fact about, within its channel: a later fact with the same key replaces an
 * earlier one (by event time). Activation and deactivation of a promotion share a key.
 */
export function factKey(event: ChannelEvent): string {
  switch (event.type) {
    case EVENT_TYPES.priceSet:
      return `price:${event.data.sku}`;
    case EVENT_TYPES.promotionActivated:
    case EVENT_TYPES.promotionDeactivated:
      return `promotion:${event.data.promotionId}`;
    case EVENT_TYPES.stockLevel:
      return `stock:${event.data.sku}@${event.data.location}`;
    case EVENT_TYPES.returnsPolicySet:
      return `returns-policy:${event.data.policyId}`;
    case EVENT_TYPES.productUpserted:
      return `product:${event.data.sku}`;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

/** The SKU, promotion id or policy id the data is about: what `subject` must equal when present. */
export function dataSubject(event: ChannelEvent): string {
  switch (event.type) {
    case EVENT_TYPES.priceSet:
    case EVENT_TYPES.stockLevel:
    case EVENT_TYPES.productUpserted:
      return event.data.sku;
    case EVENT_TYPES.promotionActivated:
    case EVENT_TYPES.promotionDeactivated:
      return event.data.promotionId;
    case EVENT_TYPES.returnsPolicySet:
      return event.data.policyId;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}
