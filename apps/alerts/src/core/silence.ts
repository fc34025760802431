import { parseRfc3339, unstorableCharacter } from '@parity/contracts';
import { LABEL_NAMES, Labels } from './labels';
import { Matcher, matchesAll, validMatcher } from './matchers';

export interface Silence {
  readonly id: string;
  readonly matchers: readonly Matcher[];
  readonly createdBy: string;
  readonly comment: string;
  readonly startsAt: number;
  readonly endsAt: number;
}

export type SilenceState = 'pending' | 'active' | 'expired';

export function silenceState(silence: Pick<Silence, 'startsAt' | 'endsAt'>, now: number): SilenceState {
  if (now < silence.startsAt) return 'pending';
  return now < silence.endsAt ? 'active' : 'expired';
}

/** The first silence active at `now` whose matchers all match, if any. */
export function silencedBy(labels: Labels, silences: readonly Silence[], now: number): string | undefined {
  return silences.find((silence) => silenceState(silence, now) === 'active' && matchesAll(labels, silence.matchers))?.id;
}

export interface SilenceRequest {
  readonly matchers: readonly Matcher[];
  readonly comment: string;
  readonly startsAt: number;
  readonly endsAt: number;
}

export type SilenceValidation = { readonly ok: true; readonly silence: SilenceRequest } | { readonly ok: false; readonly code: string; readonly reason: string };

/** A silence as the API receives it (JSON), checked: matchers, a comment, a period that ends in the future. */
export function validateSilence(body: unknown, now: number): SilenceValidation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, code: 'invalid-silence', reason: 'the body must be a JSON object' };
  const input = body as Record<string, unknown>;
  if (!Array.isArray(input['matchers']) || input['matchers'].length === 0) return { ok: false, code: 'invalid-silence', reason: 'matchers: at least one matcher {label, op, value} is required' };
  const matchers: Matcher[] = [];
  for (const [index, raw] of (input['matchers'] as unknown[]).entries()) {
    const candidate = raw as Partial<Matcher> | null;
    if (typeof candidate !== 'object' || candidate === null || typeof candidate.label !== 'string' || typeof candidate.value !== 'string') {
      return { ok: false, code: 'invalid-silence', reason: `matchers[${index}]: must be {label, op, value} with string label and value` };
    }
    const checked = validMatcher({ label: candidate.label, op: candidate.op ?? '=', value: candidate.value });
    if (!checked.ok) return { ok: false, code: 'invalid-silence', reason: `matchers[${index}]: ${checked.reason}` };
    // A matcher on a label no finding has would be accepted and silence nothing (or everything, with !=).
    if (!(LABEL_NAMES as readonly string[]).includes(candidate.label)) {
      return { ok: false, code: 'invalid-silence', reason: `matchers[${index}]: "${candidate.label}" is not a label; labels are ${LABEL_NAMES.join(', ')}` };
    }
    if (unstorableCharacter(candidate.value)) return unstorable(`matchers[${index}].value`);
    matchers.push(checked.matcher);
  }
  if (matchers.every((matcher) => (matcher.op === '=~' && /^(\.\*|\.\+)$/.test(matcher.value)) || (matcher.op === '!=' && matcher.value === ''))) {
    return { ok: false, code: 'invalid-silence', reason: 'matchers: a silence must not match every finding' };
  }
  const comment = typeof input['comment'] === 'string' ? input['comment'].trim() : '';
  if (!comment) return { ok: false, code: 'invalid-silence', reason: 'comment: say why (required)' };
  if (unstorableCharacter(comment)) return unstorable('comment');
  if (input['endsAt'] === undefined) return { ok: false, code: 'invalid-silence', reason: 'endsAt: required, an RFC 3339 time' };
  const startsAt = input['startsAt'] === undefined ? now : rfc3339(input['startsAt']);
  const endsAt = rfc3339(input['endsAt']);
  if (startsAt === undefined) return notATime('startsAt', input['startsAt']);
  if (endsAt === undefined) return notATime('endsAt', input['endsAt']);
  if (endsAt <= startsAt) return { ok: false, code: 'invalid-silence', reason: 'endsAt: must be after startsAt' };
  if (endsAt <= now) return { ok: false, code: 'invalid-silence', reason: 'endsAt: must be in the future' };
  return { ok: true, silence: { matchers, comment, startsAt, endsAt } };
}

/** Date.parse would take a date alone ("2026-12-05") as its midnight UTC: a silence needs the time and zone. */
function rfc3339(value: unknown): number | undefined {
  return typeof value === 'string' ? parseRfc3339(value) : undefined;
}

function notATime(field: string, value: unknown): SilenceValidation {
  return { ok: false, code: 'invalid-time', reason: `${field}: ${String(JSON.stringify(value)).slice(0, 100)} is not an RFC 3339 time (e.g. 2026-12-05T18:00:00Z)` };
}

function unstorable(field: string): SilenceValidation {
  return { ok: false, code: 'unstorable-text', reason: `${field}: holds U+0000 or an unpaired surrogate (\\ud800-\\udfff), which cannot be stored or looked up` };
}
