import { HttpStatus } from '@nestjs/common';
import { Static, Type } from '@sinclair/typebox';
import { actionOf, applyAction, Finding, FINDING_ACTION_TYPES, FindingAction, FindingActionKind, RecordedEvent } from '@parity/rules';
import { Principal } from '@parity/auth';
import { parseRfc3339 } from '@parity/contracts';
import { ApiError, storableText } from '@parity/http-errors';

/** The source of every operator action in the log. */
export const FEED_SOURCE = 'parity/feed';
export const MAX_SUPPRESSION_MS = 366 * 24 * 3_600_000;

export const ACTION_BODIES = {
  acknowledge: Type.Object({}, { additionalProperties: false }),
  assign: Type.Object({ assignee: Type.String({ minLength: 1, maxLength: 200, pattern: '\\S', description: 'who takes it: a person or a team' }) }, { additionalProperties: false }),
  suppress: Type.Object(
    {
      reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', description: 'why it is not a dead end to act on now' }),
      until: Type.String({ format: 'date-time', description: 'RFC 3339; the finding opens again then if still detected' }),
    },
    { additionalProperties: false },
  ),
  reopen: Type.Object({}, { additionalProperties: false }),
} as const;

export type ActionBody<K extends FindingActionKind> = Static<(typeof ACTION_BODIES)[K]>;

/** An action as it goes into the log: what `actionOf` in libs/rules reads back. */
export interface ActionEvent {
  readonly source: typeof FEED_SOURCE;
  readonly id: string;
  readonly type: string;
  readonly subject: string;
  readonly eventTime: number;
  readonly dataJson: string;
}

/**
 * A finding as the log has it: the one the reconciler last wrote, with the actions on it appended
 * since, each applied at its recorded time as the engine will apply it (or ignored, as there).
 */
export function findingAfterActions(finding: Finding, actions: readonly RecordedEvent[]): Finding {
  let current = finding;
  for (const event of actions) {
    const action = actionOf(event);
    const outcome = action?.findingId === finding.id ? applyAction(current, action, event.recordedAt) : undefined;
    if (outcome?.ok) current = outcome.finding;
  }
  return current;
}

/**
 * Decides whether an operator action may go into the log: the engine's own `applyAction` says
 * whether it would apply (a resolved finding, a suppression without a future expiry are ignored
 * there), and the feed refuses what would change nothing (acknowledging twice, reopening an open
 * finding, the same assignee or the same suppression again). Refusals are 4xx with a code; an
 * accepted action is the event to append. `at` is the time the log records it at, the time the
 * reconciler applies it at, so both judge a suppression's expiry against the same clock.
 */
export function decideAction(kind: FindingActionKind, body: Record<string, unknown>, finding: Finding, by: Principal, id: string, at: number): ActionEvent {
  const until = typeof body['until'] === 'string' ? parseRfc3339(body['until']) : undefined;
  const action: FindingAction = {
    kind,
    findingId: finding.id,
    key: finding.key,
    by: by.name,
    assignee: typeof body['assignee'] === 'string' ? body['assignee'].trim() : undefined,
    reason: typeof body['reason'] === 'string' ? body['reason'].trim() : undefined,
    until,
  };
  for (const [field, text] of [['assignee', action.assignee], ['reason', action.reason]] as const) {
    if (text !== undefined) storableText(field, text);
  }
  if (finding.status === 'resolved') {
    throw new ApiError(HttpStatus.CONFLICT, 'finding-resolved', 'the finding is resolved: the channels already agree, there is nothing to act on');
  }
  if (kind === 'acknowledge' && finding.status === 'acknowledged') {
    throw new ApiError(HttpStatus.CONFLICT, 'already-acknowledged', `acknowledged already by ${finding.handling?.by ?? 'someone'}`);
  }
  if (kind === 'reopen' && finding.status === 'open') throw new ApiError(HttpStatus.CONFLICT, 'already-open', 'the finding is open: nothing to reopen');
  const handling = finding.handling;
  if (kind === 'assign' && action.assignee !== undefined && handling?.assignee === action.assignee) {
    throw new ApiError(HttpStatus.CONFLICT, 'already-assigned', `assigned to ${action.assignee} already`);
  }
  if (kind === 'suppress' && finding.status === 'suppressed' && handling?.until !== undefined && handling.until === until && handling.reason === action.reason) {
    throw new ApiError(HttpStatus.CONFLICT, 'already-suppressed', `suppressed already for this reason until ${new Date(handling.until).toISOString()}`);
  }
  if (kind === 'suppress' && until !== undefined && until > at + MAX_SUPPRESSION_MS) {
    throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'suppression-too-long', 'a suppression may last at most 366 days: choose an earlier `until`');
  }
  const outcome = applyAction(finding, action, at);
  if (!outcome.ok) {
    const code = kind === 'suppress' ? 'suppression-expiry-not-in-future' : 'action-not-applicable';
    throw new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, code, outcome.reason);
  }
  const data = {
    findingId: action.findingId,
    key: action.key,
    by: action.by,
    role: by.role,
    ...(action.assignee !== undefined ? { assignee: action.assignee } : {}),
    ...(action.reason !== undefined ? { reason: action.reason } : {}),
    ...(until !== undefined ? { until: new Date(until).toISOString() } : {}),
  };
  return { source: FEED_SOURCE, id, type: FINDING_ACTION_TYPES[kind], subject: finding.id, eventTime: at, dataJson: JSON.stringify(data) };
}
