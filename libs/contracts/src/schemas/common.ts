import { Type } from '@sinclair/typebox';
import { ISO_4217_CODES, MONEY_AMOUNT_PATTERN } from '../money';

/**
 * `x-parity` marks a field whose failure has its own rejection reason (money, stock, time),
 * so a schema error can be told apart from a float price without a second validator.
 */
export type FieldKind = 'money' | 'currency' | 'stock-level' | 'time';

export const Identifier = (description: string) => Type.String({ minLength: 1, maxLength: 200, description });

export const MoneyAmount = (description: string) =>
  Type.String({ pattern: MONEY_AMOUNT_PATTERN, 'x-parity': 'money', description });

export const Currency = () =>
  Type.String({ enum: [...ISO_4217_CODES], 'x-parity': 'currency', description: 'ISO 4217 currency code' });

export const Timestamp = (description: string) =>
  Type.String({ format: 'date-time', 'x-parity': 'time', description });

/** A channel name or a glob over channels (`store/*`, `*`). */
export const ChannelList = (description: string) =>
  Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 10000, description });
