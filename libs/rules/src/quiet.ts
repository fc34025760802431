import { RulesConfig } from './config';
import { OPEN_END } from './facts';
import { staleCandidates } from './rules/stale-channel-data.rule';
import { KeyState, SkuState } from './state';

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
      return Math.min(priceMismatchQuietUntil(state, asOf, config), staleQuietUntil(state, asOf, config), assortmentQuietUntil(state, asOf));
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
 * price-mismatch compares every moment of [asOf, asOf + lookahead], and prices only change at a
 * version's start or end. Nothing found in that window: a mismatch can only come in with a
 * boundary b past its end, once the window reaches it, at b - lookahead.
 */
function priceMismatchQuietUntil(state: SkuState, asOf: number, config: RulesConfig): number {
  const horizon = asOf + config.lookaheadMs;
  let until = Number.POSITIVE_INFINITY;
  forEachBoundary(state, (boundary) => {
    if (boundary > horizon) until = Math.min(until, boundary - config.lookaheadMs);
  });
  return until;
}

/**
 * stale-channel-data reads the prices shown at asOf, which change only at a boundary, and fires
 * once a channel left behind by the latest change has waited longer than its window.
 */
function staleQuietUntil(state: SkuState, asOf: number, config: RulesConfig): number {
  let until = Number.POSITIVE_INFINITY;
  forEachBoundary(state, (boundary) => {
    if (boundary > asOf) until = Math.min(until, boundary);
  });
  for (const { change, windowMs } of staleCandidates(state, asOf, config)) until = Math.min(until, change.eventTime + windowMs);
  return until;
}

/** assortment-gap also depends on the channels known so far, which any key's event may add: no bound. */
function assortmentQuietUntil(state: SkuState, asOf: number): number {
  return state.product?.assortment === undefined ? Number.POSITIVE_INFINITY : asOf;
}

/** Every moment a channel's price starts or ends; an open end is none (no time reaches it). */
function forEachBoundary(state: SkuState, visit: (boundary: number) => void): void {
  for (const versions of Object.values(state.prices)) {
    for (const version of versions) {
      visit(version.effectiveFrom);
      if (version.effectiveTo < OPEN_END) visit(version.effectiveTo);
    }
  }
}
