import { Pool } from 'pg';
import { ScoredFinding } from './scoring';

interface FindingRow {
  id: string;
  rule: string;
  status: string;
  subject_kind: string;
  subject_id: string;
  channels: { channel: string; value?: string }[];
  impact_at: Date;
  detected_at: Date;
}

/** The findings the reconciler has not resolved, as the scorecard reads them. Read-only. */
export async function readUnresolvedFindings(pool: Pool): Promise<ScoredFinding[]> {
  const result = await pool.query<FindingRow>(
    `SELECT id, rule, status, subject_kind, subject_id, channels, impact_at, detected_at
       FROM findings WHERE status <> 'resolved'`,
  );
  return result.rows.map((row) => ({
    id: row.id,
    rule: row.rule,
    status: row.status,
    subject: { kind: row.subject_kind, id: row.subject_id },
    channels: row.channels,
    impactAt: row.impact_at.getTime(),
    detectedAt: row.detected_at.getTime(),
  }));
}
