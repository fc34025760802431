import { AlertFinding } from './alert-finding';

/**
 * What routing, grouping, inhibition and silences match on. A finding involves several channels,
 * so a label holds a set of values: `channel` and `store` have one per channel involved.
 */
export type Labels = Readonly<Record<string, readonly string[]>>;

export const LABEL_NAMES = ['id', 'rule', 'severity', 'category', 'subject', 'subjectKind', 'sku', 'promotionId', 'policyId', 'channel', 'store'] as const;

const STORE_PREFIX = 'store/';

export function findingLabels(finding: AlertFinding): Labels {
  const channels = finding.channels.map((c) => c.channel);
  return {
    id: [finding.id],
    rule: [finding.rule],
    severity: [finding.severity],
    category: optional(finding.category),
    subject: [finding.subject.id],
    subjectKind: [finding.subject.kind],
    sku: optional(finding.sku),
    promotionId: optional(finding.promotionId),
    policyId: optional(finding.policyId),
    channel: channels,
    store: channels.filter((c) => c.startsWith(STORE_PREFIX)).map((c) => c.slice(STORE_PREFIX.length)),
  };
}

function optional(value: string | null): string[] {
  return value === null ? [] : [value];
}

/** One label's values as a group key part: sorted and joined, so the order of channels does not matter. */
export function labelValue(labels: Labels, name: string): string {
  return [...(labels[name] ?? [])].sort().join(',');
}
