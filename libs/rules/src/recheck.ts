import { RulesConfig } from './config';
import { Detection } from './detection';
import { OPEN_END, PriceFact } from './facts';
import { windowOf } from './rules/stale-channel-data.rule';
import { KeyState } from './state';

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
  let next = Number.POSITIVE_INFINITY;
  const consider = (t: number) => {
    if (t > asOf && t >= notBefore && t < next && t < OPEN_END) next = t;
  };
  for (const detection of detections) {
    consider(detection.impactAt - 7 * DAY);
    consider(detection.impactAt - DAY);
    consider(detection.impactAt);
  }
  switch (state.kind) {
    case 'sku':
      for (const [channel, newest] of Object.entries(state.prices)) {
        const window = windowOf(channel, config);
        for (let version: PriceFact | undefined = newest; version; version = version.older) {
          consider(version.effectiveFrom);
          consider(version.effectiveTo);
          consider(version.effectiveFrom - config.lookaheadMs);
          consider(version.eventTime + window + 1);
          consider(version.eventTime + DAY + 1);
          consider(version.eventTime + 7 * DAY + 1);
        }
      }
      break;
    case 'promotion':
      for (const fact of Object.values(state.byChannel)) {
        consider(fact.validFrom);
        consider(fact.validTo);
        consider(fact.validFrom - config.lookaheadMs);
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
