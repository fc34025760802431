import { RulesConfig } from './config';
import { Detection } from './detection';
import { OPEN_END, PriceFact } from './facts';
import { windowOf } from './rules/stale-channel-data.rule';
import { KeyState, PRICE_VERSIONS_KEPT } from './state';

const DAY = 86_400_000;

/**
 * The next moment at which a key's findings may change with no new event: a price or promotion
 * starting, ending or entering the lookahead, a staleness window running out, a finding's impact
 * coming within a week or a day (its severity rises). Over-approximate on purpose: a recheck that
 * changes nothing costs one detection; a missed one leaves a dead end unseen. Times before
 * `notBefore` are passed over: the caller knows the rechecks there would change nothing (quietUntil).
 */
export function nextRecheck(
  state: KeyState,
  detections: readonly Detection[],
  asOf: number,
  config: RulesConfig,
  notBefore: number = Number.NEGATIVE_INFINITY,
): number | undefined {
  // Times after asOf and from notBefore on, the earliest of them; open ends are no time.
  let next = Number.POSITIVE_INFINITY;
  const earliest = (t: number) => (t > asOf && t >= notBefore && t < next && t < OPEN_END ? t : next);
  for (const detection of detections) {
    next = earliest(detection.impactAt - 7 * DAY);
    next = earliest(detection.impactAt - DAY);
    next = earliest(detection.impactAt);
  }
  switch (state.kind) {
    case 'sku':
      for (const channel in state.prices) {
        const window = windowOf(channel, config);
        for (let version: PriceFact | undefined = state.prices[channel], n = 0; version && n < PRICE_VERSIONS_KEPT; version = version.older, n += 1) {
          const from = version.effectiveFrom;
          const eventTime = version.eventTime;
          next = earliest(from);
          next = earliest(version.effectiveTo);
          next = earliest(from - config.lookaheadMs);
          next = earliest(eventTime + window + 1);
          next = earliest(eventTime + DAY + 1);
          next = earliest(eventTime + 7 * DAY + 1);
        }
      }
      break;
    case 'promotion':
      for (const fact of Object.values(state.byChannel)) {
        next = earliest(fact.validFrom);
        next = earliest(fact.validTo);
        next = earliest(fact.validFrom - config.lookaheadMs);
      }
      break;
    case 'returns':
      break;
    default: {
      const unhandled: never = state;
      return unhandled;
    }
  }
  return Number.isFinite(next) ? next : undefined;
}
