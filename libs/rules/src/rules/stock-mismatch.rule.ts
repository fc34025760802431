import { Detection, DetectionContext, severityOf, sortedChannels, sortedEvidence } from '../detection';
import { StockFact } from '../facts';
import { SkuState } from '../state';

type Reason = 'offered-without-stock' | 'views-disagree';

/**
 * stock-mismatch: a channel offers a SKU at a location (click and collect, in store) while the
 * location's own stock, which is authoritative, is at or below the threshold, or the two views of
 * that stock differ by more than the tolerance. One finding per (SKU, offering channel, location);
 * a location that has not stated its own stock is not judged.
 */
export function stockMismatch(state: SkuState, context: DetectionContext): Detection[] {
  const { config, asOf } = context;
  const keys = Object.keys(state.stock);
  // Most SKUs hold no stock view, or one: nothing to compare.
  if (keys.length < 2) return [];
  // In the order of their keys; sorting the few found is sorting the keys (they are unique).
  const found: [string, Detection][] = [];
  for (const key of keys) {
    const shown = state.stock[key];
    if (!shown || shown.channel === shown.location || !isOffered(shown)) continue;
    const own = state.stock[ownKey(shown.location)];
    if (!own) continue;
    const reason = reasonOf(own, shown, config.stockThreshold, config.stockTolerance);
    if (!reason) continue;
    const impactAt = Math.max(own.eventTime, shown.eventTime);
    found.push([key, {
      rule: 'stock-mismatch',
      subject: { kind: 'sku', id: state.sku },
      sku: state.sku,
      promotionId: undefined,
      policyId: undefined,
      channels: sortedChannels([
        { channel: own.location, value: `${own.available} available` },
        { channel: shown.channel, value: `offers ${[...shown.fulfilment].sort().join(' and ')}, ${shown.available} available` },
      ]),
      impactAt,
      severity: severityOf(levelOf(reason, own, shown), impactAt, asOf),
      evidence: sortedEvidence([own.evidence, shown.evidence]),
      parameters: {
        location: own.location,
        offeredBy: shown.channel,
        reason,
        threshold: config.stockThreshold,
        tolerance: config.stockTolerance,
        locationAvailable: own.available,
        shownAvailable: shown.available,
      },
    }]);
  }
  if (found.length > 1) found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return found.map(([, detection]) => detection);
}

// The key of a location's own view, per location: built once rather than at every detection.
const ownKeys = new Map<string, string>();

function ownKey(location: string): string {
  let key = ownKeys.get(location);
  if (key === undefined) {
    key = `${location}@${location}`;
    if (ownKeys.size < 10_000) ownKeys.set(location, key);
  }
  return key;
}

/** A channel offers the SKU there only when it shows stock and some way to get it. */
function isOffered(shown: StockFact): boolean {
  return shown.fulfilment.length > 0 && shown.available > 0;
}

function reasonOf(own: StockFact, shown: StockFact, threshold: number, tolerance: number): Reason | undefined {
  if (own.available <= threshold) return 'offered-without-stock';
  if (Math.abs(shown.available - own.available) > tolerance) return 'views-disagree';
  return undefined;
}

/** An empty shelf promised for collection is a wasted trip: the worst case. */
function levelOf(reason: Reason, own: StockFact, shown: StockFact): 1 | 2 | 3 {
  switch (reason) {
    case 'offered-without-stock':
      return own.available <= 0 && shown.fulfilment.includes('click-and-collect') ? 3 : 2;
    case 'views-disagree':
      return 1;
    default: {
      const unhandled: never = reason;
      return unhandled;
    }
  }
}
