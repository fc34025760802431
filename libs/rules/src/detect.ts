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
      const detections = joined([priceMismatch(state, context), staleChannelData(state, context), assortmentGap(state, context), stockMismatch(state, context)]);
      const category = state.product?.category;
      return category === undefined ? detections : detections.map((detection) => withCategory(detection, category));
    }
    case 'promotion':
      return promotionMismatch(state, context);
    case 'returns':
      return returnsPolicyMismatch(state, context).map((detection) =>
        detection.subject.kind !== 'category' || detection.subject.id === ALL_PRODUCTS ? detection : withCategory(detection, detection.subject.id),
      );
    default: {
      const unhandled: never = state;
      return unhandled;
    }
  }
}

/** The rules' lists in order, as one: most are empty, and then nothing is copied. */
function joined(lists: Detection[][]): Detection[] {
  let result: Detection[] | undefined;
  for (const list of lists) {
    if (list.length === 0) continue;
    if (!result) result = list;
    else result = result.concat(list);
  }
  return result ?? [];
}

/** A detection with its category, as one literal in a fixed order (see findingOf: no spread). */
function withCategory(detection: Detection, category: string): Detection {
  return {
    rule: detection.rule,
    subject: detection.subject,
    sku: detection.sku,
    promotionId: detection.promotionId,
    policyId: detection.policyId,
    category,
    channels: detection.channels,
    impactAt: detection.impactAt,
    severity: detection.severity,
    evidence: detection.evidence,
    parameters: detection.parameters,
  };
}
