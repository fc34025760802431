import { EVENT_TYPES, ReturnsPolicySetData } from '@parity/contracts';
import { matchesChannel } from '../channels';
import { deadEnd, Injection, InjectionContext } from '../injection';
import { returnsPolicyOf } from '../returns-policies';

/** One store gives 14 days to return a category, where every other channel gives 30. */
export function storeShorterReturnWindow(context: InjectionContext): Injection | undefined {
  const category = context.category();
  if (!category) return undefined;
  const store = context.store();
  const at = context.at();
  const policy = { ...categoryPolicy(store, category), returnWindowDays: 14 };
  const label = `store-shorter-return-window ${category}@${store}`;
  return {
    label,
    description: `${category}: ${store} takes returns for 14 days, every other channel for 30`,
    facts: [{ at, fact: { type: EVENT_TYPES.returnsPolicySet, source: store, data: policy } }],
    expected: [deadEnd(label, 'returns-policy-mismatch', { kind: 'category', id: category }, [referenceOf(context, store), store], at, false)],
  };
}

/** One store gives 14 days to return one SKU (a policy naming it), where every other channel gives 30. */
export function storeShorterReturnWindowForSku(context: InjectionContext): Injection | undefined {
  const product = context.product();
  if (!product) return undefined;
  const store = context.store();
  const at = context.at();
  const policy: ReturnsPolicySetData = {
    ...returnsPolicyOf(store),
    policyId: `RET-${store.slice('store/'.length)}-${product.sku}`,
    appliesTo: { categories: [], skus: [product.sku] },
    returnWindowDays: 14,
  };
  const label = `store-shorter-return-window-for-sku ${product.sku}@${store}`;
  return {
    label,
    description: `${product.sku}: ${store} takes it back within 14 days, every other channel within 30`,
    facts: [{ at, fact: { type: EVENT_TYPES.returnsPolicySet, source: store, data: policy } }],
    expected: [deadEnd(label, 'returns-policy-mismatch', { kind: 'sku', id: product.sku }, [referenceOf(context, store), store], at, false)],
  };
}

/**
 * One store stops taking back online purchases of a category, while the online channels keep
 * promising returns in every store: each of those promises is a dead end.
 */
export function storeRefusesOnlineReturns(context: InjectionContext): Injection | undefined {
  const category = context.category();
  if (!category) return undefined;
  const store = context.store();
  const at = context.at();
  const policy: ReturnsPolicySetData = { ...categoryPolicy(store, category), acceptsReturnsOf: ['store/*'] };
  const label = `store-refuses-online-returns ${category}@${store}`;
  const promisers = context.world.channels.filter(
    (channel) =>
      channel !== store &&
      (returnsPolicyOf(channel).returnableAt ?? []).some((glob) => matchesChannel(glob, store)) &&
      !(policy.acceptsReturnsOf ?? []).some((glob) => matchesChannel(glob, channel)),
  );
  return {
    label,
    description: `${category}: ${store} refuses returns of online purchases that ${promisers.join(', ')} promise it takes`,
    facts: [{ at, fact: { type: EVENT_TYPES.returnsPolicySet, source: store, data: policy } }],
    expected: promisers.map((promiser) => deadEnd(label, 'returns-policy-mismatch', { kind: 'category', id: category }, [promiser, store], at, false)),
  };
}

/** The store's standard policy, narrowed to one category under a policy id of its own. */
export function categoryPolicy(store: string, category: string): ReturnsPolicySetData {
  return {
    ...returnsPolicyOf(store),
    policyId: `RET-${store.slice('store/'.length)}-${category.toUpperCase()}`,
    appliesTo: { categories: [category], skus: [] },
  };
}

/**
 * The channel a window difference is reported against: the rule takes the most common policy,
 * and of the channels applying it the first by name (all but the injected store agree).
 */
function referenceOf(context: InjectionContext, store: string): string {
  const reference = [...context.world.channels].sort().find((channel) => channel !== store);
  if (reference === undefined) throw new RangeError('a returns-policy difference needs a second channel');
  return reference;
}
