import { LoggedEvent } from './facts';
import { Finding, FindingHandling } from './finding';

/**
 * What ops do with a finding, recorded in the log as events of their own (source `parity/...`),
 * so a replay reproduces every status. The engine applies them in log order like any fact.
 */
export const FINDING_ACTION_TYPES = {
  acknowledge: 'parity.finding.acknowledged.v1',
  assign: 'parity.finding.assigned.v1',
  suppress: 'parity.finding.suppressed.v1',
  reopen: 'parity.finding.reopened.v1',
} as const;

export type FindingActionKind = keyof typeof FINDING_ACTION_TYPES;

export interface FindingAction {
  readonly kind: FindingActionKind;
  readonly findingId: string;
  /** The state key of the finding: where its partition is. */
  readonly key: string;
  readonly by: string;
  readonly assignee: string | undefined;
  readonly reason: string | undefined;
  /** Suppressed until (epoch ms); the finding opens again then if still detected. */
  readonly until: number | undefined;
}

const KINDS = new Map(Object.entries(FINDING_ACTION_TYPES).map(([kind, type]) => [type as string, kind as FindingActionKind]));

/** Reads an operator action from the log; undefined for any other event. */
export function actionOf(event: LoggedEvent): FindingAction | undefined {
  const kind = KINDS.get(event.type);
  if (!kind) return undefined;
  const data = event.data as Partial<Record<'findingId' | 'key' | 'by' | 'assignee' | 'reason' | 'until', string>>;
  if (!data.findingId || !data.key || !data.by) return undefined;
  return {
    kind,
    findingId: data.findingId,
    key: data.key,
    by: data.by,
    assignee: data.assignee,
    reason: data.reason,
    until: data.until === undefined ? undefined : Date.parse(data.until),
  };
}

export type ActionOutcome = { readonly ok: true; readonly finding: Finding } | { readonly ok: false; readonly reason: string };

/** A finding after an action at time `at`; an action that cannot apply says why instead. */
export function applyAction(finding: Finding, action: FindingAction, at: number): ActionOutcome {
  if (finding.status === 'resolved') return { ok: false, reason: 'the finding is resolved: the channels already agree' };
  const handling = (changes: Partial<FindingHandling>): FindingHandling => ({
    by: action.by,
    at,
    assignee: finding.handling?.assignee,
    reason: undefined,
    until: undefined,
    ...changes,
  });
  switch (action.kind) {
    case 'acknowledge':
      return { ok: true, finding: { ...finding, status: 'acknowledged', handling: handling({}) } };
    case 'assign':
      return { ok: true, finding: { ...finding, handling: handling({ assignee: action.assignee }) } };
    case 'suppress':
      if (!action.reason || action.until === undefined || Number.isNaN(action.until) || action.until <= at) {
        return { ok: false, reason: 'a suppression needs a reason and an expiry in the future' };
      }
      return { ok: true, finding: { ...finding, status: 'suppressed', handling: handling({ reason: action.reason, until: action.until }) } };
    case 'reopen':
      return { ok: true, finding: { ...finding, status: 'open', handling: handling({}) } };
    default: {
      const unhandled: never = action.kind;
      return unhandled;
    }
  }
}
