import { Static, Type } from '@sinclair/typebox';
import { ChannelList, Identifier } from './common';

export const ReturnsPolicySetData = Type.Object(
  {
    policyId: Identifier('the policy id'),
    appliesTo: Type.Optional(
      Type.Object(
        {
          categories: Type.Optional(Type.Array(Identifier('a category'), { maxItems: 10000 })),
          skus: Type.Optional(Type.Array(Identifier('a SKU'), { maxItems: 100000 })),
        },
        { description: 'empty or missing: every product' },
      ),
    ),
    returnWindowDays: Type.Integer({ minimum: 0, maximum: 3650 }),
    receiptRequired: Type.Optional(Type.Boolean()),
    refundMethods: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
    acceptsReturnsOf: Type.Optional(ChannelList('channels whose purchases this channel takes back; missing: only its own')),
    returnableAt: Type.Optional(ChannelList('where this channel promises its purchases may be returned; missing: only at itself')),
  },
  { $id: 'retail.returns-policy.set.v1', title: 'The returns rules a channel applies' },
);

export type ReturnsPolicySetData = Static<typeof ReturnsPolicySetData>;
