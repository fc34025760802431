import { toMinorUnits } from '@parity/contracts';
import { groupMembers } from '../channels';
import { Detection, DetectionContext, severityOf, sortedChannels, sortedEvidence } from '../detection';
import { PriceFact } from '../facts';
import { isoTime } from '../iso-time';
import { showsOnePrice } from '../one-price';
import { PRICE_VERSIONS_KEPT, priceAt, SkuState } from '../state';

/**
 * price-mismatch: two channels of one pricing group show different prices for the same SKU at
 * the same time, now or at a scheduled change within the lookahead (a Black Friday price loaded
 * in the e-shop and not in stores is found the day it is loaded, with impactAt on Black Friday).
 * Each channel that differs from the reference is one finding: (SKU, reference, channel).
 */
export function priceMismatch(state: SkuState, context: DetectionContext): Detection[] {
  const { config, asOf } = context;
  // Nothing scheduled ahead and one price shown now: no two channels can differ.
  if (state.lastPriceBoundary <= asOf && showsOnePrice(state, asOf)) return [];
  const detections = new Map<string, Detection>();
  for (const group of config.pricingGroups) {
    const channels = groupMembers(state.prices, group);
    if (channels.length < 2) continue;
    for (const t of comparisonTimes(state, channels, asOf, asOf + config.lookaheadMs)) {
      const shown = new Map<string, PriceFact>();
      for (const channel of channels) {
        const price = priceAt(state.prices[channel], t);
        if (price && !config.exemptPriceTypes.includes(price.priceType as 'clearance' | 'channel-exclusive')) shown.set(channel, price);
      }
      const reference = referenceOf(shown, config.referenceChannels);
      if (!reference) continue;
      for (const [channel, price] of shown) {
        if (channel === reference.channel || detections.has(channel) || withinTolerance(reference, price, context)) continue;
        const impactAt = t > asOf ? t : Math.max(reference.effectiveFrom, price.effectiveFrom);
        const difference = percentDifference(reference, price);
        detections.set(channel, {
          rule: 'price-mismatch',
          subject: { kind: 'sku', id: state.sku },
          sku: state.sku,
          promotionId: undefined,
          policyId: undefined,
          channels: sortedChannels([
            { channel: reference.channel, value: `${reference.amount} ${reference.currency}` },
            { channel, value: `${price.amount} ${price.currency}` },
          ]),
          impactAt,
          severity: severityOf(difference >= 20 ? 3 : difference >= 10 ? 2 : difference >= 2 ? 1 : 0, impactAt, asOf),
          evidence: sortedEvidence([reference.evidence, price.evidence]),
          parameters: {
            referenceChannel: reference.channel,
            differencePercent: Math.round(difference * 100) / 100,
            toleranceAbsolute: config.moneyTolerance.absolute,
            tolerancePercent: config.moneyTolerance.percent,
            // Only a scheduled comparison names its moment: "now" moves at every recheck and
            // would make each one an update that changes nothing a person acts on.
            ...(t > asOf ? { comparedAt: isoTime(t) } : {}),
          },
        });
      }
    }
  }
  return [...detections.values()];
}

/** Now, and every moment within the lookahead at which some channel's price changes, in order. */
function comparisonTimes(state: SkuState, channels: readonly string[], asOf: number, until: number): number[] {
  const times = [asOf];
  if (state.lastPriceBoundary <= asOf) return times;
  for (const channel of channels) {
    for (let version = state.prices[channel], n = 0; version && n < PRICE_VERSIONS_KEPT; version = version.older, n += 1) {
      if (version.effectiveFrom > asOf && version.effectiveFrom <= until) times.push(version.effectiveFrom);
      if (version.effectiveTo > asOf && version.effectiveTo <= until) times.push(version.effectiveTo);
    }
  }
  // Most SKUs have no scheduled change ahead: only now, with no set or sort to build.
  return times.length === 1 ? times : [...new Set(times)].sort((a, b) => a - b);
}

/** The reference channel's price, else the most common price (ties: the first channel alphabetically). */
function referenceOf(shown: ReadonlyMap<string, PriceFact>, referenceChannels: readonly string[]): PriceFact | undefined {
  for (const channel of referenceChannels) {
    const price = shown.get(channel);
    if (price) return price;
  }
  const counts = new Map<string, { count: number; first: PriceFact }>();
  for (const price of shown.values()) {
    const key = `${price.minor}|${price.currency}`;
    const entry = counts.get(key);
    if (entry) entry.count += 1;
    else counts.set(key, { count: 1, first: price });
  }
  let best: { count: number; first: PriceFact } | undefined;
  for (const entry of counts.values()) {
    if (!best || entry.count > best.count || (entry.count === best.count && entry.first.channel < best.first.channel)) best = entry;
  }
  return best?.first;
}

// The tolerance is read once per configuration, not once per comparison.
const absoluteTolerances = new WeakMap<object, bigint>();

function withinTolerance(reference: PriceFact, price: PriceFact, context: DetectionContext): boolean {
  if (reference.currency !== price.currency) return false;
  // Channels mostly agree: no BigInt arithmetic for that (both tolerances are never negative).
  if (reference.minor === price.minor) return true;
  const difference = reference.minor > price.minor ? reference.minor - price.minor : price.minor - reference.minor;
  let absolute = absoluteTolerances.get(context.config.moneyTolerance);
  if (absolute === undefined) {
    absolute = toMinorUnits(context.config.moneyTolerance.absolute);
    absoluteTolerances.set(context.config.moneyTolerance, absolute);
  }
  // Percent tolerance in ten-thousandths, to stay in integers.
  const relative = (reference.minor * BigInt(Math.round(context.config.moneyTolerance.percent * 10_000))) / 1_000_000n;
  return difference <= (absolute > relative ? absolute : relative);
}

function percentDifference(reference: PriceFact, price: PriceFact): number {
  if (reference.currency !== price.currency || reference.minor === 0n) return 100;
  const difference = reference.minor > price.minor ? reference.minor - price.minor : price.minor - reference.minor;
  return Number((difference * 1_000_000n) / reference.minor) / 10_000;
}

