import { RulesConfig } from './config';
import { OPEN_END, PriceFact } from './facts';
import { staleCandidates } from './rules/stale-channel-data.rule';
import { KeyState, PRICE_VERSIONS_KEPT, SkuState } from './state';

/**
 * A key with no detection and no open finding at `asOf` stays without one, as time passes and no
 * event arrives, at least until the returned time: its rechecks before then find nothing and
 * change nothing, so they need not run. A lower bound, never later than the first moment a rule
 * could fire; `asOf` itself where no bound is known (nothing is skipped). Most keys of a day
 * agree, and without this each of them would be re-detected at every time nextRecheck lists.
 */
export function quietUntil(state: KeyState, asOf: number, config: RulesConfig): number {
  switch (state.kind) {
    case 'sku':
      // assortment-gap also depends on the channels known so far, which any key's event may add.
      if (state.product?.assortment !== undefined) return asOf;
      return Math.min(boundaryQuietUntil(state, asOf, config), staleQuietUntil(state, asOf, config));
    case 'promotion':
    case 'returns':
      return asOf;
    default: {
      const unhandled: never = state;
      return unhandled;
    }
  }
}

/**
 * What a price version's start or end b > asOf can bring, in one pass over the versions:
 * - price-mismatch compares every moment of [asOf, asOf + lookahead], and prices only change at a
 *   boundary; nothing found there, a mismatch can only come with a b past the window's end, once
 *   the window reaches it, at b - lookahead;
 * - stale-channel-data reads the prices shown at asOf, which stay until the next b.
 */
function boundaryQuietUntil(state: SkuState, asOf: number, config: RulesConfig): number {
  const horizon = asOf + config.lookaheadMs;
  let until = Number.POSITIVE_INFINITY;
  if (state.lastPriceBoundary <= asOf) return until;
  const consider = (boundary: number) => {
    if (boundary > horizon) until = Math.min(until, boundary - config.lookaheadMs);
    else if (boundary > asOf) until = Math.min(until, boundary);
  };
  for (const newest of Object.values(state.prices)) {
    for (let version: PriceFact | undefined = newest, n = 0; version && n < PRICE_VERSIONS_KEPT; version = version.older, n += 1) {
      consider(version.effectiveFrom);
      // An open end is no boundary: no time reaches it.
      if (version.effectiveTo < OPEN_END) consider(version.effectiveTo);
    }
  }
  return until;
}

/** With the prices shown unchanged, a channel left behind by the latest change is stale once its window runs out. */
function staleQuietUntil(state: SkuState, asOf: number, config: RulesConfig): number {
  let until = Number.POSITIVE_INFINITY;
  for (const { change, windowMs } of staleCandidates(state, asOf, config)) until = Math.min(until, change.eventTime + windowMs);
  return until;
}
