/**
 * What the rules are told, with defaults a retailer can start from. Configuration is data: it
 * comes in with every call, so a replay with the same configuration gives the same findings.
 */
export interface RulesConfig {
  /** Prices closer than this are equal: an absolute amount (decimal string) or a percentage. */
  readonly moneyTolerance: { readonly absolute: string; readonly percent: number };
  /** Groups of channels (names or globs) that must show the same price; each group is compared on its own. */
  readonly pricingGroups: readonly (readonly string[])[];
  /** The channels whose price is the reference, in order of preference; otherwise the most common price. */
  readonly referenceChannels: readonly string[];
  /** Price types that are intended differences: never a price mismatch. */
  readonly exemptPriceTypes: readonly ('channel-exclusive' | 'clearance')[];
  /** How far ahead scheduled prices and promotions are compared (ms). */
  readonly lookaheadMs: number;
  /** Offering a SKU at a location whose own stock is at or below this is a dead end. */
  readonly stockThreshold: number;
  /** Two views of a location's stock may differ by this many units. */
  readonly stockTolerance: number;
  /** How long a channel may take to confirm a change other channels made (ms), per channel glob. */
  readonly staleness: { readonly defaultMs: number; readonly byChannel: Readonly<Record<string, number>> };
  /** Channels Parity knows before they publish anything (globs expand over these too). */
  readonly channels: readonly string[];
}

export const DEFAULT_RULES_CONFIG: RulesConfig = {
  moneyTolerance: { absolute: '0.00', percent: 0 },
  pricingGroups: [['*']],
  referenceChannels: ['eshop'],
  exemptPriceTypes: ['channel-exclusive'],
  lookaheadMs: 60 * 24 * 3_600_000,
  stockThreshold: 0,
  stockTolerance: 5,
  staleness: { defaultMs: 3_600_000, byChannel: {} },
  channels: [],
};
