import { Detection, DetectionContext } from './detection';
import { assortmentGap } from './rules/assortment-gap.rule';
import { priceMismatch } from './rules/price-mismatch.rule';
import { promotionMismatch } from './rules/promotion-mismatch.rule';
import { returnsPolicyMismatch } from './rules/returns-policy-mismatch.rule';
import { staleChannelData } from './rules/stale-channel-data.rule';
import { stockMismatch } from './rules/stock-mismatch.rule';
import { KeyState } from './state';

/** state -> the dead ends it holds, now and within the lookahead. */
export function detect(state: KeyState, context: DetectionContext): Detection[] {
  switch (state.kind) {
    case 'sku':
      return [
        ...priceMismatch(state, context),
        ...staleChannelData(state, context),
        ...assortmentGap(state, context),
        ...stockMismatch(state, context),
      ];
    case 'promotion':
      return promotionMismatch(state, context);
    case 'returns':
      return returnsPolicyMismatch(state, context);
    default: {
      const unhandled: never = state;
      return unhandled;
    }
  }
}
