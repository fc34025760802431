import { RulesConfig } from './config';
import { LoggedEvent } from './facts';
import { Finding, FindingChange, reconcile } from './finding';
import { apply, detectKey, Projection } from './projection';
import { Detection } from './detection';
import { quietUntil } from './quiet';
import { nextRecheck } from './recheck';
import { actionOf, applyAction, FindingAction } from './lifecycle';

/** A logged event with the time Parity recorded it: the log's own clock. */
export interface RecordedEvent extends LoggedEvent {
  readonly recordedAt: number;
}

/** Findings not yet resolved, by state key. */
export type OpenFindings = Map<string, Finding[]>;

/**
 * The events Parity recorded at one moment (one append: they share recordedAt), being taken in.
 * Time moves on to the instant first (rechecks due by then), then every event is applied, and the
 * keys they touched are judged once, when the instant closes: a rule never sees a state between two
 * events Parity learnt at the same moment (one channel's new price beside another's old one while a
 * batch loads), so no finding opens and resolves within one instant. The history is a function of
 * the log alone: live and replayed runs group the log's events by recorded time the same way.
 */
export interface Instant {
  /** The recorded time of the instant's events. */
  readonly at: number;
  /** The keys the instant's events changed, in the order they were first touched. */
  readonly touched: Set<string>;
  /** Changes made so far: the clock's rechecks, then operator actions, in log order. */
  readonly changes: FindingChange[];
}

/** Starts an instant at `at`: keys due for a recheck by then go first, each at its own time. */
export function openInstant(projection: Projection, open: OpenFindings, at: number, config: RulesConfig): Instant {
  return { at, touched: new Set(), changes: advanceClock(projection, open, at, config) };
}

/** One event of the instant: its fact applied (its key judged at the close), or an operator action handled now. */
export function take(projection: Projection, open: OpenFindings, instant: Instant, event: LoggedEvent, owns: (key: string) => boolean = () => true): void {
  const action = actionOf(event);
  if (action) {
    if (owns(action.key)) instant.changes.push(...handle(projection, open, action, instant.at));
    return;
  }
  const key = apply(projection, event, owns);
  if (key !== undefined) instant.touched.add(key);
}

/**
 * An event of a key this run does not own, known as such without its data (keyOfSubject): what
 * take does with it, its channel becoming known, without parsing it.
 */
export function passBy(projection: Projection, event: Pick<RecordedEvent, 'source'>): void {
  projection.knownChannels.add(event.source);
}

/** Judges every key the instant touched, at its time: the instant's finding changes, all of them. */
export function closeInstant(projection: Projection, open: OpenFindings, instant: Instant, config: RulesConfig): FindingChange[] {
  let changes = instant.changes;
  for (const key of instant.touched) changes = appended(changes, redetect(projection, open, key, instant.at, config));
  return changes;
}

/** The events of one recorded instant (all with the same recordedAt) -> the finding changes they cause. */
export function stepInstant(
  projection: Projection,
  open: OpenFindings,
  events: readonly RecordedEvent[],
  config: RulesConfig,
  owns: (key: string) => boolean = () => true,
): FindingChange[] {
  const first = events[0];
  if (!first) return [];
  const instant = openInstant(projection, open, first.recordedAt, config);
  for (const event of events) take(projection, open, instant, event, owns);
  return closeInstant(projection, open, instant, config);
}

/** One event recorded alone (an instant of one event) -> the finding changes it causes. */
export function step(
  projection: Projection,
  open: OpenFindings,
  event: RecordedEvent,
  config: RulesConfig,
  owns: (key: string) => boolean = () => true,
): FindingChange[] {
  return stepInstant(projection, open, [event], config, owns);
}

/**
 * A log's events, in log order -> its instants: runs of consecutive events with the same recorded
 * time. Appends give each transaction a recorded time later than the one before, so an instant
 * is one append.
 */
export function* instantsOf<E extends Pick<RecordedEvent, 'recordedAt'>>(events: Iterable<E>): Generator<E[]> {
  let instant: E[] = [];
  for (const event of events) {
    if (instant.length > 0 && instant[0]!.recordedAt !== event.recordedAt) {
      yield instant;
      instant = [];
    }
    instant.push(event);
  }
  if (instant.length > 0) yield instant;
}

/** Both lists as one, without copying when one is empty (mostly both are). */
function appended(first: FindingChange[], second: FindingChange[]): FindingChange[] {
  if (second.length === 0) return first;
  if (first.length === 0) return second;
  for (const change of second) first.push(change);
  return first;
}

/** Rechecks every key due at or before `now`, one at a time: a recheck may schedule another that is also due. */
export function advanceClock(projection: Projection, open: OpenFindings, now: number, config: RulesConfig): FindingChange[] {
  let changes: FindingChange[] = [];
  for (let due = projection.wakeups.next(now); due; due = projection.wakeups.next(now)) {
    changes = appended(changes, redetect(projection, open, due[1], due[0], config));
  }
  return changes;
}

/** An operator action on an open finding: an `updated` change, or nothing when it does not apply. */
function handle(projection: Projection, open: OpenFindings, action: FindingAction, at: number): FindingChange[] {
  const findings = open.get(action.key) ?? [];
  const finding = findings.find((candidate) => candidate.id === action.findingId);
  if (!finding) return [];
  const outcome = applyAction(finding, action, at);
  if (!outcome.ok) return [];
  open.set(action.key, findings.map((candidate) => (candidate.id === finding.id ? outcome.finding : candidate)));
  schedule(projection, open, action.key, undefined, at);
  return [{ type: 'updated', finding: outcome.finding }];
}

/** Detects a key at a time, turns that into finding changes, and schedules its next recheck. */
export function redetect(projection: Projection, open: OpenFindings, key: string, asOf: number, config: RulesConfig): FindingChange[] {
  const detections = detectKey(projection, key, asOf, config);
  const changes = reconcile(key, open.get(key) ?? [], detections, asOf);
  if (changes.length > 0) open.set(key, stillOpen(open.get(key) ?? [], changes));
  schedule(projection, open, key, recheckOf(projection, open, key, detections, asOf, config), asOf);
  return changes;
}

/**
 * When a key's findings may next change with no event: nextRecheck's times, skipping those at
 * which a key with nothing detected and nothing open would still find nothing. Skipped rechecks
 * would have emitted no change, so the history is the same; they were most of the work.
 */
function recheckOf(projection: Projection, open: OpenFindings, key: string, detections: readonly Detection[], asOf: number, config: RulesConfig): number | undefined {
  const state = projection.states.get(key);
  if (!state) return undefined;
  const quiet = detections.length === 0 && (open.get(key)?.length ?? 0) === 0 ? quietUntil(state, asOf, config) : asOf;
  // Quiet for good, as most SKUs whose channels agree are: no time to look for.
  return quiet === Number.POSITIVE_INFINITY ? undefined : nextRecheck(state, detections, asOf, config, quiet);
}

/** The next recheck of a key: what its state says, or a suppression running out, whichever comes first. */
function schedule(projection: Projection, open: OpenFindings, key: string, fromState: number | undefined, asOf: number): void {
  let next = fromState;
  for (const finding of open.get(key) ?? []) {
    const until = finding.status === 'suppressed' ? finding.handling?.until : undefined;
    if (until !== undefined && until > asOf && (next === undefined || until < next)) next = until;
  }
  projection.wakeups.schedule(key, next);
}

/**
 * After a silent rebuild (state applied without detection), schedules the rechecks of the given
 * keys as a run that had detected all along would have them pending at `asOf`.
 */
export function scheduleRechecks(projection: Projection, open: OpenFindings, keys: Iterable<string>, asOf: number, config: RulesConfig): void {
  for (const key of keys) schedule(projection, open, key, recheckOf(projection, open, key, detectKey(projection, key, asOf, config), asOf, config), asOf);
}

function stillOpen(current: readonly Finding[], changes: readonly FindingChange[]): Finding[] {
  const byId = new Map(current.map((finding) => [finding.id, finding]));
  for (const { type, finding } of changes) {
    if (type === 'resolved') byId.delete(finding.id);
    else byId.set(finding.id, finding);
  }
  return [...byId.values()];
}
