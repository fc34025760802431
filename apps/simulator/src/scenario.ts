import { SaleWindow, saleWindowAfter } from './calendar';
import { toTrafficEvent } from './channel-fact';
import { ExpectedDeadEnd, IntendedDifference, TruthFile } from './ground-truth';
import { Injection, injectionContext, MINUTE } from './injection';
import { planInjections } from './injections';
import { ordinaryTraffic } from './ordinary-traffic';
import { seededRandom } from './random';
import { ScenarioEvent } from './scenario-event';
import { ScenarioName, SCENARIOS } from './scenarios';
import { Traffic } from './traffic';
import { createWorld, World } from './world';

/** The ordinary traffic stops this long before the end: propagations take a minute at most. */
export const SETTLE_MS = 5 * MINUTE;

export interface ScenarioOptions {
  readonly seed: number;
  readonly skus: number;
  readonly stores: number;
  /** The scoring time; default: the scenario's fixed offline end. A live run passes the current time. */
  readonly end?: number;
  /** Part of every event id; default: derived from the scenario and seed. */
  readonly runId?: string;
}

export interface Scenario {
  readonly name: ScenarioName;
  readonly seed: number;
  readonly world: World;
  readonly start: number;
  /** The scoring time: every channel has caught up by then. */
  readonly end: number;
  readonly sale: SaleWindow;
  /** Ordinary and injected events, in the order they are recorded. */
  readonly events: readonly ScenarioEvent[];
  readonly injections: readonly Injection[];
  readonly truth: readonly ExpectedDeadEnd[];
}

/**
 * A scenario: the simulator's consistent traffic over a window of simulated time, plus labelled
 * dead ends of every rule and intended differences, with the ground truth of what Parity must
 * flag at the end. Pure: the same name and options give the same scenario.
 */
export function generateScenario(name: ScenarioName, options: ScenarioOptions): Scenario {
  const spec = SCENARIOS[name];
  const end = options.end ?? Date.parse(spec.offlineEnd);
  const start = end - spec.durationMs;
  const sale = saleWindowAfter(end, spec.saleLeadMs);
  const runId = options.runId ?? `scn-${name}-${options.seed}`;
  const world = createWorld(seededRandom(options.seed), options);

  // A stream of its own, so the injections do not shift the ordinary traffic of a seed.
  const context = injectionContext(world, { start, end, settleMs: SETTLE_MS, sale }, seededRandom(options.seed ^ 0x5ce7a810));
  const injections = planInjections(context, spec.rounds);

  const traffic = new Traffic({ seed: options.seed, skus: options.skus, stores: options.stores, runId, world, reserved: context.reserved, sale, mix: spec.mix });
  const ordinary = ordinaryTraffic(traffic, { start, stopAt: end - SETTLE_MS, end }, spec);
  const injected = injections.flatMap((injection) =>
    injection.facts.map(({ at, fact }) => ({ at, fact, injection: injection.label })),
  );
  const injectedEvents = injected.map(({ at, fact, injection }, index) => ({
    ...toTrafficEvent(fact, `${runId}-x${index + 1}`, at),
    recordedAt: at,
    injection,
  }));
  return {
    name,
    seed: options.seed,
    world,
    start,
    end,
    sale,
    events: inRecordOrder([...ordinary, ...injectedEvents]),
    injections,
    truth: injections.flatMap((injection) => injection.expected),
  };
}

/** What a later, live scoring needs: the expected dead ends and what must not be flagged. */
export function truthFileOf(scenario: Scenario): TruthFile {
  const intended: IntendedDifference[] = scenario.injections
    .filter((injection) => injection.expected.length === 0)
    .map((injection) => ({ injection: injection.label, description: injection.description }));
  return { scenario: scenario.name, seed: scenario.seed, scoringTime: new Date(scenario.end).toISOString(), expected: scenario.truth, intended };
}

/** By recording time; a stable sort keeps each source's order within the same second. */
function inRecordOrder(events: ScenarioEvent[]): ScenarioEvent[] {
  return events.sort((a, b) => a.recordedAt - b.recordedAt);
}
