import { Pool } from 'pg';
import { AsOfQuery, asOfView, AsOfView, FindingAtT } from '@parity/audit';
import { inTransaction, readLogWhere } from '@parity/event-store';
import { lastRecordedBy } from './log-range';
import { subjectCondition } from './subject-events';

/** What every channel showed about a subject at T, and what Parity had flagged: the CLI and the API ask this. */
export async function asOf(pool: Pool, query: AsOfQuery): Promise<AsOfView> {
  // One snapshot: the events, the record's reach and the findings agree with each other.
  const { records, recordedUpTo, findings } = await inTransaction(
    pool,
    async (client) => {
      const column = query.axis === 'event' ? 'event_time' : 'recorded_at';
      const records = await readLogWhere(client, `${subjectCondition(query.subject.kind, '$1')} AND ${column} <= to_timestamp($2 / 1000.0)`, [query.subject.id, query.at]);
      const recordedUpTo = await lastRecordedBy(client, query.at);
      const findings = await client.query<{ data: FindingAtT }>(
        `SELECT DISTINCT ON (finding_id) (cloud_event::jsonb)->'data' AS data FROM finding_changes
          WHERE log_position <= $1 ORDER BY finding_id, version DESC`,
        [recordedUpTo],
      );
      return { records, recordedUpTo, findings: findings.rows.map((row) => row.data) };
    },
    'read-only-snapshot',
  );
  return asOfView(query, records, recordedUpTo, findings);
}
