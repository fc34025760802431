import { Static, Type } from '@sinclair/typebox';
import { Currency, Identifier, MoneyAmount, Timestamp } from './common';

export const PriceSetData = Type.Object(
  {
    sku: Identifier('the SKU'),
    amount: MoneyAmount('price shown to customers, decimal string, at most 4 decimals'),
    currency: Currency(),
    effectiveFrom: Type.Optional(Timestamp('start of the price; default: the event time')),
    effectiveTo: Type.Optional(Timestamp('end of the price; default: open')),
    priceType: Type.Optional(
      Type.Union([Type.Literal('regular'), Type.Literal('clearance'), Type.Literal('channel-exclusive')], {
        description: 'regular (default), clearance, or channel-exclusive (an intended difference)',
      }),
    ),
  },
  { $id: 'retail.price.set.v1', title: 'The price a channel shows for a SKU' },
);

export type PriceSetData = Static<typeof PriceSetData>;
