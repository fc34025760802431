import { SEVERITIES } from '@parity/rules';
import { Cursor, FindingFilter, Sort } from './finding-query';

/** A parameterised SQL fragment. */
export interface Sql {
  readonly text: string;
  readonly values: readonly unknown[];
}

/** Collects values and hands out their `$n` placeholders. */
class Parameters {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export const SEVERITY_RANK_SQL = `CASE severity ${SEVERITIES.map((severity, rank) => `WHEN '${severity}' THEN ${rank}`).join(' ')} END`;

function conditions(filter: FindingFilter, parameters: Parameters): string[] {
  const where: string[] = [];
  const anyOf = (column: string, values: readonly string[] | undefined) => {
    if (values) where.push(`${column} = ANY(${parameters.add(values)}::text[])`);
  };
  anyOf('status', filter.statuses);
  anyOf('rule', filter.rules);
  anyOf('severity', filter.severities);
  anyOf('category', filter.categories);
  anyOf('sku', filter.skus);
  anyOf('promotion_id', filter.promotionIds);
  // A finding involves a channel when one of its channel values names it (GIN jsonb_path_ops).
  const involving = (channels: readonly string[]) =>
    `(${channels.map((channel) => `channels @> ${parameters.add(JSON.stringify([{ channel }]))}::jsonb`).join(' OR ')})`;
  if (filter.channels) where.push(involving(filter.channels));
  if (filter.stores) where.push(involving(filter.stores.map((store) => `store/${store}`)));
  if (filter.impactFrom !== undefined) where.push(`impact_at >= ${parameters.add(new Date(filter.impactFrom).toISOString())}::timestamptz`);
  if (filter.impactTo !== undefined) where.push(`impact_at < ${parameters.add(new Date(filter.impactTo).toISOString())}::timestamptz`);
  return where;
}

export function whereClause(filter: FindingFilter, parameters = new Parameters()): { text: string; parameters: Parameters } {
  const where = conditions(filter, parameters);
  return { text: where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`, parameters };
}

const SORT_KEYS: Record<'impactAt' | 'detectedAt' | 'severity', { column: string; cast: string }> = {
  impactAt: { column: 'impact_at', cast: 'timestamptz' },
  detectedAt: { column: 'detected_at', cast: 'timestamptz' },
  severity: { column: SEVERITY_RANK_SQL, cast: 'int' },
};

/** One page of findings, keyset-paginated on (sort key, id): stable while findings change. */
export function listSql(filter: FindingFilter, sort: Sort, limit: number, cursor: Cursor | undefined): Sql {
  const descending = sort.startsWith('-');
  const key = SORT_KEYS[(descending ? sort.slice(1) : sort) as keyof typeof SORT_KEYS];
  const parameters = new Parameters();
  const where = conditions(filter, parameters);
  if (cursor) {
    where.push(`(${key.column}, id) ${descending ? '<' : '>'} (${parameters.add(cursor.key)}::${key.cast}, ${parameters.add(cursor.id)})`);
  }
  const direction = descending ? 'DESC' : 'ASC';
  const text = `SELECT *, ${key.column} AS sort_key FROM findings
    ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
    ORDER BY ${key.column} ${direction}, id ${direction} LIMIT ${parameters.add(limit + 1)}`;
  return { text, values: parameters.values };
}

export const COUNT_DIMENSIONS = ['rule', 'channel', 'store', 'category', 'severity'] as const;
export type CountDimension = (typeof COUNT_DIMENSIONS)[number];

/** Counts of the filtered findings by rule, channel, store, category and severity, in one statement. */
export function countsSql(filter: FindingFilter): Sql {
  const { text: where, parameters } = whereClause(filter);
  const text = `WITH selected AS (SELECT id, rule, severity, category, channels FROM findings ${where}),
    involved AS (SELECT DISTINCT s.id, c->>'channel' AS channel FROM selected s, jsonb_array_elements(s.channels) c)
    SELECT 'total' AS dimension, NULL AS value, count(*) AS count FROM selected
    UNION ALL SELECT 'rule', rule, count(*) FROM selected GROUP BY rule
    UNION ALL SELECT 'severity', severity, count(*) FROM selected GROUP BY severity
    UNION ALL SELECT 'category', category, count(*) FROM selected WHERE category IS NOT NULL GROUP BY category
    UNION ALL SELECT 'channel', channel, count(*) FROM involved GROUP BY channel
    UNION ALL SELECT 'store', substr(channel, 7), count(*) FROM involved WHERE channel LIKE 'store/%' GROUP BY channel`;
  return { text, values: parameters.values };
}
