import { toMinorUnits } from '@parity/contracts';
import { expandChannels } from '../channels';
import { Detection, DetectionContext, severityOf, sortedChannels, sortedEvidence } from '../detection';
import { OPEN_END, PromotionFact } from '../facts';
import { PromotionState, runningSkus, runsPromotion, withdrawalsOf } from '../state';

type Reason = 'not-running' | 'other-discount' | 'other-dates' | 'missing-skus';

/**
 * promotion-mismatch: a channel advertises a promotion as valid in another channel (its scope),
 * now or starting within the lookahead, and that channel does not run it, runs it with another
 * discount or other dates, or runs it without some of the advertised SKUs (the till refuses the
 * promotion on those). One finding per (promotion, channel in scope); the advertiser is the first
 * advertising channel, alphabetically, whose scope holds it, so the finding keeps its id.
 */
export function promotionMismatch(state: PromotionState, context: DetectionContext): Detection[] {
  const { config, asOf, knownChannels } = context;
  const advertisers = Object.keys(state.byChannel)
    .sort()
    .flatMap((channel) => {
      const fact = state.byChannel[channel];
      return fact && isAdvertised(fact, asOf, asOf + config.lookaheadMs) && runsPromotion(state, channel) ? [fact] : [];
    });
  const detections: Detection[] = [];
  const compared = new Set<string>();
  const pairs = new Set<string>();
  for (const advertiser of advertisers) {
    const advertised = runningSkus(state, advertiser.channel);
    for (const channel of expandChannels(advertiser.scope, knownChannels)) {
      if (channel === advertiser.channel || compared.has(channel)) continue;
      compared.add(channel);
      // Two advertisers in each other's scope are one pair (one finding id): compared once.
      const pair = pairOf(advertiser.channel, channel);
      if (pairs.has(pair)) continue;
      pairs.add(pair);
      const running = state.byChannel[channel];
      const runs = runsPromotion(state, channel);
      // A run that names no SKUs is not limited to some: nothing to find missing.
      const runsSkus = runningSkus(state, channel);
      const missing = runs && runsSkus.length > 0 ? advertised.filter((sku) => !runsSkus.includes(sku)) : [];
      const reason = reasonOf(advertiser, runs ? running : undefined, missing);
      if (!reason) continue;
      // The deactivations that took SKUs off this channel's run of it, if they are why.
      const withdrawals = reason === 'not-running' ? withdrawalsOf(state, channel, running?.skus ?? []) : reason === 'missing-skus' ? withdrawalsOf(state, channel, missing) : [];
      // From the start of the promotion, or from when the channel stopped or ran its own version.
      const impactAt = Math.max(advertiser.validFrom, running?.eventTime ?? advertiser.validFrom, ...withdrawals.map((w) => w.eventTime));
      detections.push({
        rule: 'promotion-mismatch',
        subject: { kind: 'promotion', id: state.promotionId },
        sku: undefined,
        promotionId: state.promotionId,
        policyId: undefined,
        channels: sortedChannels([
          { channel: advertiser.channel, value: describe(advertiser) },
          { channel, value: valueShown(reason, running, missing) },
        ]),
        impactAt,
        severity: severityOf(reason === 'not-running' || reason === 'missing-skus' ? 2 : 1, impactAt, asOf),
        evidence: sortedEvidence(uniqueEvidence([advertiser, ...(running ? [running] : []), ...withdrawals])),
        parameters: { reason, advertisedBy: advertiser.channel, skus: advertised.join(','), ...(reason === 'missing-skus' ? { missingSkus: missing.join(',') } : {}) },
      });
    }
  }
  return detections;
}

/** Active, not over yet, and starting no later than the lookahead reaches. */
function isAdvertised(fact: PromotionFact, asOf: number, until: number): boolean {
  return fact.active && fact.validTo > asOf && fact.validFrom <= until;
}

/** `running`: the channel's activation when it runs the promotion for some SKU, else undefined. */
function reasonOf(advertised: PromotionFact, running: PromotionFact | undefined, missing: readonly string[]): Reason | undefined {
  if (!running?.active) return 'not-running';
  if (!sameDiscount(advertised.discount, running.discount)) return 'other-discount';
  if (advertised.validFrom !== running.validFrom || advertised.validTo !== running.validTo) return 'other-dates';
  if (missing.length > 0) return 'missing-skus';
  return undefined;
}

function valueShown(reason: Reason, running: PromotionFact | undefined, missing: readonly string[]): string {
  if (reason === 'not-running' || !running) return 'not running';
  return reason === 'missing-skus' ? `${describe(running)}, not for ${missing.join(', ')}` : describe(running);
}

/** Each fact's evidence once: one deactivation may take several SKUs off. */
function uniqueEvidence(facts: readonly PromotionFact[]): PromotionFact['evidence'][] {
  const seen = new Set<PromotionFact>();
  return facts.filter((fact) => !seen.has(fact) && seen.add(fact)).map((fact) => fact.evidence);
}

type Discount = PromotionFact['discount'];

/**
 * Values compared as money: "20" and "20.00" percent are the same discount. A currency matters
 * for money off and a fixed price only: a percentage stated with a stray currency is the same offer.
 */
function sameDiscount(a: Discount, b: Discount): boolean {
  if (!a || !b) return a === b;
  if (a.kind !== b.kind || toMinorUnits(a.value) !== toMinorUnits(b.value)) return false;
  return a.kind === 'percent' || a.currency === b.currency;
}

/** "20% off, 2026-11-27T00:00:00.000Z..2026-11-30T23:59:59.000Z", as a person reads it. */
function describe(fact: PromotionFact): string {
  // An open end is beyond the largest Date, so it is named rather than formatted.
  const until = fact.validTo === OPEN_END ? 'open' : new Date(fact.validTo).toISOString();
  return `${discountText(fact.discount)}, ${new Date(fact.validFrom).toISOString()}..${until}`;
}

function discountText(discount: Discount): string {
  if (!discount) return 'no discount';
  const currency = discount.currency ? ` ${discount.currency}` : '';
  // `kind` is a string in the fact: a kind added to the contract later still reads sensibly.
  if (discount.kind === 'percent') return `${discount.value}% off`;
  if (discount.kind === 'amount') return `${discount.value}${currency} off`;
  if (discount.kind === 'fixed-price') return `for ${discount.value}${currency}`;
  return `${discount.kind} ${discount.value}${currency}`;
}

function pairOf(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}
