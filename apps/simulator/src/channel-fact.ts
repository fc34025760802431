import {
  CHANNEL_TOPICS,
  EVENT_TYPES,
  PriceSetData,
  ProductUpsertedData,
  PromotionActivatedData,
  PromotionDeactivatedData,
  ReturnsPolicySetData,
  StockLevelData,
} from '@parity/contracts';
import { CloudEventAttributes } from '@parity/contracts/fixtures';

/**
 * What one channel states, before it gets an id and a time: the unit the traffic model plans,
 * queues and (in the scenario tool to come) alters to inject a dead end.
 */
export type ChannelFact =
  | { readonly type: typeof EVENT_TYPES.priceSet; readonly source: string; readonly data: PriceSetData }
  | { readonly type: typeof EVENT_TYPES.promotionActivated; readonly source: string; readonly data: PromotionActivatedData }
  | { readonly type: typeof EVENT_TYPES.promotionDeactivated; readonly source: string; readonly data: PromotionDeactivatedData }
  | { readonly type: typeof EVENT_TYPES.stockLevel; readonly source: string; readonly data: StockLevelData }
  | { readonly type: typeof EVENT_TYPES.returnsPolicySet; readonly source: string; readonly data: ReturnsPolicySetData }
  | { readonly type: typeof EVENT_TYPES.productUpserted; readonly source: string; readonly data: ProductUpsertedData };

/** A contract event ready for the wire: the topic and message key the contract gives its type. */
export interface TrafficEvent {
  readonly topic: string;
  readonly key: string;
  readonly cloudEvent: CloudEventAttributes;
}

interface Route {
  readonly topic: string;
  /** The SKU, promotion id or policy id: the message key and the `subject`. */
  readonly key: string;
  /** Facts with the same slot replace each other in a channel, so they must stay in order. */
  readonly slot: string;
}

export function routeOf(fact: ChannelFact): Route {
  switch (fact.type) {
    case EVENT_TYPES.priceSet:
      return { topic: CHANNEL_TOPICS.prices, key: fact.data.sku, slot: `${fact.source} price ${fact.data.sku}` };
    case EVENT_TYPES.promotionActivated:
    case EVENT_TYPES.promotionDeactivated:
      return {
        topic: CHANNEL_TOPICS.promotions,
        key: fact.data.promotionId,
        slot: `${fact.source} promotion ${fact.data.promotionId}`,
      };
    case EVENT_TYPES.stockLevel:
      return {
        topic: CHANNEL_TOPICS.stock,
        key: fact.data.sku,
        slot: `${fact.source} stock ${fact.data.sku}@${fact.data.location}`,
      };
    case EVENT_TYPES.returnsPolicySet:
      return {
        topic: CHANNEL_TOPICS.returnsPolicies,
        key: fact.data.policyId,
        slot: `${fact.source} returns-policy ${fact.data.policyId}`,
      };
    case EVENT_TYPES.productUpserted:
      return { topic: CHANNEL_TOPICS.products, key: fact.data.sku, slot: `${fact.source} product ${fact.data.sku}` };
    default: {
      const unhandled: never = fact;
      return unhandled;
    }
  }
}

/** The fact as a CloudEvent stated by its channel at `epochMs`. */
export function toTrafficEvent(fact: ChannelFact, id: string, epochMs: number): TrafficEvent {
  const { topic, key } = routeOf(fact);
  return {
    topic,
    key,
    cloudEvent: {
      specversion: '1.0',
      id,
      source: fact.source,
      type: fact.type,
      time: new Date(epochMs).toISOString(),
      subject: key,
      data: fact.data,
    },
  };
}
