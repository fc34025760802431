import { FindingAtT } from '../as-of';
import { bucketsOver, Buckets, Series, seriesOf } from './charts';

/** One finding change in the period, as exported: the change and the finding after it. */
export interface ExportedChange {
  readonly logPosition: number;
  readonly changedAt: string;
  readonly change: 'opened' | 'updated' | 'resolved';
  readonly finding: FindingAtT;
}

export interface VerificationSummary {
  readonly ok: boolean;
  readonly checked: number;
  readonly headPosition: number;
  readonly headHash: string;
  readonly firstBadPosition: number | undefined;
  readonly defects: readonly { readonly kind: string; readonly position: number; readonly detail: string }[];
  readonly seals: { readonly checked: number; readonly verifiedWith: string | undefined; readonly defects: readonly { readonly problem: string; readonly position: number; readonly detail: string }[] };
}

export interface ReportInput {
  readonly generatedAt: string;
  readonly scope: string;
  readonly period: { readonly fromPosition: number; readonly toPosition: number; readonly from: string | undefined; readonly to: string | undefined };
  readonly facts: { readonly count: number; readonly byType: Readonly<Record<string, number>>; readonly byChannel: Readonly<Record<string, number>> };
  readonly changes: readonly ExportedChange[];
  readonly actions: readonly { readonly position: number; readonly recordedAt: string; readonly type: string; readonly findingId: string; readonly by: string; readonly reason: string | undefined }[];
  readonly verification: VerificationSummary;
}

export interface ReportSummary {
  readonly opened: number;
  readonly resolved: number;
  readonly updated: number;
  readonly openAtEnd: readonly FindingAtT[];
  readonly openedByRule: Readonly<Record<string, number>>;
  readonly buckets: Buckets;
  readonly byRule: readonly Series[];
  readonly byChannel: readonly Series[];
}

/** Counts, the findings still open at the end of the period, and the chart series. */
export function summarise(input: ReportInput): ReportSummary {
  const latest = new Map<string, FindingAtT>();
  const openedByRule: Record<string, number> = {};
  const counts = { opened: 0, updated: 0, resolved: 0 };
  for (const change of input.changes) {
    latest.set(change.finding.id, change.finding);
    counts[change.change] += 1;
    if (change.change === 'opened') openedByRule[change.finding.rule] = (openedByRule[change.finding.rule] ?? 0) + 1;
  }
  const opened = input.changes.filter((change) => change.change === 'opened');
  const times = input.changes.map((change) => Date.parse(change.changedAt));
  const from = input.period.from ? Date.parse(input.period.from) : Math.min(...times, Date.parse(input.generatedAt));
  const to = input.period.to ? Date.parse(input.period.to) : Math.max(...times, from);
  const buckets = bucketsOver(from, to);
  return {
    ...counts,
    openAtEnd: [...latest.values()].filter((finding) => finding.status !== 'resolved').sort((a, b) => (a.impactAt < b.impactAt ? -1 : a.impactAt > b.impactAt ? 1 : 0)),
    openedByRule,
    buckets,
    byRule: seriesOf(opened.map((change) => ({ at: Date.parse(change.changedAt), label: change.finding.rule })), buckets),
    byChannel: seriesOf(opened.flatMap((change) => change.finding.channels.map((channel) => ({ at: Date.parse(change.changedAt), label: channel.channel }))), buckets),
  };
}
