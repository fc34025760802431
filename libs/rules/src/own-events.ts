import { LoggedEvent } from './facts';
import { FINDING_ACTION_TYPES } from './lifecycle';

/**
 * A clock tick: Parity's own event saying only "the time is now this". The engine's clock is the
 * log's (recordedAt), so while every channel is quiet it stands still, and a recheck that falls
 * due (a staleness window running out, a scheduled price starting or ending) would wait for the
 * next channel event. The reconciler then appends a tick; the rechecks run when it is read, and a
 * replay of the log runs them at the same place.
 */
export const CLOCK_TICK_TYPE = 'parity.clock.ticked.v1';
export const CLOCK_SOURCE = 'parity/clock';

/** The tick appended at `now` because a recheck fell due at `dueAt` (both epoch ms). */
export function clockTick(now: number, dueAt: number): LoggedEvent {
  return { source: CLOCK_SOURCE, id: `tick-${now}`, type: CLOCK_TICK_TYPE, eventTime: now, data: { dueAt: new Date(dueAt).toISOString() } };
}

const OWN_TYPES: ReadonlySet<string> = new Set([...Object.values(FINDING_ACTION_TYPES), CLOCK_TICK_TYPE]);

/** Events Parity writes itself (operator actions, clock ticks): no channel's statement, so no channel. */
export function isOwnEvent(type: string): boolean {
  return OWN_TYPES.has(type);
}

/** The types of isOwnEvent, for readers that filter the log by type. */
export const OWN_EVENT_TYPES: readonly string[] = [...OWN_TYPES];
