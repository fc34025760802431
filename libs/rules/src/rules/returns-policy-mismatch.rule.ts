import { Detection, DetectionContext } from '../detection';
import { ReturnsState } from '../state';

// Being written: see issue 3. Returns nothing until then.
export function returnsPolicyMismatch(_state: ReturnsState, _context: DetectionContext): Detection[] {
  return [];
}
