import { Detection, DetectionContext } from './detection';
import { assortmentGap } from './rules/assortment-gap.rule';
import { priceMismatch } from './rules/price-mismatch.rule';
import { promotionMismatch } from './rules/promotion-mismatch.rule';
import { ALL_PRODUCTS, returnsPolicyMismatch } from './rules/returns-policy-mismatch.rule';
import { staleChannelData } from './rules/stale-channel-data.rule';
import { stockMismatch } from './rules/stock-mismatch.rule';
import { KeyState } from './state';

/** state -> the dead ends it holds, now and within the lookahead, each with its category when known. */
export function detect(state: KeyState, context: DetectionContext): Detection[] {
  switch (state.kind) {
    case 'sku': {
      const detections = [
        ...priceMismatch(state, context),
        ...staleChannelData(state, context),
        ...assortmentGap(state, context),
        ...stockMismatch(state, context),
      ];
      const category = state.product?.category;
      return category === undefined ? detections : detections.map((detection) => ({ ...detection, category }));
    }
    case 'promotion':
      return promotionMismatch(state, context);
    case 'returns':
      return returnsPolicyMismatch(state, context).map((detection) =>
        detection.subject.id === ALL_PRODUCTS ? detection : { ...detection, category: detection.subject.id },
      );
    default: {
      const unhandled: never = state;
      return unhandled;
    }
  }
}
