import { AsOfQuery, SUBJECT_KINDS, TIME_AXES, TimeAxis } from '@parity/audit';
import { parseRfc3339 } from '@parity/contracts';
import { badRequest, queryParameters } from '@parity/http-errors';

const PARAMETERS: readonly string[] = ['at', 'axis', ...SUBJECT_KINDS];

/**
 * The query string of GET /as-of as an as-of question, or 400 with a code naming what is wrong:
 * an unknown or repeated parameter, text PostgreSQL cannot hold, no subject or several, a time that
 * is not RFC 3339 with a zone.
 */
export function asOfQueryOf(query: Readonly<Record<string, unknown>>): AsOfQuery {
  // Known names only, each once (sku=a&sku=b: one subject, one time, one axis), storable text.
  const params: Readonly<Partial<Record<string, string>>> = queryParameters(query, PARAMETERS);
  const named = SUBJECT_KINDS.filter((kind) => params[kind] !== undefined && params[kind] !== '');
  if (named.length !== 1) throw badRequest('invalid-subject', `name exactly one of ${SUBJECT_KINDS.join(', ')}; got ${named.length}`);
  const kind = named[0]!;
  const id = params[kind]!;
  const at = parseRfc3339(params['at'] ?? '');
  if (at === undefined) throw badRequest('invalid-time', `at: must be an RFC 3339 time with a zone (e.g. 2026-11-28T10:00:00Z), got ${JSON.stringify(params['at'] ?? null)}`);
  const axis = (params['axis'] ?? 'event') as TimeAxis;
  if (!TIME_AXES.includes(axis)) throw badRequest('invalid-axis', `axis: must be one of ${TIME_AXES.join(', ')}, got ${JSON.stringify(params['axis'])}`);
  return { subject: { kind, id }, at, axis };
}
