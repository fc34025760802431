import { FindingRow } from '@parity/event-store';
import { FindingData, FindingStatus, RuleId, Severity } from '@parity/rules';

export type { FindingRow };

/** A finding as the API and the stream show it: the contract's finding data, as the reconciler publishes it. */
export type FindingView = FindingData;

const iso = (epochMillis: number) => new Date(Math.min(epochMillis, 8.64e15)).toISOString();

export function viewOf(row: FindingRow): FindingView {
  return {
    id: row.id,
    rule: row.rule as RuleId,
    status: row.status as FindingStatus,
    severity: row.severity as Severity,
    subject: { kind: row.subject_kind as FindingData['subject']['kind'], id: row.subject_id },
    sku: row.sku,
    promotionId: row.promotion_id,
    policyId: row.policy_id,
    category: row.category,
    channels: row.channels.map(({ channel, value }) => ({ channel, value })),
    impactAt: row.impact_at.toISOString(),
    detectedAt: row.detected_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    evidence: row.evidence.map(({ id }) => id),
    evidenceEvents: row.evidence.map(({ source, id }) => ({ source, id })),
    handling: row.handling
      ? {
          by: row.handling.by,
          at: iso(row.handling.at),
          assignee: row.handling.assignee ?? null,
          reason: row.handling.reason ?? null,
          until: row.handling.until === undefined || row.handling.until === null ? null : iso(row.handling.until),
        }
      : null,
    parameters: row.parameters,
    version: row.version,
  };
}
