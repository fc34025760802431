import { Finding, FindingStatus, RuleId, Severity } from '@parity/rules';

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

/** A row of `findings`, as the reconciler writes it. */
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
  channels: Finding['channels'];
  impact_at: Date;
  detected_at: Date;
  resolved_at: Date | null;
  evidence: Finding['evidence'];
  parameters: Finding['parameters'];
  handling: { by: string; at: number; assignee?: string | null; reason?: string | null; until?: number | null } | null;
  version: number;
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

/** The engine's finding, to ask the engine whether an operator action applies to it. */
export function engineFindingOf(row: FindingRow): Finding {
  return {
    id: row.id,
    key: row.state_key,
    rule: row.rule as RuleId,
    status: row.status as FindingStatus,
    severity: row.severity as Severity,
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
