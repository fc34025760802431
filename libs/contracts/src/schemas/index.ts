import { TSchema } from '@sinclair/typebox';
import { ChannelEventType, EVENT_TYPES } from '../event-types';
import { PriceSetData } from './price-set';
import { ProductUpsertedData } from './product-upserted';
import { PromotionActivatedData, PromotionDeactivatedData } from './promotion';
import { ReturnsPolicySetData } from './returns-policy-set';
import { StockLevelData } from './stock-level';

export * from './price-set';
export * from './product-upserted';
export * from './promotion';
export * from './returns-policy-set';
export * from './stock-level';
export type { FieldKind } from './common';

/** One schema per event type: the validator uses these, and docs/asyncapi.yaml publishes them. */
export const DATA_SCHEMAS: Readonly<Record<ChannelEventType, TSchema>> = {
  [EVENT_TYPES.priceSet]: PriceSetData,
  [EVENT_TYPES.promotionActivated]: PromotionActivatedData,
  [EVENT_TYPES.promotionDeactivated]: PromotionDeactivatedData,
  [EVENT_TYPES.stockLevel]: StockLevelData,
  [EVENT_TYPES.returnsPolicySet]: ReturnsPolicySetData,
  [EVENT_TYPES.productUpserted]: ProductUpsertedData,
};

/** The schemas as plain JSON Schema documents (TypeBox's symbol keys removed). */
export function dataJsonSchemas(): Record<ChannelEventType, Record<string, unknown>> {
  return JSON.parse(JSON.stringify(DATA_SCHEMAS)) as Record<ChannelEventType, Record<string, unknown>>;
}
