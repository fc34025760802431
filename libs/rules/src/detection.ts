import { Evidence } from './facts';
import { RulesConfig } from './config';

export const RULE_IDS = [
  'price-mismatch',
  'promotion-mismatch',
  'stock-mismatch',
  'returns-policy-mismatch',
  'stale-channel-data',
  'assortment-gap',
] as const;

export type RuleId = (typeof RULE_IDS)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What one channel shows a customer, as a person reads it ("129.99 PLN", "no price"). */
export interface ChannelValue {
  readonly channel: string;
  readonly value: string;
}

/** A dead end the rules see now or ahead: the same question, two answers in two channels. */
export interface Detection {
  readonly rule: RuleId;
  /** What the finding is about; with the rule and channels, its identity. */
  readonly subject: { readonly kind: 'sku' | 'promotion' | 'category'; readonly id: string };
  readonly sku: string | undefined;
  readonly promotionId: string | undefined;
  readonly policyId: string | undefined;
  /**
   * The product category, for routing and filtering: the SKU's catalog category, or the category
   * a returns policy difference is about; absent when unknown (promotions span categories).
   */
  readonly category?: string | undefined;
  /** The channels involved and what each shows, sorted by channel. */
  readonly channels: readonly ChannelValue[];
  /** When customers meet it (epoch ms): in the future for scheduled changes. */
  readonly impactAt: number;
  readonly severity: Severity;
  /** The events that caused it, sorted. */
  readonly evidence: readonly Evidence[];
  /** The rule's parameters, so a person can see why it fired. */
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
}

export interface DetectionContext {
  /** The time the rules look from (epoch ms): time comes in as data. */
  readonly asOf: number;
  readonly config: RulesConfig;
  /** Every channel that has published an accepted event, plus configured ones. */
  readonly knownChannels: ReadonlySet<string>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Severity from how big the difference is (level 0..3) and how soon customers meet it: a dead
 * end met within a day keeps its level, one more than a day ahead drops one, more than a week two.
 */
export function severityOf(level: 0 | 1 | 2 | 3, impactAt: number, asOf: number): Severity {
  const ahead = impactAt - asOf;
  const drop = ahead > 7 * DAY ? 2 : ahead > DAY ? 1 : 0;
  return SEVERITIES[Math.max(0, level - drop)] ?? 'low';
}

export function sortedEvidence(evidence: Iterable<Evidence>): Evidence[] {
  // Rules cite one or two events: their order without a map or a sort (the same result).
  if (Array.isArray(evidence) && evidence.length <= 2) return sortedPair(evidence as readonly Evidence[]);
  const unique = new Map<string, Evidence>();
  for (const item of evidence) unique.set(`${item.source}\u0000${item.id}`, item);
  return [...unique.values()].sort((a, b) => (a.source === b.source ? cmp(a.id, b.id) : cmp(a.source, b.source)));
}

export function sortedChannels(values: Iterable<ChannelValue>): ChannelValue[] {
  // Mostly two channels: one comparison, as the (stable) sort would decide it.
  if (Array.isArray(values) && values.length === 2) {
    const a = values[0] as ChannelValue;
    const b = values[1] as ChannelValue;
    return cmp(b.channel, a.channel) < 0 ? [b, a] : [a, b];
  }
  return [...values].sort((a, b) => cmp(a.channel, b.channel));
}

/** Up to two items as sortedEvidence orders them: one (the later) for the same event. */
function sortedPair(evidence: readonly Evidence[]): Evidence[] {
  if (evidence.length < 2) return [...evidence];
  const [a, b] = evidence as readonly [Evidence, Evidence];
  if (sameKey(a, b)) return [b];
  const order = a.source === b.source ? cmp(a.id, b.id) : cmp(a.source, b.source);
  return order > 0 ? [b, a] : [a, b];
}

/** The map key sortedEvidence compares by, without building it unless the lengths allow a match. */
function sameKey(a: Evidence, b: Evidence): boolean {
  if (a.source === b.source && a.id === b.id) return true;
  return a.source.length + a.id.length === b.source.length + b.id.length && `${a.source}\u0000${a.id}` === `${b.source}\u0000${b.id}`;
}

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
