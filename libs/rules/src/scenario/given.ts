import { DEFAULT_RULES_CONFIG, RulesConfig } from '../config';
import { Detection, RuleId } from '../detection';
import { LoggedEvent } from '../facts';
import { apply, detectKey, emptyProjection } from '../projection';

/** given(events).at(time) -> what each rule detects, for specs that read as scenarios. */
export function given(events: readonly LoggedEvent[], overrides: Partial<RulesConfig> = {}) {
  const config: RulesConfig = { ...DEFAULT_RULES_CONFIG, ...overrides };
  const projection = emptyProjection(config);
  for (const event of events) apply(projection, event);
  const detectAt = (iso: string): Detection[] =>
    [...projection.states.keys()].sort().flatMap((key) => detectKey(projection, key, Date.parse(iso), config));
  return {
    at: (iso: string, rule?: RuleId): Detection[] => detectAt(iso).filter((d) => rule === undefined || d.rule === rule),
    projection,
    config,
  };
}

/** The channels and values of a detection, compactly: { eshop: '129.99 PLN', ... }. */
export function shown(detection: Detection | undefined): Record<string, string> {
  return Object.fromEntries((detection?.channels ?? []).map((c) => [c.channel, c.value]));
}
