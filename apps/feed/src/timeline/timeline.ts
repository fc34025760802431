import { EVENT_TYPES } from '@parity/contracts';
import { FindingView } from '../findings/finding-view';

/** A log event as the timeline reads it. */
export interface TimelineEvent {
  readonly position: number;
  readonly source: string;
  readonly id: string;
  readonly type: string;
  readonly eventTime: number;
  readonly recordedAt: number;
  readonly data: Record<string, unknown>;
}

export type EntryKind = 'price' | 'promotion' | 'stock' | 'returns-policy' | 'catalog';

/** What one channel showed from `at` (its event time) on, in words. */
export interface TimelineEntry {
  readonly at: string;
  readonly recordedAt: string;
  readonly kind: EntryKind;
  readonly value: string;
  readonly event: { readonly source: string; readonly id: string; readonly position: number };
}

export interface FindingSpan {
  readonly id: string;
  readonly rule: string;
  readonly severity: string;
  readonly status: string;
  readonly channels: readonly string[];
  /** When it was open (detected to resolved; `to` null while it is not resolved). */
  readonly intervals: readonly { readonly from: string; readonly to: string | null }[];
}

export interface Timeline {
  readonly sku: string;
  readonly category: string | null;
  readonly lanes: readonly { readonly channel: string; readonly entries: readonly TimelineEntry[] }[];
  readonly findings: readonly FindingSpan[];
}

export interface FindingChangeRecord {
  readonly findingId: string;
  readonly version: number;
  readonly change: 'opened' | 'updated' | 'resolved';
  readonly finding: FindingView;
}

const iso = (ms: number) => new Date(Math.min(ms, 8.64e15)).toISOString();
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
const list = (value: unknown) => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/** The category the catalog gives the SKU last (by event time), if any. */
export function categoryOf(events: readonly TimelineEvent[]): string | null {
  let latest: TimelineEvent | undefined;
  for (const event of events) {
    if (event.type === EVENT_TYPES.productUpserted && text(event.data['category']) && (!latest || event.eventTime >= latest.eventTime)) latest = event;
  }
  return latest ? (text(latest.data['category']) ?? null) : null;
}

/** Whether a returns policy covers the SKU: named, its category named, or no scope at all (every product). */
export function policyApplies(data: Record<string, unknown>, sku: string, category: string | null): boolean {
  const appliesTo = data['appliesTo'] as { categories?: unknown; skus?: unknown } | undefined;
  const categories = list(appliesTo?.categories);
  const skus = list(appliesTo?.skus);
  if (categories.length === 0 && skus.length === 0) return true;
  return skus.includes(sku) || (category !== null && categories.includes(category));
}

export function describe(event: TimelineEvent): { kind: EntryKind; value: string } | undefined {
  const d = event.data;
  switch (event.type) {
    case EVENT_TYPES.priceSet: {
      const window = [d['effectiveFrom'] ? `from ${text(d['effectiveFrom'])}` : '', d['effectiveTo'] ? `to ${text(d['effectiveTo'])}` : ''].filter(Boolean).join(' ');
      const type = d['priceType'] && d['priceType'] !== 'regular' ? ` (${text(d['priceType'])})` : '';
      return { kind: 'price', value: `${text(d['amount'])} ${text(d['currency'])}${type}${window ? ` ${window}` : ''}` };
    }
    case EVENT_TYPES.promotionActivated: {
      const discount = d['discount'] as { kind?: string; value?: string; currency?: string } | undefined;
      const off = discount?.kind === 'percent' ? `${discount.value}% off` : discount?.kind === 'amount' ? `${discount.value} ${discount.currency ?? ''} off` : `for ${discount?.value} ${discount?.currency ?? ''}`;
      return { kind: 'promotion', value: `${text(d['promotionId'])} runs: ${off.trim()}, ${text(d['validFrom'])} to ${text(d['validTo'])}` };
    }
    case EVENT_TYPES.promotionDeactivated:
      return { kind: 'promotion', value: `${text(d['promotionId'])} ended` };
    case EVENT_TYPES.stockLevel: {
      const fulfilment = list(d['fulfilment']);
      return { kind: 'stock', value: `${String(d['available'])} at ${text(d['location'])} (${(fulfilment.length > 0 ? fulfilment : ['in-store']).join(', ')})` };
    }
    case EVENT_TYPES.returnsPolicySet: {
      const receipt = d['receiptRequired'] === true ? ', receipt required' : d['receiptRequired'] === false ? ', no receipt needed' : '';
      const refunds = list(d['refundMethods']);
      return { kind: 'returns-policy', value: `${text(d['policyId'])}: ${String(d['returnWindowDays'])} days${receipt}${refunds.length > 0 ? `, refund ${refunds.join('/')}` : ''}` };
    }
    case EVENT_TYPES.productUpserted:
      return { kind: 'catalog', value: `${text(d['name']) ?? ''} in ${text(d['category']) ?? 'no category'}`.trim() };
    default:
      return undefined;
  }
}

/**
 * What every channel showed for a SKU over time, one lane per channel in event-time order, and
 * when each of its findings was open. `range` keeps entries with event time in [from, to).
 */
export function buildTimeline(
  sku: string,
  events: readonly TimelineEvent[],
  changes: readonly FindingChangeRecord[],
  range: { readonly from?: number; readonly to?: number } = {},
): Timeline {
  const category = categoryOf(events);
  const lanes = new Map<string, TimelineEntry[]>();
  const seen = new Set<number>();
  for (const event of [...events].sort((a, b) => a.eventTime - b.eventTime || a.position - b.position)) {
    if (seen.has(event.position)) continue;
    seen.add(event.position);
    if (event.type === EVENT_TYPES.returnsPolicySet && !policyApplies(event.data, sku, category)) continue;
    if (range.from !== undefined && event.eventTime < range.from) continue;
    if (range.to !== undefined && event.eventTime >= range.to) continue;
    const described = describe(event);
    if (!described) continue;
    const entries = lanes.get(event.source) ?? [];
    entries.push({ at: iso(event.eventTime), recordedAt: iso(event.recordedAt), ...described, event: { source: event.source, id: event.id, position: event.position } });
    lanes.set(event.source, entries);
  }
  return {
    sku,
    category,
    lanes: [...lanes.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([channel, entries]) => ({ channel, entries })),
    findings: spans(changes),
  };
}

function spans(changes: readonly FindingChangeRecord[]): FindingSpan[] {
  const byFinding = new Map<string, FindingChangeRecord[]>();
  for (const change of changes) byFinding.set(change.findingId, [...(byFinding.get(change.findingId) ?? []), change]);
  const result: FindingSpan[] = [];
  for (const [id, history] of byFinding) {
    history.sort((a, b) => a.version - b.version);
    const intervals: { from: string; to: string | null }[] = [];
    for (const { change, finding } of history) {
      if (change === 'opened') intervals.push({ from: finding.detectedAt, to: null });
      const current = intervals[intervals.length - 1];
      if (change === 'resolved' && current) current.to = finding.resolvedAt;
    }
    const last = history[history.length - 1]!.finding;
    result.push({ id, rule: last.rule, severity: last.severity, status: last.status, channels: last.channels.map((c) => c.channel), intervals });
  }
  return result.sort((a, b) => (a.intervals[0]?.from ?? '').localeCompare(b.intervals[0]?.from ?? '') || a.id.localeCompare(b.id));
}
