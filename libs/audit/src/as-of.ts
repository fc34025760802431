import { LogRecord } from '@parity/event-store';
import { evolve, Fact, factOf, findingData, initialState, KeyState, keyOf, OPEN_END, PriceFact, priceAt, priceVersions, PromotionFact, runningSkus, runsPromotion } from '@parity/rules';

export const SUBJECT_KINDS = ['sku', 'promotion', 'policy', 'store'] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export interface AsOfSubject {
  readonly kind: SubjectKind;
  readonly id: string;
}

/**
 * The two time axes of the log. `event`: the facts valid at T as the log states them now
 * (events whose event time is by T, scheduled prices in force at T included). `recorded`: what
 * Parity knew at T: only events recorded by T.
 */
export const TIME_AXES = ['event', 'recorded'] as const;
export type TimeAxis = (typeof TIME_AXES)[number];

export interface AsOfQuery {
  readonly subject: AsOfSubject;
  /** Epoch ms. */
  readonly at: number;
  readonly axis: TimeAxis;
}

export interface EvidenceRef {
  readonly source: string;
  readonly id: string;
  readonly position: number;
  readonly eventTime: string;
  readonly recordedAt: string;
}

/** One thing a channel showed: a price, a stock level, a promotion, a returns policy, a product. */
export interface ShownValue {
  readonly channel: string;
  readonly sku: string | undefined;
  readonly what: 'price' | 'stock' | 'product' | 'promotion' | 'returns-policy';
  readonly value: string;
  /** `in-force` at T, `scheduled` to start after T, `ended` before T. */
  readonly status: 'in-force' | 'scheduled' | 'ended';
  readonly validFrom: string | undefined;
  readonly validTo: string | undefined;
  readonly evidence: EvidenceRef;
}

/** A finding as its last change before T recorded it (the contract's finding data). */
export type FindingAtT = ReturnType<typeof findingData>;

export interface AsOfView {
  readonly subject: AsOfSubject;
  readonly at: string;
  readonly axis: TimeAxis;
  /** The events the view is folded from. */
  readonly eventsConsidered: number;
  /** The last log position recorded by T: how far Parity's record reached then. */
  readonly recordedUpTo: number;
  readonly shown: readonly ShownValue[];
  readonly scheduled: readonly ShownValue[];
  /** Findings open (not resolved) in Parity's record at T, about this subject. */
  readonly openFindings: readonly FindingAtT[];
}

/** Events a subject's view may depend on, before the axis filter. */
export function concerns(subject: AsOfSubject, fact: Fact): boolean {
  switch (subject.kind) {
    case 'sku':
      return (fact.kind === 'price' || fact.kind === 'stock' || fact.kind === 'product') && fact.sku === subject.id;
    case 'promotion':
      return fact.kind === 'promotion' && fact.promotionId === subject.id;
    case 'policy':
      return fact.kind === 'returns-policy' && fact.policyId === subject.id;
    case 'store':
      return fact.channel === subject.id || (fact.kind === 'stock' && fact.location === subject.id);
    default: {
      const unhandled: never = subject.kind;
      return unhandled;
    }
  }
}

/**
 * What every channel showed about a subject at T on one axis, and which findings were open in
 * Parity's record then. `records`: the subject's events in log order (any superset is fine);
 * `findingsAtT`: the latest version of every finding as of position `recordedUpTo`.
 */
export function asOfView(query: AsOfQuery, records: readonly LogRecord[], recordedUpTo: number, findingsAtT: readonly FindingAtT[]): AsOfView {
  const { at, subject } = query;
  const states = new Map<string, KeyState>();
  const refs = new Map<string, EvidenceRef>();
  let considered = 0;
  for (const record of records) {
    if ((query.axis === 'event' ? record.eventTime : record.recordedAt) > at) continue;
    const fact = factOf({ source: record.source, id: record.id, type: record.type, eventTime: record.eventTime, data: JSON.parse(record.dataJson) as unknown });
    if (!fact || !concerns(subject, fact)) continue;
    considered += 1;
    refs.set(ref(record.source, record.id), { source: record.source, id: record.id, position: record.position, eventTime: iso(record.eventTime), recordedAt: iso(record.recordedAt) });
    const key = keyOf(fact);
    states.set(key, evolve(states.get(key) ?? initialState(key), fact));
  }
  const values: ShownValue[] = [];
  const evidence = (fact: Fact) => refs.get(ref(fact.evidence.source, fact.evidence.id))!;
  for (const state of states.values()) values.push(...valuesOf(state, at, evidence));
  const visible = values.filter((value) => subject.kind !== 'store' || value.channel === subject.id || value.what === 'stock');
  const order = (a: ShownValue, b: ShownValue) => cmp(a.sku ?? '', b.sku ?? '') || cmp(a.what, b.what) || cmp(a.channel, b.channel) || cmp(a.validFrom ?? '', b.validFrom ?? '');
  return {
    subject,
    at: iso(at),
    axis: query.axis,
    eventsConsidered: considered,
    recordedUpTo,
    shown: visible.filter((value) => value.status === 'in-force').sort(order),
    scheduled: visible.filter((value) => value.status === 'scheduled').sort(order),
    openFindings: findingsAtT.filter((finding) => finding.status !== 'resolved' && findingConcerns(subject, finding)).sort((a, b) => cmp(a.id, b.id)),
  };
}

function valuesOf(state: KeyState, at: number, evidence: (fact: Fact) => EvidenceRef): ShownValue[] {
  switch (state.kind) {
    case 'sku': {
      const out: ShownValue[] = [];
      for (const [channel, versions] of Object.entries(state.prices)) {
        const current = priceAt(versions, at);
        if (current) out.push(price(channel, current, 'in-force', evidence));
        for (const version of priceVersions(versions)) if (version.effectiveFrom > at) out.push(price(channel, version, 'scheduled', evidence));
      }
      for (const stock of Object.values(state.stock)) {
        const value = `${stock.available} available at ${stock.location} (${stock.fulfilment.join(', ')})`;
        out.push({ channel: stock.channel, sku: stock.sku, what: 'stock', value, status: 'in-force', validFrom: iso(stock.eventTime), validTo: undefined, evidence: evidence(stock) });
      }
      const product = state.product;
      if (product) {
        const value = `category ${product.category ?? '-'}; sold in ${product.assortment?.join(', ') ?? '(not stated)'}`;
        out.push({ channel: product.channel, sku: product.sku, what: 'product', value, status: 'in-force', validFrom: iso(product.eventTime), validTo: undefined, evidence: evidence(product) });
      }
      return out;
    }
    case 'promotion':
      return Object.values(state.byChannel).map((fact) => promotion(fact, runsPromotion(state, fact.channel), runningSkus(state, fact.channel), at, evidence));
    case 'returns': {
      return Object.values(state.policies).map((policy) => ({
        channel: policy.channel,
        sku: undefined,
        what: 'returns-policy' as const,
        value: `${policy.policyId}: ${policy.returnWindowDays} days; receipt ${policy.receiptRequired === undefined ? 'not stated' : policy.receiptRequired ? 'required' : 'not required'}; refunds ${policy.refundMethods?.join(', ') ?? 'not stated'}; categories ${policy.categories.join(', ') || '-'}`,
        status: 'in-force' as const,
        validFrom: iso(policy.eventTime),
        validTo: undefined,
        evidence: evidence(policy),
      }));
    }
    default: {
      const unhandled: never = state;
      return unhandled;
    }
  }
}

function price(channel: string, fact: PriceFact, status: ShownValue['status'], evidence: (fact: Fact) => EvidenceRef): ShownValue {
  const type = fact.priceType === 'regular' ? '' : ` (${fact.priceType})`;
  return { channel, sku: fact.sku, what: 'price', value: `${fact.amount} ${fact.currency}${type}`, status, validFrom: iso(fact.effectiveFrom), validTo: until(fact.effectiveTo), evidence: evidence(fact) };
}

/** `active`: whether the channel ran it (runsPromotion); `running`: the SKUs it still ran it for. */
function promotion(fact: PromotionFact, active: boolean, running: readonly string[], at: number, evidence: (fact: Fact) => EvidenceRef): ShownValue {
  const status = !active || fact.validTo <= at ? 'ended' : fact.validFrom > at ? 'scheduled' : 'in-force';
  const discount = fact.discount ? `${fact.discount.value}${fact.discount.kind === 'percent' ? '%' : ` ${fact.discount.currency ?? ''}`.trimEnd()} off` : 'deactivated';
  const withdrawn = fact.skus.filter((sku) => !running.includes(sku));
  const skus = withdrawn.length === 0 ? `on ${fact.skus.length} SKUs` : `on ${running.length} SKUs (${withdrawn.join(', ')} taken off)`;
  return {
    channel: fact.channel,
    sku: undefined,
    what: 'promotion',
    value: active ? `${fact.promotionId}: ${discount} ${skus}` : `${fact.promotionId}: deactivated`,
    status,
    validFrom: iso(fact.validFrom),
    validTo: until(fact.validTo),
    evidence: evidence(fact),
  };
}

/** Whether a finding is about the subject: its SKU, promotion or policy, or a store among its channels. */
export function findingConcerns(subject: AsOfSubject, finding: FindingAtT): boolean {
  switch (subject.kind) {
    case 'sku':
      return finding.sku === subject.id;
    case 'promotion':
      return finding.promotionId === subject.id;
    case 'policy':
      return finding.policyId === subject.id || finding.parameters['referencePolicyId'] === subject.id;
    case 'store':
      return finding.channels.some((channel) => channel.channel === subject.id);
    default: {
      const unhandled: never = subject.kind;
      return unhandled;
    }
  }
}

function ref(source: string, id: string): string {
  return `${source}\u0000${id}`;
}

function until(epochMillis: number): string | undefined {
  return epochMillis >= OPEN_END ? undefined : iso(epochMillis);
}

function iso(epochMillis: number): string {
  return new Date(Math.min(epochMillis, 8.64e15)).toISOString();
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
