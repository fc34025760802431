import { DEFAULT_RULES_CONFIG, RulesConfig } from './config';
import { detect } from './detect';
import { Detection } from './detection';
import { factOf, LoggedEvent } from './facts';
import { Finding, FindingChange, reconcile } from './finding';
import { actionOf } from './lifecycle';
import { isOwnEvent } from './own-events';
import { evolve, initialState, KeyState, keyOf } from './state';
import { Vocabulary } from './vocabulary';
import { Wakeups } from './wakeups';

/**
 * The per-channel views of every key, folded from the log. Kept in a Map for speed; every change
 * goes through the pure `evolve`, so the same events in any order give the same states.
 */
export interface Projection {
  readonly states: Map<string, KeyState>;
  readonly knownChannels: Set<string>;
  /** Keys whose findings may change as time passes, and when (see nextRecheck). */
  readonly wakeups: Wakeups;
  /** The strings and amounts the facts share. */
  readonly vocabulary: Vocabulary;
}

export function emptyProjection(config: RulesConfig = DEFAULT_RULES_CONFIG): Projection {
  return { states: new Map(), knownChannels: new Set(config.channels), wakeups: new Wakeups(), vocabulary: new Vocabulary() };
}

/**
 * Applies one logged event; returns the key it touched (undefined for events the rules ignore).
 * `owns` limits the states kept to a partition's keys; channels are learned from every channel
 * event. Parity's own events are no channel's: a rebuild that applies an operator action must not
 * make `parity/feed` a channel that `*` stands for, since a run that steps through it does not.
 */
export function apply(projection: Projection, event: LoggedEvent, owns: (key: string) => boolean = () => true): string | undefined {
  if (isOwnEvent(event.type)) return undefined;
  projection.knownChannels.add(event.source);
  const fact = factOf(event, projection.vocabulary);
  if (!fact) return undefined;
  const key = keyOf(fact);
  if (!owns(key)) return undefined;
  projection.states.set(key, evolve(projection.states.get(key) ?? initialState(key, projection.vocabulary), fact));
  return key;
}

export function detectKey(projection: Projection, key: string, asOf: number, config: RulesConfig): Detection[] {
  const state = projection.states.get(key);
  return state ? detect(state, { asOf, config, knownChannels: projection.knownChannels }) : [];
}

/** Every key's findings after a whole log: what a clean run of the reconciler ends with. */
export function findingsOf(events: Iterable<LoggedEvent>, asOf: number, config: RulesConfig = DEFAULT_RULES_CONFIG): Finding[] {
  const projection = emptyProjection(config);
  for (const event of events) apply(projection, event);
  const changes: FindingChange[] = [];
  for (const key of [...projection.states.keys()].sort()) changes.push(...reconcile(key, [], detectKey(projection, key, asOf, config), asOf));
  return changes.map((change) => change.finding);
}

/**
 * The state key an event belongs to, without applying it: its fact's key, or for a lifecycle action
 * (acknowledge, suppress, ...) the key of the finding it acts on, the partition that handles it.
 */
export function keyOfEvent(event: LoggedEvent): string | undefined {
  const action = actionOf(event);
  if (action) return action.key;
  const fact = factOf(event);
  return fact ? keyOf(fact) : undefined;
}
