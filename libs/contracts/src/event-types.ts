/** The inbound event types of contract version 1. */
export const EVENT_TYPES = {
  priceSet: 'retail.price.set.v1',
  promotionActivated: 'retail.promotion.activated.v1',
  promotionDeactivated: 'retail.promotion.deactivated.v1',
  stockLevel: 'retail.stock.level.v1',
  returnsPolicySet: 'retail.returns-policy.set.v1',
  productUpserted: 'retail.product.upserted.v1',
} as const;

export type ChannelEventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

export const CHANNEL_EVENT_TYPES: readonly ChannelEventType[] = Object.values(EVENT_TYPES);

export function isChannelEventType(type: string): type is ChannelEventType {
  return (CHANNEL_EVENT_TYPES as readonly string[]).includes(type);
}

/** The outbound finding events on parity.findings.v1. */
export const FINDING_EVENT_TYPES = {
  opened: 'parity.finding.opened.v1',
  updated: 'parity.finding.updated.v1',
  resolved: 'parity.finding.resolved.v1',
} as const;
