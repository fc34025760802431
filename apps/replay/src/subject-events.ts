import { SubjectKind } from '@parity/audit';
import { EVENT_TYPES } from '@parity/contracts';

/** SQL condition on event_log selecting the events about a subject; `p` is the id's placeholder. */
export function subjectCondition(kind: SubjectKind, p: string): string {
  switch (kind) {
    case 'sku':
      return `(type IN ('${EVENT_TYPES.priceSet}', '${EVENT_TYPES.stockLevel}', '${EVENT_TYPES.productUpserted}') AND data->>'sku' = ${p})`;
    case 'promotion':
      return `(type IN ('${EVENT_TYPES.promotionActivated}', '${EVENT_TYPES.promotionDeactivated}') AND data->>'promotionId' = ${p})`;
    case 'policy':
      return `(type = '${EVENT_TYPES.returnsPolicySet}' AND data->>'policyId' = ${p})`;
    case 'store':
      return `(source = ${p} OR (type = '${EVENT_TYPES.stockLevel}' AND data->>'location' = ${p}))`;
    default: {
      const unhandled: never = kind;
      return unhandled;
    }
  }
}
