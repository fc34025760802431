import { FindingRow } from '@parity/event-store';
import { FindingStatus, RuleId, Severity } from '@parity/rules';

export type { FindingRow };

/** A finding as the API and the stream show it: the contract's `Finding` data (parity.findings.v1). */
export interface FindingView {
  readonly id: string;
  readonly rule: RuleId;
  readonly status: FindingStatus;
  readonly severity: Severity;
  readonly subject: { readonly kind: string; readonly id: string };
  readonly sku: string | null;
  readonly promotionId: string | null;
  readonly policyId: string | null;
  readonly category: string | null;
  readonly channels: readonly { readonly channel: string; readonly value: string }[];
  readonly impactAt: string;
  readonly detectedAt: string;
  readonly resolvedAt: string | null;
  readonly evidence: readonly { readonly source: string; readonly id: string }[];
  readonly handling: {
    readonly by: string;
    readonly at: string;
    readonly assignee: string | null;
    readonly reason: string | null;
    readonly until: string | null;
  } | null;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly version: number;
}

const iso = (epochMillis: number) => new Date(Math.min(epochMillis, 8.64e15)).toISOString();

export function viewOf(row: FindingRow): FindingView {
  return {
    id: row.id,
    rule: row.rule as RuleId,
    status: row.status as FindingStatus,
    severity: row.severity as Severity,
    subject: { kind: row.subject_kind, id: row.subject_id },
    sku: row.sku,
    promotionId: row.promotion_id,
    policyId: row.policy_id,
    category: row.category,
    channels: row.channels.map(({ channel, value }) => ({ channel, value })),
    impactAt: row.impact_at.toISOString(),
    detectedAt: row.detected_at.toISOString(),
    resolvedAt: row.resolved_at?.toISOString() ?? null,
    evidence: row.evidence.map(({ source, id }) => ({ source, id })),
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
