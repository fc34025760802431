import { EVENT_TYPES } from '@parity/contracts';
import { Channel } from './channels';
import { Fact, isNewer, OPEN_END, PriceFact, ProductFact, PromotionFact, ReturnsPolicyFact, StockFact } from './facts';
import { OWN_WORDS, Vocabulary } from './vocabulary';

/**
 * Price versions kept per channel: the newest by (effectiveFrom, event time, id). A chain may run
 * on past them (see withPrice): every reader stops after this many.
 */
export const PRICE_VERSIONS_KEPT = 8;

/**
 * The length past which a chain is cut back to the versions kept. Until then the versions behind
 * a new one are shared, the ones no longer kept with them: a new price costs one object instead
 * of a copy of the chain (eight objects, the garbage most of a replay's collections were about).
 */
const CHAIN_CUT_AT = 2 * PRICE_VERSIONS_KEPT;

/** What every channel states about one SKU. */
export interface SkuState {
  readonly kind: 'sku';
  readonly sku: string;
  readonly product: ProductFact | undefined;
  /**
   * Per channel, its newest price version; the others (scheduled prices beside the current one,
   * the ones replaced) follow through `older`.
   */
  readonly prices: Readonly<Record<Channel, PriceFact>>;
  /**
   * No price version of any channel starts or ends after this: past it, prices only change with
   * new statements. Never lowered (a dropped version may leave it high), so it only ever says
   * "nothing ahead" when that is true; most SKUs have nothing scheduled, and their scans stop here.
   */
  readonly lastPriceBoundary: number;
  /** Per `channel@location`, the latest availability the channel shows there. */
  readonly stock: Readonly<Record<string, StockFact>>;
}

/** What every channel states about one promotion. */
export interface PromotionState {
  readonly kind: 'promotion';
  readonly promotionId: string;
  /** Per channel, its latest activation or deactivation of the whole promotion. */
  readonly byChannel: Readonly<Record<Channel, PromotionFact>>;
  /**
   * Per channel and SKU, its latest deactivation naming that SKU (a deactivation that carries
   * `skus` takes those off the promotion). It counts against an activation older than itself only:
   * a later activation states the SKUs anew. See runningSkus.
   */
  readonly withdrawn: Readonly<Record<Channel, Readonly<Record<string, PromotionFact>>>>;
}

/** Every channel's returns policies: compared per category, so they live together. */
export interface ReturnsState {
  readonly kind: 'returns';
  /** Per `channel|policyId`, the latest version. */
  readonly policies: Readonly<Record<string, ReturnsPolicyFact>>;
}

export type KeyState = SkuState | PromotionState | ReturnsState;

export const RETURNS_KEY = 'returns-policies';

/** The key a fact's state lives under: the unit of partitioning. */
export function keyOf(fact: Fact): string {
  switch (fact.kind) {
    case 'price':
    case 'stock':
    case 'product':
      return `sku:${fact.sku}`;
    case 'promotion':
      return `promotion:${fact.promotionId}`;
    case 'returns-policy':
      return RETURNS_KEY;
    default: {
      const unhandled: never = fact;
      return unhandled;
    }
  }
}

/**
 * The key a channel event's fact lives under, read from its type and `subject` without parsing its
 * data: keyOf of its fact, since ingest rejects a subject that names anything but what the data is
 * about (subject-mismatch). undefined for other types, which need their data to tell.
 */
export function keyOfSubject(type: string, subject: string): string | undefined {
  switch (type) {
    case EVENT_TYPES.priceSet:
    case EVENT_TYPES.stockLevel:
    case EVENT_TYPES.productUpserted:
      return `sku:${subject}`;
    case EVENT_TYPES.promotionActivated:
    case EVENT_TYPES.promotionDeactivated:
      return `promotion:${subject}`;
    case EVENT_TYPES.returnsPolicySet:
      return RETURNS_KEY;
    default:
      return undefined;
  }
}

// Most SKU states never hold stock, or hold prices only later: one empty record for all of them.
const NOTHING: Readonly<Record<string, never>> = Object.freeze({});

export function initialState(key: string, vocabulary: Pick<Vocabulary, 'word'> = OWN_WORDS): KeyState {
  if (key === RETURNS_KEY) return { kind: 'returns', policies: {} };
  if (key.startsWith('promotion:')) return { kind: 'promotion', promotionId: key.slice('promotion:'.length), byChannel: {}, withdrawn: {} };
  if (key.startsWith('sku:')) return { kind: 'sku', sku: vocabulary.word(key.slice('sku:'.length)), product: undefined, prices: NOTHING, lastPriceBoundary: Number.NEGATIVE_INFINITY, stock: NOTHING };
  throw new RangeError(`not a state key: ${key}`);
}

/**
 * state + fact -> state. Late and out-of-order facts are applied: event time (then id) decides
 * which is current, so any arrival order of the same facts gives the same state.
 */
export function evolve(state: KeyState, fact: Fact): KeyState {
  switch (fact.kind) {
    case 'price': {
      if (state.kind !== 'sku') return state;
      const current = state.prices[fact.channel];
      const next = withPrice(current, fact);
      if (next === current) return state;
      const boundary = Math.max(state.lastPriceBoundary, fact.effectiveFrom, fact.effectiveTo < OPEN_END ? fact.effectiveTo : Number.NEGATIVE_INFINITY);
      return skuState(state, { prices: withEntry(state.prices, fact.channel, next), lastPriceBoundary: boundary });
    }
    case 'stock': {
      if (state.kind !== 'sku') return state;
      const key = `${fact.channel}@${fact.location}`;
      return isNewer(fact, state.stock[key]) ? skuState(state, { stock: withEntry(state.stock, key, fact) }) : state;
    }
    case 'product':
      return state.kind === 'sku' && isNewer(fact, state.product) ? skuState(state, { product: fact }) : state;
    case 'promotion': {
      if (state.kind !== 'promotion') return state;
      if (!fact.active && fact.skus.length > 0) return withWithdrawal(state, fact);
      return isNewer(fact, state.byChannel[fact.channel]) ? { ...state, byChannel: { ...state.byChannel, [fact.channel]: fact } } : state;
    }
    case 'returns-policy': {
      if (state.kind !== 'returns') return state;
      const key = `${fact.channel}|${fact.policyId}`;
      return isNewer(fact, state.policies[key]) ? { ...state, policies: { ...state.policies, [key]: fact } } : state;
    }
    default: {
      const unhandled: never = fact;
      return unhandled;
    }
  }
}

/** A deactivation naming SKUs: kept per SKU, the newest for each. */
function withWithdrawal(state: PromotionState, fact: PromotionFact): PromotionState {
  const current = state.withdrawn[fact.channel] ?? {};
  let next: Record<string, PromotionFact> | undefined;
  for (const sku of fact.skus) {
    if (!isNewer(fact, current[sku])) continue;
    next ??= { ...current };
    next[sku] = fact;
  }
  return next ? { ...state, withdrawn: { ...state.withdrawn, [fact.channel]: next } } : state;
}

/**
 * The SKUs a channel runs a promotion for: those of its latest activation that no newer
 * deactivation took off. Empty when its latest word was a deactivation of the whole promotion.
 * Order-free: the activation and each SKU's withdrawal are each the newest of their kind.
 */
export function runningSkus(state: PromotionState, channel: Channel): readonly string[] {
  const fact = state.byChannel[channel];
  if (!fact?.active) return [];
  const withdrawn = state.withdrawn[channel];
  if (!withdrawn) return fact.skus;
  return fact.skus.filter((sku) => {
    const withdrawal = withdrawn[sku];
    return !withdrawal || !isNewer(withdrawal, fact);
  });
}

/**
 * Whether a channel runs a promotion at all: its latest word was an activation, and some SKU of
 * it is still on, or it named none (an empty list: not limited to SKUs the rules can compare).
 */
export function runsPromotion(state: PromotionState, channel: Channel): boolean {
  const fact = state.byChannel[channel];
  return fact?.active === true && (fact.skus.length === 0 || runningSkus(state, channel).length > 0);
}

/** The deactivations that took the given SKUs off a channel's current activation (none older than it). */
export function withdrawalsOf(state: PromotionState, channel: Channel, skus: readonly string[]): PromotionFact[] {
  const activation = state.byChannel[channel];
  const withdrawn = state.withdrawn[channel];
  if (!activation?.active || !withdrawn) return [];
  return skus.flatMap((sku) => {
    const withdrawal = withdrawn[sku];
    return withdrawal && isNewer(withdrawal, activation) ? [withdrawal] : [];
  });
}

/**
 * A SKU state with some parts replaced, written as one literal in initialState's key order: the
 * same object a spread gives, built without copying the old one key by key (one per event).
 */
function skuState(state: SkuState, parts: Partial<Pick<SkuState, 'product' | 'prices' | 'lastPriceBoundary' | 'stock'>>): SkuState {
  return {
    kind: 'sku',
    sku: state.sku,
    product: 'product' in parts ? parts.product : state.product,
    prices: parts.prices ?? state.prices,
    lastPriceBoundary: parts.lastPriceBoundary ?? state.lastPriceBoundary,
    stock: parts.stock ?? state.stock,
  };
}

/**
 * The record with `key` set to `value`. A key it lacks goes in with the others in sorted order:
 * records with the same keys then share one hidden class, whatever order the channels spoke in.
 * Built from arrival order, SKUs had dozens, and the lookups by channel in every detection went
 * through V8's megamorphic path (a fifth of the engine's time on traffic that compares channels).
 */
function withEntry<V>(record: Readonly<Record<string, V>>, key: string, value: V): Record<string, V> {
  if (Object.hasOwn(record, key)) return { ...record, [key]: value };
  // fromEntries defines own properties, whatever the name (never a prototype setter).
  const entries: [string, V][] = [...Object.entries(record), [key, value]];
  return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Order of price versions: the one that starts later wins, then the newer statement. */
export function comparePriceVersions(a: PriceFact, b: PriceFact): number {
  if (a.effectiveFrom !== b.effectiveFrom) return b.effectiveFrom - a.effectiveFrom;
  if (a.eventTime !== b.eventTime) return b.eventTime - a.eventTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * The versions with one more, in order, the oldest kept dropped past PRICE_VERSIONS_KEPT. The
 * order is total between distinct ids, so inserting at its place gives what sorting the whole list
 * would. Chains are never changed: the versions in front of the new one are copied, the ones behind
 * it shared (a new price is mostly the newest, so that is one object), with those no longer kept
 * behind them until the chain is CHAIN_CUT_AT long; then the kept ones are copied without them.
 * The walk stops at the new version's place: what follows ranks below it, so it is neither the
 * same statement nor read (a new price is mostly the newest, and the old ones are cold memory).
 */
function withPrice(newest: PriceFact | undefined, fact: PriceFact): PriceFact {
  const versions = keptVersions;
  versions.length = 0;
  let behind = newest;
  for (; behind && comparePriceVersions(fact, behind) >= 0; behind = behind.older) {
    if (behind.id === fact.id) return newest!;
    versions.push(behind);
    if (versions.length >= PRICE_VERSIONS_KEPT) return newest!;
  }
  const at = versions.length;
  let chain = behind;
  if ((newest?.depth ?? 0) + 1 > CHAIN_CUT_AT) {
    // Too long: the new chain holds only the versions kept, those behind the new one copied.
    for (let version = behind; version && versions.length < PRICE_VERSIONS_KEPT - 1; version = version.older) versions.push(version);
    chain = undefined;
    for (let i = versions.length - 1; i >= at; i -= 1) chain = versions[i]!.before(chain);
  }
  chain = fact.before(chain);
  for (let i = at - 1; i >= 0; i -= 1) chain = versions[i]!.before(chain);
  return chain;
}

// withPrice's list of the versions kept, reused: it runs for every price and never re-enters.
const keptVersions: PriceFact[] = [];

/** The price a channel shows at time t: the newest version whose period contains t. */
export function priceAt(newest: PriceFact | undefined, t: number): PriceFact | undefined {
  for (let version = newest, n = 0; version && n < PRICE_VERSIONS_KEPT; version = version.older, n += 1) if (version.effectiveFrom <= t && t < version.effectiveTo) return version;
  return undefined;
}

/** A channel's price versions, newest first, as a list (for readers that are not in a hot path). */
export function priceVersions(newest: PriceFact | undefined): PriceFact[] {
  const versions: PriceFact[] = [];
  for (let version = newest, n = 0; version && n < PRICE_VERSIONS_KEPT; version = version.older, n += 1) versions.push(version);
  return versions;
}
