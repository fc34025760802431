import { Detection, DetectionContext } from '../detection';
import { PromotionState } from '../state';

// Being written: see issue 3. Returns nothing until then.
export function promotionMismatch(_state: PromotionState, _context: DetectionContext): Detection[] {
  return [];
}
