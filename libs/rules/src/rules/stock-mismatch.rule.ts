import { Detection, DetectionContext } from '../detection';
import { SkuState } from '../state';

// Being written: see issue 3. Returns nothing until then.
export function stockMismatch(_state: SkuState, _context: DetectionContext): Detection[] {
  return [];
}
