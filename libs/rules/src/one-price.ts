import { PriceFact } from './facts';
import { priceAt, SkuState } from './state';

/**
 * Every channel that shows the SKU a price at `asOf` shows the same amount in the same currency.
 * Then no channel differs from another at asOf, whatever the pricing groups, reference or exempt
 * types: price-mismatch (at asOf) and stale-channel-data have nothing to compare, and can say so
 * without building their maps. Most SKUs, most of the time, are such.
 */
export function showsOnePrice(state: SkuState, asOf: number): boolean {
  // Asked in turn by price-mismatch, stale-channel-data and quietUntil about the same prices, which
  // are never changed in place: the last answer stays right.
  if (last.prices === state.prices && last.asOf === asOf) return last.answer;
  const answer = onePrice(state, asOf);
  last = { prices: state.prices, asOf, answer };
  return answer;
}

let last: { readonly prices: object; readonly asOf: number; readonly answer: boolean } = { prices: {}, asOf: Number.NaN, answer: false };

function onePrice(state: SkuState, asOf: number): boolean {
  let first: PriceFact | undefined;
  for (const channel in state.prices) {
    const price = priceAt(state.prices[channel], asOf);
    if (!price) continue;
    if (!first) first = price;
    else if (price.money !== first.money && (price.minor !== first.minor || price.currency !== first.currency)) return false;
  }
  return true;
}
