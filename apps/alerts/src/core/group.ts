import { GroupTiming } from './alerts-config';

/** What a group remembers between evaluations (stored in PostgreSQL). */
export interface GroupState {
  readonly key: string;
  readonly routeId: string;
  readonly receiver: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly createdAt: number;
  /** The last group_interval tick after the first notification; null before it. */
  readonly flushedAt: number | null;
  readonly notifiedAt: number | null;
  /** `id@severity` of the findings the last notification told as firing, sorted. */
  readonly notified: readonly string[];
}

/** A finding of the group as this evaluation sees it. */
export interface GroupMember {
  readonly id: string;
  readonly severity: string;
  readonly resolved: boolean;
  /** Silenced, inhibited or suppressed by ops: not told, but the group is not resolved either. */
  readonly muted: boolean;
}

export type GroupNotification =
  | { readonly kind: 'firing'; readonly firing: readonly string[]; readonly resolved: readonly string[]; readonly reason: 'first' | 'changed' | 'repeat' }
  | { readonly kind: 'resolved'; readonly resolved: readonly string[] };

export interface GroupStep {
  /** null: the group is done (all resolved and told, or never told and nothing left). */
  readonly state: GroupState | null;
  readonly notification: GroupNotification | null;
  /** When the group next needs an evaluation, if nothing arrives before. */
  readonly wakeAt: number | null;
}

/** A new group, for a finding that routes to a group that does not exist yet. */
export function openGroup(key: string, routeId: string, receiver: string, labels: Readonly<Record<string, string>>, now: number): GroupState {
  return { key, routeId, receiver, labels, createdAt: now, flushedAt: null, notifiedAt: null, notified: [] };
}

/**
 * One evaluation of a group at `now` (Prometheus Alertmanager's timing): the first notification
 * `group_wait` after the group opened; then at every `group_interval` tick a notification if the
 * firing set changed, or a repeat once `repeat_interval` passed since the last one; and when every
 * finding told as firing has resolved, one resolved notification that closes the group.
 */
export function stepGroup(state: GroupState, members: readonly GroupMember[], timing: GroupTiming, now: number): GroupStep {
  const firing = members.filter((member) => !member.resolved && !member.muted);
  const fingerprint = firing.map((member) => `${member.id}@${member.severity}`).sort();
  const firingIds = new Set(firing.map((member) => member.id));
  const mutedActive = members.some((member) => !member.resolved && member.muted);

  if (state.notifiedAt === null || state.flushedAt === null) {
    if (firing.length === 0) {
      // Nothing was told: a group whose findings all resolved (or left) within group_wait is dropped.
      return mutedActive ? { state, notification: null, wakeAt: null } : { state: null, notification: null, wakeAt: null };
    }
    const due = state.createdAt + timing.groupWaitMs;
    if (now < due) return { state, notification: null, wakeAt: due };
    return {
      state: { ...state, flushedAt: now, notifiedAt: now, notified: fingerprint },
      notification: { kind: 'firing', firing: [...firingIds].sort(), resolved: [], reason: 'first' },
      wakeAt: now + timing.groupIntervalMs,
    };
  }

  const due = state.flushedAt + timing.groupIntervalMs;
  if (now < due) return { state, notification: null, wakeAt: due };
  const told = state.notified.map((entry) => entry.slice(0, entry.lastIndexOf('@')));
  const resolvedIds = new Set(members.filter((member) => member.resolved).map((member) => member.id));
  const gone = told.filter((id) => resolvedIds.has(id)).sort();

  if (firing.length === 0) {
    // Muted findings still active: the group is quiet, not resolved.
    if (mutedActive) return { state: { ...state, flushedAt: now }, notification: null, wakeAt: now + timing.groupIntervalMs };
    return { state: null, notification: { kind: 'resolved', resolved: told.slice().sort() }, wakeAt: null };
  }
  if (!sameList(fingerprint, state.notified)) {
    return {
      state: { ...state, flushedAt: now, notifiedAt: now, notified: fingerprint },
      notification: { kind: 'firing', firing: [...firingIds].sort(), resolved: gone, reason: 'changed' },
      wakeAt: now + timing.groupIntervalMs,
    };
  }
  if (now >= state.notifiedAt + timing.repeatIntervalMs) {
    return {
      state: { ...state, flushedAt: now, notifiedAt: now },
      notification: { kind: 'firing', firing: [...firingIds].sort(), resolved: [], reason: 'repeat' },
      wakeAt: now + timing.groupIntervalMs,
    };
  }
  return { state: { ...state, flushedAt: now }, notification: null, wakeAt: now + timing.groupIntervalMs };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
