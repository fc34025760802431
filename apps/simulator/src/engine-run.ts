import { advanceClock, DEFAULT_RULES_CONFIG, emptyProjection, Finding, instantsOf, OpenFindings, RecordedEvent, RulesConfig, stepInstant } from '@parity/rules';
import { World } from './world';

/** The rules as a retailer starts with them, knowing every channel of the world from the start. */
export function rulesConfigFor(world: World): RulesConfig {
  return { ...DEFAULT_RULES_CONFIG, channels: [...world.channels] };
}

/**
 * The pure engine over a log, instant by instant with the log's clock, as the reconciler runs it;
 * then time moves on to the scoring time (data goes stale without any event). Returns the
 * findings not resolved at the scoring time. `owns` limits the run to some state keys, as a
 * reconciler instance owning those partitions would run: keys never depend on each other.
 */
export function openFindingsAt(
  events: Iterable<RecordedEvent>,
  scoringTime: number,
  config: RulesConfig,
  owns: (key: string) => boolean = () => true,
): Finding[] {
  const projection = emptyProjection(config);
  const open: OpenFindings = new Map();
  for (const instant of instantsOf(events)) {
    if (instant[0]!.recordedAt > scoringTime) break;
    stepInstant(projection, open, instant, config, owns);
  }
  advanceClock(projection, open, scoringTime, config);
  return [...open.values()].flat();
}
