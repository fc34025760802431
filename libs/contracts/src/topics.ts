/** Kafka topic names of the event contract (shared/contract/events.md). */
export const CHANNEL_TOPICS = {
  prices: 'retail.prices.v1',
  promotions: 'retail.promotions.v1',
  stock: 'retail.stock.v1',
  returnsPolicies: 'retail.returns-policies.v1',
  products: 'retail.products.v1',
} as const;

export const INBOUND_TOPICS: readonly string[] = Object.values(CHANNEL_TOPICS);

export const FINDINGS_TOPIC = 'parity.findings.v1';
export const DEAD_LETTER_TOPIC = 'parity.dead-letter.v1';
