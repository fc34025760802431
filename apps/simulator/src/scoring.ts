import { RULE_IDS } from '@parity/rules';
import { deadEndKey, ExpectedDeadEnd } from './ground-truth';

/** What the scorecard reads of a finding: from the pure engine or from the findings table. */
export interface ScoredFinding {
  readonly id: string;
  readonly rule: string;
  readonly status: string;
  readonly subject: { readonly kind: string; readonly id: string };
  /** The value each channel shows is only displayed; channels are matched by name. */
  readonly channels: readonly { readonly channel: string; readonly value?: string }[];
  readonly impactAt: number;
  readonly detectedAt: number;
  readonly resolvedAt?: number | undefined;
}

export interface RuleScore {
  readonly rule: string;
  readonly expected: number;
  readonly found: number;
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  /** 1 when nothing was found: no false alarm. */
  readonly precision: number;
  /** 1 when nothing was expected: nothing missed. */
  readonly recall: number;
  /** impactAt - detectedAt of each scheduled dead end found, in ms, ascending. */
  readonly leadTimesMs: readonly number[];
  /** Scheduled dead ends found only when (or after) customers met them. */
  readonly late: readonly ExpectedDeadEnd[];
  readonly missed: readonly ExpectedDeadEnd[];
  readonly unexpected: readonly ScoredFinding[];
}

export interface Scorecard {
  readonly scoringTime: number;
  readonly rules: readonly RuleScore[];
  /** Precision and recall 1 for every rule, and every scheduled dead end found ahead. */
  readonly perfect: boolean;
}

/**
 * Scores the findings open at the scoring time against the ground truth: a finding matches an
 * expected dead end with the same rule, subject and set of channel names (a finding's identity).
 */
export function scorecard(truth: readonly ExpectedDeadEnd[], findings: readonly ScoredFinding[], scoringTime: number): Scorecard {
  const open = findings.filter((finding) => isOpenAt(finding, scoringTime));
  const byKey = new Map(open.map((finding) => [keyOf(finding), finding]));
  const expectedKeys = new Set(truth.map((expected) => deadEndKey(expected.rule, expected.subject, expected.channels)));
  const rules = [...new Set<string>([...RULE_IDS, ...open.map((finding) => finding.rule)])];
  const scores = rules.map((rule) => {
    const expected = truth.filter((item) => item.rule === rule);
    const found = [...new Map(open.filter((finding) => finding.rule === rule).map((finding) => [keyOf(finding), finding])).values()];
    const matched = expected.flatMap((item) => {
      const finding = byKey.get(deadEndKey(item.rule, item.subject, item.channels));
      return finding ? [{ item, finding }] : [];
    });
    const truePositives = new Set(matched.map(({ finding }) => keyOf(finding))).size;
    const scheduled = matched.filter(({ item }) => item.scheduled);
    const leads = scheduled.map(({ item, finding }) => ({ item, lead: Date.parse(item.impactAt) - finding.detectedAt }));
    const unexpected = found.filter((finding) => !expectedKeys.has(keyOf(finding)));
    const missed = expected.filter((item) => !byKey.has(deadEndKey(item.rule, item.subject, item.channels)));
    return {
      rule,
      expected: expected.length,
      found: found.length,
      truePositives,
      falsePositives: unexpected.length,
      falseNegatives: missed.length,
      precision: found.length === 0 ? 1 : truePositives / found.length,
      recall: expected.length === 0 ? 1 : (expected.length - missed.length) / expected.length,
      leadTimesMs: leads.map(({ lead }) => lead).sort((a, b) => a - b),
      late: leads.filter(({ lead }) => lead <= 0).map(({ item }) => item),
      missed,
      unexpected,
    };
  });
  return {
    scoringTime,
    rules: scores,
    perfect: scores.every((score) => score.precision === 1 && score.recall === 1 && score.late.length === 0),
  };
}

/** Not resolved at the scoring time, and already detected then. */
function isOpenAt(finding: ScoredFinding, scoringTime: number): boolean {
  if (finding.detectedAt > scoringTime) return false;
  if (finding.status !== 'resolved') return true;
  return finding.resolvedAt !== undefined && finding.resolvedAt > scoringTime;
}

function keyOf(finding: ScoredFinding): string {
  return deadEndKey(finding.rule, finding.subject, finding.channels.map((channel) => channel.channel));
}

/** The middle value of an ascending list (the lower middle for an even count). */
export function median(sorted: readonly number[]): number | undefined {
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
