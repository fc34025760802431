import { Channel } from './channels';
import { Fact, isNewer, PriceFact, ProductFact, PromotionFact, ReturnsPolicyFact, StockFact } from './facts';

/** Price versions kept per channel: the newest by (effectiveFrom, event time, id). */
export const PRICE_VERSIONS_KEPT = 8;

/** What every channel states about one SKU. */
export interface SkuState {
  readonly kind: 'sku';
  readonly sku: string;
  readonly product: ProductFact | undefined;
  /** Per channel, its price versions (scheduled prices beside the current one), newest first. */
  readonly prices: Readonly<Record<Channel, readonly PriceFact[]>>;
  /** Per `channel@location`, the latest availability the channel shows there. */
  readonly stock: Readonly<Record<string, StockFact>>;
}

/** What every channel states about one promotion. */
export interface PromotionState {
  readonly kind: 'promotion';
  readonly promotionId: string;
  readonly byChannel: Readonly<Record<Channel, PromotionFact>>;
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

export function initialState(key: string): KeyState {
  if (key === RETURNS_KEY) return { kind: 'returns', policies: {} };
  if (key.startsWith('promotion:')) return { kind: 'promotion', promotionId: key.slice('promotion:'.length), byChannel: {} };
  if (key.startsWith('sku:')) return { kind: 'sku', sku: key.slice('sku:'.length), product: undefined, prices: {}, stock: {} };
  throw new RangeError(`not a state key: ${key}`);
}

/**
 * state + fact -> state. Late and out-of-order facts are applied: event time (then id) decides
 * which is current, so any arrival order of the same facts gives the same state.
 */
export function evolve(state: KeyState, fact: Fact): KeyState {
  switch (fact.kind) {
    case 'price':
      return state.kind === 'sku' ? skuState(state, { prices: { ...state.prices, [fact.channel]: withPrice(state.prices[fact.channel] ?? [], fact) } }) : state;
    case 'stock': {
      if (state.kind !== 'sku') return state;
      const key = `${fact.channel}@${fact.location}`;
      return isNewer(fact, state.stock[key]) ? skuState(state, { stock: { ...state.stock, [key]: fact } }) : state;
    }
    case 'product':
      return state.kind === 'sku' && isNewer(fact, state.product) ? skuState(state, { product: fact }) : state;
    case 'promotion':
      return state.kind === 'promotion' && isNewer(fact, state.byChannel[fact.channel])
        ? { ...state, byChannel: { ...state.byChannel, [fact.channel]: fact } }
        : state;
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

/**
 * A SKU state with some parts replaced, written as one literal in initialState's key order: the
 * same object a spread gives, built without copying the old one key by key (one per event).
 */
function skuState(state: SkuState, parts: Partial<Pick<SkuState, 'product' | 'prices' | 'stock'>>): SkuState {
  return {
    kind: 'sku',
    sku: state.sku,
    product: 'product' in parts ? parts.product : state.product,
    prices: parts.prices ?? state.prices,
    stock: parts.stock ?? state.stock,
  };
}

/** Order of price versions: the one that starts later wins, then the newer statement. */
export function comparePriceVersions(a: PriceFact, b: PriceFact): number {
  if (a.effectiveFrom !== b.effectiveFrom) return b.effectiveFrom - a.effectiveFrom;
  if (a.eventTime !== b.eventTime) return b.eventTime - a.eventTime;
  return a.evidence.id < b.evidence.id ? 1 : a.evidence.id > b.evidence.id ? -1 : 0;
}

/**
 * The versions with one more, in order, the oldest dropped past PRICE_VERSIONS_KEPT. The order is
 * total between distinct ids, so inserting at its place gives what sorting the whole list would.
 */
function withPrice(versions: readonly PriceFact[], fact: PriceFact): readonly PriceFact[] {
  let at = versions.length;
  for (let i = 0; i < versions.length; i += 1) {
    const version = versions[i]!;
    if (version.evidence.id === fact.evidence.id) return versions;
    if (at === versions.length && comparePriceVersions(fact, version) < 0) at = i;
  }
  if (at >= PRICE_VERSIONS_KEPT) return versions.length > PRICE_VERSIONS_KEPT ? versions.slice(0, PRICE_VERSIONS_KEPT) : versions;
  // concat, not spread: an array sized exactly, where spread leaves spare capacity in every state.
  return versions.slice(0, at).concat([fact], versions.slice(at, PRICE_VERSIONS_KEPT - 1));
}

/** The price a channel shows at time t: the newest version whose period contains t. */
export function priceAt(versions: readonly PriceFact[] | undefined, t: number): PriceFact | undefined {
  return versions?.find((version) => version.effectiveFrom <= t && t < version.effectiveTo);
}
