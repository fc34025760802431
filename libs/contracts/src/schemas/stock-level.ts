import { Static, Type } from '@sinclair/typebox';
import { Identifier } from './common';

export const StockLevelData = Type.Object(
  {
    sku: Identifier('the SKU'),
    location: Identifier('the location, e.g. store/WAW-012'),
    available: Type.Number({ minimum: 0, 'x-parity': 'stock-level', description: 'units available, never negative' }),
    fulfilment: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
        maxItems: 50,
        description: 'what the publishing channel offers for the location; missing: in-store only',
      }),
    ),
  },
  { $id: 'retail.stock.level.v1', title: 'The availability a channel shows for a SKU at a location' },
);

export type StockLevelData = Static<typeof StockLevelData>;
