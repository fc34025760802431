import { EVENT_TYPES } from '@parity/contracts';
import { LoggedEvent } from '../facts';

/**
 * Builders for rule specs that read as scenarios: given these channel events, at this time,
 * these findings. Times are ISO strings; ids are made unique per builder call.
 */
export const at = (iso: string): number => Date.parse(iso);

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${(counter += 1)}`;

interface Timing {
  /** When the channel stated it (event time). Default 2026-11-20T10:00:00Z. */
  readonly time?: string;
  readonly id?: string;
}

const DEFAULT_TIME = '2026-11-20T10:00:00Z';

function event(source: string, type: string, data: unknown, timing: Timing, prefix: string): LoggedEvent {
  return { source, id: timing.id ?? nextId(prefix), type, eventTime: at(timing.time ?? DEFAULT_TIME), data };
}

export function price(
  channel: string,
  sku: string,
  amount: string,
  options: Timing & { from?: string; to?: string; type?: 'regular' | 'clearance' | 'channel-exclusive'; currency?: string } = {},
): LoggedEvent {
  return event(
    channel,
    EVENT_TYPES.priceSet,
    {
      sku,
      amount,
      currency: options.currency ?? 'PLN',
      ...(options.from ? { effectiveFrom: options.from } : {}),
      ...(options.to ? { effectiveTo: options.to } : {}),
      ...(options.type ? { priceType: options.type } : {}),
    },
    options,
    'price',
  );
}

export function promotion(
  channel: string,
  promotionId: string,
  options: Timing & {
    skus?: string[];
    discount?: { kind: 'percent' | 'amount' | 'fixed-price'; value: string; currency?: string };
    from?: string;
    to?: string;
    scope?: string[];
  } = {},
): LoggedEvent {
  return event(
    channel,
    EVENT_TYPES.promotionActivated,
    {
      promotionId,
      skus: options.skus ?? ['SKU-1'],
      discount: options.discount ?? { kind: 'percent', value: '20' },
      ...(options.from ? { validFrom: options.from } : {}),
      ...(options.to ? { validTo: options.to } : {}),
      ...(options.scope ? { scope: options.scope } : {}),
    },
    options,
    'promo',
  );
}

/** A deactivation: of the whole promotion, or with `skus` of those SKUs only. */
export function promotionEnded(channel: string, promotionId: string, options: Timing & { skus?: string[] } = {}): LoggedEvent {
  return event(channel, EVENT_TYPES.promotionDeactivated, { promotionId, ...(options.skus ? { skus: options.skus } : {}) }, options, 'promo-end');
}

export function stock(
  channel: string,
  sku: string,
  location: string,
  available: number,
  options: Timing & { fulfilment?: string[] } = {},
): LoggedEvent {
  return event(channel, EVENT_TYPES.stockLevel, { sku, location, available, ...(options.fulfilment ? { fulfilment: options.fulfilment } : {}) }, options, 'stock');
}

export function returnsPolicy(
  channel: string,
  policyId: string,
  options: Timing & {
    categories?: string[];
    skus?: string[];
    days?: number;
    receiptRequired?: boolean;
    refundMethods?: string[];
    acceptsReturnsOf?: string[];
    returnableAt?: string[];
  } = {},
): LoggedEvent {
  return event(
    channel,
    EVENT_TYPES.returnsPolicySet,
    {
      policyId,
      ...(options.categories || options.skus ? { appliesTo: { categories: options.categories ?? [], skus: options.skus ?? [] } } : {}),
      returnWindowDays: options.days ?? 30,
      ...(options.receiptRequired === undefined ? {} : { receiptRequired: options.receiptRequired }),
      ...(options.refundMethods ? { refundMethods: options.refundMethods } : {}),
      ...(options.acceptsReturnsOf ? { acceptsReturnsOf: options.acceptsReturnsOf } : {}),
      ...(options.returnableAt ? { returnableAt: options.returnableAt } : {}),
    },
    options,
    'returns',
  );
}

export function product(channel: string, sku: string, options: Timing & { category?: string; channels?: string[] } = {}): LoggedEvent {
  return event(
    channel,
    EVENT_TYPES.productUpserted,
    { sku, ...(options.category ? { category: options.category } : {}), ...(options.channels ? { channels: options.channels } : {}) },
    options,
    'product',
  );
}
