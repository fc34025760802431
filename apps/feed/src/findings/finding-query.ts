import { Static, Type } from '@sinclair/typebox';
import { findingIdIn, FindingStatus, RULE_IDS, RuleId, SEVERITIES, Severity } from '@parity/rules';
import { parseRfc3339 } from '@parity/contracts';
import { badRequest } from '@parity/http-errors';
import { validated } from '../api/validation';

export const STATUSES: readonly FindingStatus[] = ['open', 'acknowledged', 'suppressed', 'resolved'];
/** A dead end still there: what `when` selects unless `status` says otherwise. */
const UNRESOLVED: readonly FindingStatus[] = STATUSES.filter((status) => status !== 'resolved');
export const SORTS = ['impactAt', '-impactAt', 'detectedAt', '-detectedAt', 'severity', '-severity'] as const;
export type Sort = (typeof SORTS)[number];
export const MAX_LIMIT = 200;

/** A string from a fixed set, as a JSON Schema enum (one clear error, unlike a union of literals). */
function oneOf<T extends string>(values: readonly T[], description: string) {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], description });
}

const listOf = (values: readonly string[]) => `^(${values.join('|')})(,(${values.join('|')}))*$`;
const NAMES = '^[^,\\s][^,]{0,199}(,[^,\\s][^,]{0,199}){0,49}$';
const STORE_IDS = '^[^,/\\s][^,/]{0,99}(,[^,/\\s][^,/]{0,99}){0,49}$';

/** Filters shared by the list, the counts and the live stream. */
export const FILTER_PARAMETERS = {
  status: Type.String({ pattern: listOf(STATUSES), description: `comma-separated: ${STATUSES.join(', ')}` }),
  rule: Type.String({ pattern: listOf(RULE_IDS), description: `comma-separated: ${RULE_IDS.join(', ')}` }),
  severity: Type.String({ pattern: listOf(SEVERITIES), description: `comma-separated: ${SEVERITIES.join(', ')}` }),
  channel: Type.String({ pattern: NAMES, description: 'comma-separated channels involved, e.g. eshop,store/WAW-012' }),
  store: Type.String({ pattern: STORE_IDS, description: 'comma-separated store ids: findings involving channel store/<id>' }),
  category: Type.String({ pattern: NAMES, description: 'comma-separated product categories' }),
  sku: Type.String({ pattern: NAMES, description: 'comma-separated SKUs' }),
  promotionId: Type.String({ pattern: NAMES, description: 'comma-separated promotion ids (promotion findings)' }),
  when: oneOf(['now', 'upcoming'] as const, 'now (impactAt has passed: customers meet it) or upcoming (impactAt is ahead); unresolved findings only unless status is given'),
  impactFrom: Type.String({ format: 'date-time', description: 'impactAt at or after this RFC 3339 time' }),
  impactTo: Type.String({ format: 'date-time', description: 'impactAt before this RFC 3339 time' }),
};

export const FilterQuery = Type.Object(Type.Partial(Type.Object(FILTER_PARAMETERS)).properties, { additionalProperties: false });

export const ListQuery = Type.Object(
  {
    ...Type.Partial(Type.Object(FILTER_PARAMETERS)).properties,
    sort: Type.Optional(oneOf(SORTS, `one of ${SORTS.join(', ')} (a leading - sorts descending; default impactAt)`)),
    limit: Type.Optional(Type.String({ pattern: '^[0-9]{1,4}$', description: `page size, 1 to ${MAX_LIMIT}; default 50` })),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 600, description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);

/** A finding id from a path: 32 hex digits, in either case (ids are stored in lower case). */
export function findingIdOf(text: string): string {
  const id = findingIdIn(text);
  if (id === undefined) throw badRequest('invalid-finding-id', 'a finding id is 32 hexadecimal digits');
  return id;
}

export interface FindingFilter {
  readonly statuses?: readonly FindingStatus[];
  readonly rules?: readonly RuleId[];
  readonly severities?: readonly Severity[];
  readonly channels?: readonly string[];
  readonly stores?: readonly string[];
  readonly categories?: readonly string[];
  readonly skus?: readonly string[];
  readonly promotionIds?: readonly string[];
  /** impactAt >= impactFrom and < impactTo (epoch ms). */
  readonly impactFrom?: number;
  readonly impactTo?: number;
}

export interface Cursor {
  readonly sort: Sort;
  /** The sort key of the last finding of the page: an RFC 3339 time or a severity rank. */
  readonly key: string | number;
  readonly id: string;
}

export interface FindingListQuery {
  readonly filter: FindingFilter;
  readonly sort: Sort;
  readonly limit: number;
  readonly cursor: Cursor | undefined;
}

const split = (value: string | undefined) => (value === undefined ? undefined : value.split(','));

/** A filter from validated parameters; `now` resolves `when` into an impactAt bound. */
export function filterOf(query: Static<typeof FilterQuery>, now: number): FindingFilter {
  let impactFrom = query.impactFrom === undefined ? undefined : parseRfc3339(query.impactFrom);
  let impactTo = query.impactTo === undefined ? undefined : parseRfc3339(query.impactTo);
  if (impactFrom !== undefined && impactTo !== undefined && impactFrom >= impactTo) {
    throw badRequest('invalid-range', `impactFrom (${query.impactFrom}) must be before impactTo (${query.impactTo})`);
  }
  // "now": customers already meet it; "upcoming": a scheduled dead end, still ahead.
  if (query.when === 'now') impactTo = impactTo === undefined ? now + 1 : Math.min(impactTo, now + 1);
  if (query.when === 'upcoming') impactFrom = impactFrom === undefined ? now + 1 : Math.max(impactFrom, now + 1);
  // A resolved finding is a dead end neither now nor ahead: `when` leaves it out unless `status` asks.
  const statuses = (split(query.status) as FindingStatus[] | undefined) ?? (query.when === undefined ? undefined : UNRESOLVED);
  return {
    statuses,
    rules: split(query.rule) as RuleId[] | undefined,
    severities: split(query.severity) as Severity[] | undefined,
    channels: split(query.channel),
    stores: split(query.store),
    categories: split(query.category),
    skus: split(query.sku),
    promotionIds: split(query.promotionId),
    impactFrom,
    impactTo,
  };
}

/** GET /api/findings parameters, validated and typed. */
export function listQueryOf(raw: unknown, now: number): FindingListQuery {
  const query = validated(ListQuery, raw, 'query');
  const { sort: rawSort, limit: rawLimit, cursor: rawCursor, ...filters } = query;
  const sort: Sort = rawSort ?? 'impactAt';
  const limit = rawLimit === undefined ? 50 : Number(rawLimit);
  if (limit < 1 || limit > MAX_LIMIT) throw badRequest('invalid-parameter', `limit: must be between 1 and ${MAX_LIMIT}, got ${limit}`);
  const cursor = rawCursor === undefined ? undefined : decodeCursor(rawCursor);
  if (cursor && cursor.sort !== sort) throw badRequest('invalid-cursor', `the cursor belongs to sort=${cursor.sort}, not sort=${sort}: start again without a cursor`);
  return { filter: filterOf(filters, now), sort, limit, cursor };
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.key, cursor.id])).toString('base64url');
}

/** A cursor as this API issued it, every part checked: an edited one is a 400, never a failed query. */
export function decodeCursor(text: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw forgedCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw forgedCursor();
  const [sort, key, id] = parsed as unknown[];
  if (!(SORTS as readonly unknown[]).includes(sort) || typeof id !== 'string' || findingIdIn(id) !== id) throw forgedCursor();
  const valid = String(sort).endsWith('severity') ? isSeverityRank(key) : typeof key === 'string' && isIssuedTime(key);
  if (!valid) throw forgedCursor();
  return { sort: sort as Sort, key: key as string | number, id };
}

const forgedCursor = () => badRequest('invalid-cursor', 'the cursor is not one this API issued: use nextCursor as it came');

const isSeverityRank = (key: unknown) => Number.isInteger(key) && (key as number) >= 0 && (key as number) < SEVERITIES.length;

// Issued keys are toISOString() of a stored time: the 4-digit-year form, which PostgreSQL reads.
const ISSUED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
function isIssuedTime(key: string): boolean {
  const time = Date.parse(key);
  return ISSUED_TIME.test(key) && !Number.isNaN(time) && new Date(time).toISOString() === key && !key.startsWith('0000');
}
