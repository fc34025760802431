import { RULE_IDS, RuleId } from '@parity/rules';

export type SubjectKind = 'sku' | 'promotion' | 'category';

/**
 * A dead end a scenario injected on purpose: what Parity must find. It is matched to a finding
 * the way findings get their identity: rule, subject and the set of channel names involved.
 */
export interface ExpectedDeadEnd {
  readonly rule: RuleId;
  readonly subject: { readonly kind: SubjectKind; readonly id: string };
  /** Channel names, sorted. */
  readonly channels: readonly string[];
  /** Loaded ahead: customers meet it at `impactAt`, after the scoring time, and it must be found before. */
  readonly scheduled: boolean;
  /** RFC 3339: when customers meet it. */
  readonly impactAt: string;
  /** The injection it comes from, e.g. "sale-price-missing-in-stores SKU-00042". */
  readonly injection: string;
}

/** Something that looks like a dead end and is not one: flagging it costs precision. */
export interface IntendedDifference {
  readonly injection: string;
  readonly description: string;
}

/** What a scenario run leaves behind for a later, live scoring. */
export interface TruthFile {
  readonly scenario: string;
  readonly seed: number;
  /** RFC 3339: the end of the scenario's simulated time, when every channel had caught up. */
  readonly scoringTime: string;
  readonly expected: readonly ExpectedDeadEnd[];
  readonly intended: readonly IntendedDifference[];
}

export class TruthFileError extends Error {
  readonly code = 'invalid-truth-file';
  constructor(readonly problem: string) {
    super(`not a scenario truth file: ${problem}`);
    this.name = 'TruthFileError';
  }
}

/** The identity a finding and an expected dead end are matched by. */
export function deadEndKey(rule: string, subject: { readonly kind: string; readonly id: string }, channels: Iterable<string>): string {
  return [rule, subject.kind, subject.id, ...[...new Set(channels)].sort()].join('\u0000');
}

/** Reads a truth file back, checking every field the scorecard relies on. */
export function parseTruthFile(text: string): TruthFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TruthFileError(`invalid JSON (${(error as Error).message})`);
  }
  if (!isRecord(value)) throw new TruthFileError('expected a JSON object');
  const { scenario, seed, scoringTime, expected, intended } = value;
  if (typeof scenario !== 'string' || typeof seed !== 'number' || !isTime(scoringTime)) {
    throw new TruthFileError('needs "scenario" (string), "seed" (number) and "scoringTime" (RFC 3339)');
  }
  if (!Array.isArray(expected)) throw new TruthFileError('"expected" must be an array');
  return {
    scenario,
    seed,
    scoringTime,
    expected: expected.map((item, index) => expectedDeadEnd(item, index)),
    intended: Array.isArray(intended) ? (intended as IntendedDifference[]) : [],
  };
}

function expectedDeadEnd(item: unknown, index: number): ExpectedDeadEnd {
  const problem = (what: string) => new TruthFileError(`expected[${index}]: ${what}`);
  if (!isRecord(item)) throw problem('not an object');
  const { rule, subject, channels, scheduled, impactAt, injection } = item;
  if (!RULE_IDS.includes(rule as RuleId)) throw problem(`unknown rule ${JSON.stringify(rule)}`);
  if (!isRecord(subject) || !['sku', 'promotion', 'category'].includes(subject['kind'] as string) || typeof subject['id'] !== 'string') {
    throw problem('"subject" must be { kind: sku | promotion | category, id }');
  }
  if (!Array.isArray(channels) || !channels.every((channel) => typeof channel === 'string')) throw problem('"channels" must be channel names');
  if (typeof scheduled !== 'boolean' || !isTime(impactAt)) throw problem('needs "scheduled" (boolean) and "impactAt" (RFC 3339)');
  return {
    rule: rule as RuleId,
    subject: { kind: subject['kind'] as SubjectKind, id: subject['id'] },
    channels: [...(channels as string[])].sort(),
    scheduled,
    impactAt,
    injection: typeof injection === 'string' ? injection : '',
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isTime(value: unknown): value is string {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}
