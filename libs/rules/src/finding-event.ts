import { FINDING_EVENT_TYPES } from '@parity/contracts';
import { RuleId, Severity } from './detection';
import { Finding, FindingChange, FindingStatus } from './finding';

/** A finding as the contract's `data` shows it (parity.finding.*.v1): times as RFC 3339, nothing internal. */
export interface FindingData {
  readonly id: string;
  readonly rule: RuleId;
  readonly status: FindingStatus;
  readonly severity: Severity;
  readonly subject: Finding['subject'];
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
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  readonly version: number;
}

export function findingData(finding: Finding, version: number): FindingData {
  return {
    id: finding.id,
    rule: finding.rule,
    status: finding.status,
    severity: finding.severity,
    subject: finding.subject,
    sku: finding.sku ?? null,
    promotionId: finding.promotionId ?? null,
    policyId: finding.policyId ?? null,
    category: finding.category ?? null,
    // Fixed key order: a finding read back from jsonb must serialise to the same bytes.
    channels: finding.channels.map(({ channel, value }) => ({ channel, value })),
    impactAt: iso(finding.impactAt),
    detectedAt: iso(finding.detectedAt),
    resolvedAt: finding.resolvedAt === undefined ? null : iso(finding.resolvedAt),
    evidence: finding.evidence.map(({ source, id }) => ({ source, id })),
    handling: finding.handling
      ? {
          by: finding.handling.by,
          at: iso(finding.handling.at),
          assignee: finding.handling.assignee ?? null,
          reason: finding.handling.reason ?? null,
          until: finding.handling.until === undefined ? null : iso(finding.handling.until),
        }
      : null,
    parameters: Object.fromEntries(Object.entries(finding.parameters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    version,
  };
}

/** The structured-mode CloudEvent published on parity.findings.v1 for one change. */
export function findingCloudEvent(change: FindingChange, version: number, changedAt: number): string {
  return JSON.stringify({
    specversion: '1.0',
    id: `${change.finding.id}:${version}`,
    source: 'parity/reconciler',
    type: FINDING_EVENT_TYPES[change.type],
    time: iso(changedAt),
    subject: change.finding.id,
    datacontenttype: 'application/json',
    data: findingData(change.finding, version),
  });
}

function iso(epochMillis: number): string {
  return new Date(Math.min(epochMillis, 8.64e15)).toISOString();
}
