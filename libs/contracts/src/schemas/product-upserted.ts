import { Static, Type } from '@sinclair/typebox';
import { ChannelList, Identifier } from './common';

export const ProductUpsertedData = Type.Object(
  {
    sku: Identifier('the SKU'),
    name: Type.Optional(Type.String({ maxLength: 1000 })),
    category: Type.Optional(Identifier('the category')),
    channels: Type.Optional(ChannelList('where the product is meant to be sold (assortment)')),
  },
  { $id: 'retail.product.upserted.v1', title: 'Catalog facts about a product' },
);

export type ProductUpsertedData = Static<typeof ProductUpsertedData>;
