import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { ChannelEventType, CHANNEL_EVENT_TYPES, EVENT_TYPES } from './event-types';
import { toMinorUnits } from './money';
import { Rejection, reject, RejectionReason } from './rejection';
import { DATA_SCHEMAS, FieldKind } from './schemas';
import { parseRfc3339 } from './time';

// Compiled on the first validation, not when the module loads: most processes that import the
// contract (the rules engine, replay workers, the CLI) never validate, and compiling costs ~65 ms.
let validators: Map<ChannelEventType, ValidateFunction> | undefined;

function compiledValidators(): Map<ChannelEventType, ValidateFunction> {
  if (validators) return validators;
  const ajv = new Ajv({ allErrors: false, verbose: true, strict: true });
  ajv.addKeyword({ keyword: 'x-parity', schemaType: 'string' });
  ajv.addFormat('date-time', { type: 'string', validate: (value: string) => parseRfc3339(value) !== undefined });
  validators = new Map(CHANNEL_EVENT_TYPES.map((type) => [type, ajv.compile(DATA_SCHEMAS[type])]));
  return validators;
}

/** Checks `data` against the schema of its type, then the rules a schema cannot say. */
export function validateData(type: ChannelEventType, data: unknown): Rejection | undefined {
  const validate = compiledValidators().get(type);
  if (!validate) throw new TypeError(`no validator for ${type}`);
  if (!validate(data)) return schemaRejection(validate.errors?.[0]);
  return semanticRejection(type, data as Record<string, unknown>);
}

function schemaRejection(error: ErrorObject | undefined): Rejection {
  if (!error) return reject('schema-violation', 'data does not match its schema');
  const where = error.instancePath || '/';
  const kind = (error.parentSchema as { 'x-parity'?: FieldKind } | undefined)?.['x-parity'];
  const detail = `data${where === '/' ? '' : where}: ${error.message ?? 'invalid'}`;
  return reject(reasonForField(kind, error.data), detail);
}

function reasonForField(kind: FieldKind | undefined, value: unknown): RejectionReason {
  switch (kind) {
    case 'money':
      return typeof value === 'number' ? 'float-money' : 'malformed-money';
    case 'currency':
      return 'malformed-money';
    case 'stock-level':
      return typeof value === 'number' && value < 0 ? 'negative-stock' : 'schema-violation';
    case 'time':
      return 'invalid-time';
    case undefined:
      return 'schema-violation';
    default: {
      const unhandled: never = kind;
      return unhandled;
    }
  }
}

function semanticRejection(type: ChannelEventType, data: Record<string, unknown>): Rejection | undefined {
  switch (type) {
    case EVENT_TYPES.priceSet:
      return periodRejection(data, 'effectiveFrom', 'effectiveTo');
    case EVENT_TYPES.promotionActivated:
      return discountRejection(data['discount'] as Record<string, unknown>) ?? periodRejection(data, 'validFrom', 'validTo');
    case EVENT_TYPES.promotionDeactivated:
    case EVENT_TYPES.stockLevel:
    case EVENT_TYPES.returnsPolicySet:
    case EVENT_TYPES.productUpserted:
      return undefined;
    default: {
      const unhandled: never = type;
      return unhandled;
    }
  }
}

function periodRejection(data: Record<string, unknown>, from: string, to: string): Rejection | undefined {
  const start = typeof data[from] === 'string' ? parseRfc3339(data[from]) : undefined;
  const end = typeof data[to] === 'string' ? parseRfc3339(data[to]) : undefined;
  if (start !== undefined && end !== undefined && end < start) {
    return reject('invalid-period', `data/${to} (${String(data[to])}) is before data/${from} (${String(data[from])})`);
  }
  return undefined;
}

function discountRejection(discount: Record<string, unknown>): Rejection | undefined {
  const kind = discount['kind'];
  if (kind === 'percent' && toMinorUnits(String(discount['value'])) > 100n * 10000n) {
    return reject('invalid-discount', `data/discount/value: ${String(discount['value'])} percent is more than 100`);
  }
  if ((kind === 'amount' || kind === 'fixed-price') && discount['currency'] === undefined) {
    return reject('invalid-discount', `data/discount/currency: a ${String(kind)} discount needs a currency`);
  }
  return undefined;
}
