import { Static, Type } from '@sinclair/typebox';
import { ChannelList, Currency, Identifier, MoneyAmount, Timestamp } from './common';

export const Discount = Type.Object(
  {
    kind: Type.Union([Type.Literal('percent'), Type.Literal('amount'), Type.Literal('fixed-price')]),
    value: MoneyAmount('percent off, money off, or the fixed price, as a decimal string'),
    currency: Type.Optional(Currency()),
  },
  { description: 'amount and fixed-price need a currency' },
);

export const PromotionActivatedData = Type.Object(
  {
    promotionId: Identifier('the promotion id'),
    skus: Type.Array(Identifier('a SKU'), { maxItems: 100000 }),
    discount: Discount,
    validFrom: Type.Optional(Timestamp('start of the promotion; default: the event time')),
    validTo: Type.Optional(Timestamp('end of the promotion; default: open')),
    scope: Type.Optional(ChannelList('channels where the promotion is advertised as valid; missing: every channel')),
  },
  { $id: 'retail.promotion.activated.v1', title: 'A promotion a channel runs' },
);

export const PromotionDeactivatedData = Type.Object(
  {
    promotionId: Identifier('the promotion id'),
    skus: Type.Optional(Type.Array(Identifier('a SKU'), { maxItems: 100000 })),
  },
  { $id: 'retail.promotion.deactivated.v1', title: 'A promotion a channel stops running' },
);

export type Discount = Static<typeof Discount>;
export type PromotionActivatedData = Static<typeof PromotionActivatedData>;
export type PromotionDeactivatedData = Static<typeof PromotionDeactivatedData>;
