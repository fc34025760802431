import { createHash } from 'node:crypto';
import { AlertFinding } from './alert-finding';
import { AlertsConfig, Route } from './alerts-config';
import { GroupMember, GroupNotification, GroupState, openGroup, stepGroup } from './group';
import { inhibitedBy, Inhibitor } from './inhibition';
import { findingLabels, Labels } from './labels';
import { matchesAll } from './matchers';
import { allRoutes, groupOf, routeFinding } from './routing';
import { Silence, silencedBy } from './silence';

/** A finding as the evaluation gets it: its data and whether (for which opening) it was escalated. */
export interface TrackedFinding {
  readonly finding: AlertFinding;
  /** The detectedAt of the opening already escalated, if any. */
  readonly escalatedFor: number | null;
}

export type NotificationKind = 'firing' | 'resolved' | 'escalation';

/** A decision to tell a receiver something: becomes a row of the outbox. */
export interface PlannedNotification {
  /** Deterministic: the same decision always gets the same id (the webhook-id, for idempotency). */
  readonly id: string;
  readonly receiver: string;
  readonly kind: NotificationKind;
  readonly groupKey: string;
  readonly groupLabels: Readonly<Record<string, string>>;
  readonly firing: readonly AlertFinding[];
  readonly resolved: readonly AlertFinding[];
  readonly reason: string;
  readonly createdAt: number;
}

export interface Mute {
  readonly findingId: string;
  readonly by: 'silence' | 'inhibition' | 'suppressed';
  readonly cause: string;
}

export interface Evaluation {
  readonly groups: readonly GroupState[];
  readonly closedGroups: readonly string[];
  readonly notifications: readonly PlannedNotification[];
  /** Findings escalated now: id -> the detectedAt of the opening escalated. */
  readonly escalated: ReadonlyMap<string, number>;
  readonly mutes: readonly Mute[];
  /** The earliest time a group needs evaluating again, if nothing arrives before. */
  readonly wakeAt: number | null;
}

export interface EvaluationInput {
  readonly config: AlertsConfig;
  /** Every unresolved finding, and the resolved ones some group told as firing. */
  readonly findings: readonly TrackedFinding[];
  readonly groups: readonly GroupState[];
  readonly silences: readonly Silence[];
  readonly now: number;
}

/**
 * The whole alerting decision at `now`, pure: mute by silences, inhibition and ops' suppression,
 * route every finding to its groups, step each group, and escalate severe findings nobody
 * acknowledged in time. The shell persists the result and the notifications in one transaction.
 */
export function evaluate(input: EvaluationInput): Evaluation {
  const { config, now } = input;
  const labelled = input.findings.map((tracked) => ({ ...tracked, labels: findingLabels(tracked.finding) }));
  const sources: Inhibitor[] = labelled.filter(({ finding }) => finding.status !== 'resolved').map(({ finding, labels }) => ({ id: finding.id, labels }));
  const mutes: Mute[] = [];
  const muted = new Set<string>();
  for (const { finding, labels } of labelled) {
    if (finding.status === 'resolved') continue;
    const mute = muteOf(finding, labels, sources, input, now);
    if (mute) {
      mutes.push(mute);
      muted.add(finding.id);
    }
  }

  const routes = new Map(allRoutes(config.route).map((route) => [route.id, route]));
  const existing = new Map(input.groups.map((group) => [group.key, group]));
  const members = new Map<string, { route: Route; labels: Record<string, string>; members: GroupMember[] }>();
  const byId = new Map(labelled.map((entry) => [entry.finding.id, entry.finding]));
  for (const { finding, labels } of labelled) {
    for (const route of routeFinding(config.route, labels)) {
      const group = groupOf(route, labels);
      // A resolved finding matters only to a group that told it as firing.
      if (finding.status === 'resolved' && !existing.has(group.key)) continue;
      let entry = members.get(group.key);
      if (!entry) members.set(group.key, (entry = { route, labels: group.labels, members: [] }));
      entry.members.push({ id: finding.id, severity: finding.severity, resolved: finding.status === 'resolved', muted: muted.has(finding.id) });
    }
  }

  const groups: GroupState[] = [];
  const closedGroups: string[] = [];
  const notifications: PlannedNotification[] = [];
  let wakeAt: number | null = null;
  const keys = new Set([...existing.keys(), ...members.keys()]);
  for (const key of [...keys].sort()) {
    const entry = members.get(key);
    const previous = existing.get(key);
    const route = entry?.route ?? (previous ? routes.get(previous.routeId) : undefined);
    // A group nothing routes to any more because a reload removed its route or changed its receiver
    // or group_by: dropped without a word (its findings are told by the groups they now join).
    if (!entry && (!route || route.receiver !== previous?.receiver || !sameGrouping(route, previous))) {
      closedGroups.push(key);
      continue;
    }
    if (!route) continue;
    const state = previous ?? openGroup(key, route.id, route.receiver, entry?.labels ?? {}, now);
    const step = stepGroup(state, entry?.members ?? [], route.timing, now);
    if (step.notification) notifications.push(planned(state, step.notification, byId, now));
    if (step.state === null) {
      if (previous) closedGroups.push(key);
    } else if (step.state !== previous) groups.push(step.state);
    if (step.wakeAt !== null && (wakeAt === null || step.wakeAt < wakeAt)) wakeAt = step.wakeAt;
  }

  const escalated = new Map<string, number>();
  for (const policy of config.escalations) {
    const due = labelled.filter(
      ({ finding, labels, escalatedFor }) =>
        finding.status === 'open' &&
        !muted.has(finding.id) &&
        escalatedFor !== finding.detectedAt &&
        !escalated.has(finding.id) &&
        policy.severities.includes(finding.severity) &&
        matchesAll(labels, policy.matchers) &&
        now >= finding.detectedAt + policy.afterMs,
    );
    if (due.length === 0) continue;
    for (const { finding } of due) escalated.set(finding.id, finding.detectedAt);
    const firing = due.map(({ finding }) => finding).sort((a, b) => (a.id < b.id ? -1 : 1));
    const groupKey = `escalation/${policy.receiver}`;
    notifications.push({
      id: notificationId(groupKey, 'escalation', firing.map((f) => `${f.id}@${f.detectedAt}`).join(',')),
      receiver: policy.receiver,
      kind: 'escalation',
      groupKey,
      groupLabels: {},
      firing,
      resolved: [],
      reason: `unacknowledged ${policy.afterMs / 60_000} min after detection`,
      createdAt: now,
    });
  }
  return { groups, closedGroups, notifications, escalated, mutes, wakeAt };
}

function sameGrouping(route: Route, group: GroupState | undefined): boolean {
  const names = route.groupBy.includes('...') ? ['id'] : [...route.groupBy];
  return group !== undefined && names.sort().join(',') === Object.keys(group.labels).sort().join(',');
}

function muteOf(finding: AlertFinding, labels: Labels, sources: readonly Inhibitor[], input: EvaluationInput, now: number): Mute | undefined {
  if (finding.status === 'suppressed') return { findingId: finding.id, by: 'suppressed', cause: 'suppressed by ops' };
  const silence = silencedBy(labels, input.silences, now);
  if (silence) return { findingId: finding.id, by: 'silence', cause: silence };
  const inhibitor = inhibitedBy({ id: finding.id, labels }, sources, input.config.inhibitRules);
  if (inhibitor) return { findingId: finding.id, by: 'inhibition', cause: inhibitor };
  return undefined;
}

function planned(state: GroupState, notification: GroupNotification, findings: ReadonlyMap<string, AlertFinding>, now: number): PlannedNotification {
  const pick = (ids: readonly string[]) => ids.map((id) => findings.get(id)).filter((f): f is AlertFinding => f !== undefined);
  const firing = notification.kind === 'firing' ? pick(notification.firing) : [];
  const resolved = pick(notification.resolved);
  return {
    id: notificationId(state.key, notification.kind, String(now)),
    receiver: state.receiver,
    kind: notification.kind,
    groupKey: state.key,
    groupLabels: state.labels,
    firing,
    resolved,
    reason: notification.kind === 'firing' ? notification.reason : 'all resolved',
    createdAt: now,
  };
}

function notificationId(groupKey: string, kind: NotificationKind, discriminator: string): string {
  return `ntf_${createHash('sha256').update(`${groupKey}\u0000${kind}\u0000${discriminator}`).digest('hex').slice(0, 32)}`;
}
