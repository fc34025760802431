import {
  EVENT_TYPES,
  parseRfc3339,
  PriceSetData,
  ProductUpsertedData,
  PromotionActivatedData,
  PromotionDeactivatedData,
  ReturnsPolicySetData,
  StockLevelData,
} from '@parity/contracts';
import { Channel } from './channels';
import { Evidence } from './evidence';
import { OPEN_END, PriceFact, PriceType } from './price-fact';
import { OWN_WORDS, Vocabulary } from './vocabulary';

export { Evidence, OPEN_END, PriceFact, PriceType };

/** An event of the log, as the engine reads it: data already validated at ingest. */
export interface LoggedEvent {
  readonly source: string;
  readonly id: string;
  readonly type: string;
  /** Epoch ms: when the fact became true in the channel. */
  readonly eventTime: number;
  readonly data: unknown;
}

interface FactBase {
  readonly channel: Channel;
  readonly eventTime: number;
  readonly evidence: Evidence;
}

export interface PromotionFact extends FactBase {
  readonly kind: 'promotion';
  readonly promotionId: string;
  readonly active: boolean;
  readonly skus: readonly string[];
  readonly discount: { readonly kind: string; readonly value: string; readonly currency: string | undefined } | undefined;
  readonly validFrom: number;
  readonly validTo: number;
  /** Channels (and globs) where the promotion is advertised as valid. */
  readonly scope: readonly string[];
}

export interface StockFact extends FactBase {
  readonly kind: 'stock';
  readonly sku: string;
  readonly location: Channel;
  readonly available: number;
  readonly fulfilment: readonly string[];
}

export interface ReturnsPolicyFact extends FactBase {
  readonly kind: 'returns-policy';
  readonly policyId: string;
  readonly categories: readonly string[];
  readonly skus: readonly string[];
  readonly returnWindowDays: number;
  readonly receiptRequired: boolean | undefined;
  readonly refundMethods: readonly string[] | undefined;
  readonly acceptsReturnsOf: readonly string[];
  readonly returnableAt: readonly string[];
}

export interface ProductFact extends FactBase {
  readonly kind: 'product';
  readonly sku: string;
  readonly category: string | undefined;
  /** Where the product is meant to be sold; undefined: not stated. */
  readonly assortment: readonly string[] | undefined;
}

export type Fact = PriceFact | PromotionFact | StockFact | ReturnsPolicyFact | ProductFact;

/**
 * Reads a logged event as a fact; `undefined` for event types the rules do not use. With a
 * vocabulary, the strings and amounts facts repeat are shared (see Vocabulary).
 * A price is a PriceFact (see there: the compact one); every other fact is one object literal
 * with its fields in a fixed order, never `{ ...base, ... }`: V8 gives every object built by
 * spread-then-add a hidden class of its own (~400 bytes each), and the projection holds millions.
 */
export function factOf(event: LoggedEvent, vocabulary: Pick<Vocabulary, 'word' | 'money'> = OWN_WORDS): Fact | undefined {
  const channel = vocabulary.word(event.source);
  const eventTime = event.eventTime;
  if (event.type === EVENT_TYPES.priceSet) {
    const data = event.data as PriceSetData;
    const from = time(data.effectiveFrom);
    return new PriceFact(
      channel,
      eventTime,
      event.id,
      vocabulary.word(data.sku),
      vocabulary.money(data.amount, data.currency),
      data.priceType === undefined ? 'regular' : (vocabulary.word(data.priceType) as PriceType),
      from === eventTime ? undefined : from,
      time(data.effectiveTo),
      undefined,
    );
  }
  const evidence: Evidence = { source: channel, id: event.id };
  switch (event.type) {
    case EVENT_TYPES.promotionActivated: {
      const data = event.data as PromotionActivatedData;
      return {
        channel,
        eventTime,
        evidence,
        kind: 'promotion',
        promotionId: data.promotionId,
        active: true,
        skus: [...data.skus].sort(),
        discount: { kind: data.discount.kind, value: data.discount.value, currency: data.discount.currency },
        validFrom: time(data.validFrom) ?? eventTime,
        validTo: time(data.validTo) ?? OPEN_END,
        scope: data.scope ?? ['*'],
      };
    }
    case EVENT_TYPES.promotionDeactivated: {
      const data = event.data as PromotionDeactivatedData;
      return {
        channel,
        eventTime,
        evidence,
        kind: 'promotion',
        promotionId: data.promotionId,
        active: false,
        skus: [...(data.skus ?? [])].sort(),
        discount: undefined,
        validFrom: eventTime,
        validTo: eventTime,
        scope: [],
      };
    }
    case EVENT_TYPES.stockLevel: {
      const data = event.data as StockLevelData;
      return { channel, eventTime, evidence, kind: 'stock', sku: data.sku, location: data.location, available: data.available, fulfilment: data.fulfilment ?? ['in-store'] };
    }
    case EVENT_TYPES.returnsPolicySet: {
      const data = event.data as ReturnsPolicySetData;
      return {
        channel,
        eventTime,
        evidence,
        kind: 'returns-policy',
        policyId: data.policyId,
        categories: [...(data.appliesTo?.categories ?? [])].sort(),
        skus: [...(data.appliesTo?.skus ?? [])].sort(),
        returnWindowDays: data.returnWindowDays,
        receiptRequired: data.receiptRequired,
        refundMethods: data.refundMethods ? [...data.refundMethods].sort() : undefined,
        acceptsReturnsOf: data.acceptsReturnsOf ?? [event.source],
        returnableAt: data.returnableAt ?? [event.source],
      };
    }
    case EVENT_TYPES.productUpserted: {
      const data = event.data as ProductUpsertedData;
      return { channel, eventTime, evidence, kind: 'product', sku: data.sku, category: data.category, assortment: data.channels };
    }
    default:
      return undefined;
  }
}

/** Epoch ms of a validated RFC 3339 string, read as ingest validated it (a leap second too). */
function time(value: string | undefined): number | undefined {
  return value === undefined ? undefined : parseRfc3339(value);
}

/**
 * The order in which facts of one channel about one thing supersede each other: event time, then
 * id. Content only, so every arrival order gives the same winner.
 */
export function isNewer(candidate: FactBase, current: FactBase | undefined): boolean {
  if (!current) return true;
  if (candidate.eventTime !== current.eventTime) return candidate.eventTime > current.eventTime;
  return candidate.evidence.id > current.evidence.id;
}
