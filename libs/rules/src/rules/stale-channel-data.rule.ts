import { Channel, groupMembers, matchesChannel } from '../channels';
import { RulesConfig } from '../config';
import { Detection, DetectionContext, severityOf, sortedChannels, sortedEvidence } from '../detection';
import { isNewer, PriceFact } from '../facts';
import { isoTime } from '../iso-time';
import { showsOnePrice } from '../one-price';
import { PRICE_VERSIONS_KEPT, priceAt, SkuState } from '../state';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * stale-channel-data: a channel still shows a price another channel of its pricing group has
 * changed away from, and has said nothing since, for longer than its staleness window (the contact
 * center still quoting last week's price). The change is the newest price statement in effect; a
 * channel that spoke after it, or shows a price the changing channel never showed, is a price
 * mismatch, not stale. One finding per (SKU, stale channel). Depends on asOf on purpose: time
 * passing makes data stale.
 */
export function staleChannelData(state: SkuState, context: DetectionContext): Detection[] {
  const { config, asOf } = context;
  const candidates = staleCandidates(state, asOf, config);
  if (candidates.length === 0) return [];
  const detections = new Map<Channel, Detection>();
  for (const { channel, price, change, windowMs } of candidates) {
    const staleForMs = asOf - change.eventTime;
    if (detections.has(channel) || staleForMs <= windowMs) continue;
    // Customers meet the stale answer once the change is stated and both prices are in effect.
    const impactAt = Math.max(change.eventTime, change.effectiveFrom, price.effectiveFrom);
    detections.set(channel, {
      rule: 'stale-channel-data',
      subject: { kind: 'sku', id: state.sku },
      sku: state.sku,
      promotionId: undefined,
      policyId: undefined,
      channels: sortedChannels([
        { channel: change.channel, value: describe(change) },
        { channel, value: describe(price) },
      ]),
      impactAt,
      severity: severityOf(staleForMs > 7 * DAY ? 3 : staleForMs > DAY ? 2 : 1, impactAt, asOf),
      evidence: sortedEvidence([change.evidence, price.evidence]),
      // Not how long it has been stale (asOf - changedAt): that grows at every recheck and would
      // make each one an update; the severity says when it has been stale for long.
      parameters: { changedBy: change.channel, changedAt: isoTime(change.eventTime), windowMs },
    });
  }
  return [...detections.values()];
}

/** A channel left behind by a change, stale once the change is older than its window. */
export interface StaleCandidate {
  readonly channel: Channel;
  readonly price: PriceFact;
  readonly change: PriceFact;
  readonly windowMs: number;
}

/**
 * Per pricing group, in group order, the channels still showing at asOf a price the latest change
 * moved away from, whatever the time since. Time passing only decides which are stale (and
 * quietUntil reads when they will be), so this part is shared.
 */
export function staleCandidates(state: SkuState, asOf: number, config: RulesConfig): StaleCandidate[] {
  // One price shown: no channel shows one the latest change moved away from.
  if (showsOnePrice(state, asOf)) return [];
  const candidates: StaleCandidate[] = [];
  for (const group of config.pricingGroups) {
    const shown = new Map<Channel, PriceFact>();
    for (const channel of groupMembers(state.prices, group)) {
      const price = priceAt(state.prices[channel], asOf);
      if (price && !config.exemptPriceTypes.includes(price.priceType as 'clearance' | 'channel-exclusive')) shown.set(channel, price);
    }
    const change = latestOf(shown.values());
    if (!change) continue;
    for (const [channel, price] of shown) {
      if (channel === change.channel || samePrice(price, change)) continue;
      if (lastSpokeAt(state.prices[channel]) >= change.eventTime) continue;
      if (!movedAwayFrom(price, change, state.prices[change.channel])) continue;
      candidates.push({ channel, price, change, windowMs: windowOf(channel, config) });
    }
  }
  return candidates;
}

/** The newest statement by event time, then id: the same winner in any arrival order. */
function latestOf(prices: Iterable<PriceFact>): PriceFact | undefined {
  let latest: PriceFact | undefined;
  for (const price of prices) if (isNewer(price, latest)) latest = price;
  return latest;
}

/**
 * The changing channel showed this price before: the other channel still gives the old answer. A
 * price it never showed is another answer, a price mismatch, not data left behind by the change.
 */
function movedAwayFrom(price: PriceFact, change: PriceFact, changedNewest: PriceFact | undefined): boolean {
  for (let version = changedNewest, n = 0; version && n < PRICE_VERSIONS_KEPT; version = version.older, n += 1) if (version.eventTime < change.eventTime && samePrice(version, price)) return true;
  return false;
}

/** When the channel last said anything about the SKU's price, scheduled prices included. */
function lastSpokeAt(newest: PriceFact | undefined): number {
  let last = Number.MIN_SAFE_INTEGER;
  for (let version = newest, n = 0; version && n < PRICE_VERSIONS_KEPT; version = version.older, n += 1) if (version.eventTime > last) last = version.eventTime;
  return last;
}

function samePrice(a: PriceFact, b: PriceFact): boolean {
  return a.minor === b.minor && a.currency === b.currency;
}

// Windows are read on every detection and recheck: once per (configuration, channel) is enough.
const windows = new WeakMap<RulesConfig['staleness'], Map<Channel, number>>();

/**
 * How long a channel may take to confirm a change: its own window, else the first matching glob in
 * sorted order, else the default.
 */
export function windowOf(channel: Channel, config: RulesConfig): number {
  let known = windows.get(config.staleness);
  if (!known) windows.set(config.staleness, (known = new Map()));
  let window = known.get(channel);
  if (window === undefined) known.set(channel, (window = readWindow(channel, config)));
  return window;
}

function readWindow(channel: Channel, config: RulesConfig): number {
  const { byChannel, defaultMs } = config.staleness;
  const exact = byChannel[channel];
  if (exact !== undefined) return exact;
  const glob = Object.keys(byChannel)
    .sort()
    .find((pattern) => matchesChannel(pattern, channel));
  return (glob === undefined ? undefined : byChannel[glob]) ?? defaultMs;
}

function describe(price: PriceFact): string {
  return `${price.amount} ${price.currency} since ${isoTime(price.effectiveFrom)}`;
}
