import type { Finding } from '@parity/rules';

/**
 * A row of the `findings` table (migrations 2 and 3), as pg returns it: written by the reconciler,
 * read by the feed. Values are what the engine's Finding holds; times of the row are timestamptz.
 */
export interface FindingRow {
  id: string;
  state_key: string;
  rule: string;
  status: string;
  severity: string;
  subject_kind: string;
  subject_id: string;
  sku: string | null;
  promotion_id: string | null;
  policy_id: string | null;
  category: string | null;
  channels: { channel: string; value: string }[];
  impact_at: Date;
  detected_at: Date;
  resolved_at: Date | null;
  evidence: { source: string; id: string }[];
  parameters: Record<string, string | number | boolean>;
  /** The last operator action; times as epoch ms, as the engine keeps them. */
  handling: { by: string; at: number; assignee?: string | null; reason?: string | null; until?: number | null } | null;
  version: number;
}

/** The engine's finding a row holds (the reconciler reloads them; the feed asks the engine about one). */
export function findingOfRow(row: FindingRow): Finding {
  return {
    id: row.id,
    key: row.state_key,
    rule: row.rule as Finding['rule'],
    status: row.status as Finding['status'],
    severity: row.severity as Finding['severity'],
    subject: { kind: row.subject_kind as Finding['subject']['kind'], id: row.subject_id },
    sku: row.sku ?? undefined,
    promotionId: row.promotion_id ?? undefined,
    policyId: row.policy_id ?? undefined,
    category: row.category ?? undefined,
    channels: row.channels,
    impactAt: row.impact_at.getTime(),
    detectedAt: row.detected_at.getTime(),
    resolvedAt: row.resolved_at?.getTime(),
    evidence: row.evidence,
    parameters: row.parameters,
    handling: row.handling
      ? { by: row.handling.by, at: row.handling.at, assignee: row.handling.assignee ?? undefined, reason: row.handling.reason ?? undefined, until: row.handling.until ?? undefined }
      : undefined,
  };
}
