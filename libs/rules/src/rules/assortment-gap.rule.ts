import { Detection, DetectionContext } from '../detection';
import { SkuState } from '../state';

// Being written: see issue 3. Returns nothing until then.
export function assortmentGap(_state: SkuState, _context: DetectionContext): Detection[] {
  return [];
}
