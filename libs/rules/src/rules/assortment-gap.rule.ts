import { expandChannels } from '../channels';
import { Detection, DetectionContext, severityOf, sortedChannels, sortedEvidence } from '../detection';
import { PriceFact } from '../facts';
import { PRICE_VERSIONS_KEPT, priceAt, SkuState } from '../state';

/**
 * assortment-gap: the catalog says a product is sold in a channel (its assortment, globs over the
 * known channels) but the channel shows no price for it now, never having had one or its price
 * having ended. One finding per (SKU, channel); a product that does not state its assortment is not
 * judged.
 */
export function assortmentGap(state: SkuState, context: DetectionContext): Detection[] {
  const { asOf, knownChannels } = context;
  const product = state.product;
  if (!product?.assortment) return [];
  const detections: Detection[] = [];
  for (const channel of expandChannels(product.assortment, knownChannels)) {
    const versions = state.prices[channel];
    if (priceAt(versions, asOf)) continue;
    const ended = lastEnded(versions, asOf);
    // Customers meet the gap once the product is listed there and any earlier price has ended.
    const impactAt = Math.max(product.eventTime, ended?.effectiveTo ?? product.eventTime);
    // Without a price online or on the phone the product cannot be bought; a store can price it at the till.
    const level = channel.startsWith('store/') ? 1 : 2;
    detections.push({
      rule: 'assortment-gap',
      subject: { kind: 'sku', id: state.sku },
      sku: state.sku,
      promotionId: undefined,
      policyId: undefined,
      channels: sortedChannels([
        { channel, value: 'no price' },
        ...(product.channel === channel ? [] : [{ channel: product.channel, value: `meant to be sold in ${channel}` }]),
      ]),
      impactAt,
      severity: severityOf(level, impactAt, asOf),
      evidence: sortedEvidence([product.evidence, ...(ended && ended.effectiveTo > product.eventTime ? [ended.evidence] : [])]),
      parameters: {
        ...(product.category === undefined ? {} : { category: product.category }),
        assortment: product.assortment.join(','),
      },
    });
  }
  return detections;
}

/** The channel's price that ended last before asOf, if any. */
function lastEnded(newest: PriceFact | undefined, asOf: number): PriceFact | undefined {
  let last: PriceFact | undefined;
  for (let version = newest, n = 0; version && n < PRICE_VERSIONS_KEPT; version = version.older, n += 1) if (version.effectiveTo <= asOf && (!last || version.effectiveTo > last.effectiveTo)) last = version;
  return last;
}
