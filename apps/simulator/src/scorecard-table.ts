import { ExpectedDeadEnd } from './ground-truth';
import { median, RuleScore, ScoredFinding, Scorecard } from './scoring';

const LISTED = 20;

/** The scorecard as a person reads it: one row per rule, then what was missed or unexpected. */
export function formatScorecard(card: Scorecard, heading: string): string {
  const header = ['rule', 'expected', 'found', 'TP', 'FP', 'FN', 'precision', 'recall', 'lead min', 'lead median'];
  const rows = card.rules.map((score) => [
    score.rule,
    String(score.expected),
    String(score.found),
    String(score.truePositives),
    String(score.falsePositives),
    String(score.falseNegatives),
    score.precision.toFixed(3),
    score.recall.toFixed(3),
    leadText(score.leadTimesMs[0]),
    leadText(median(score.leadTimesMs)),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [
    `Parity scorecard: ${heading}`,
    `scored at ${new Date(card.scoringTime).toISOString()}`,
    '',
    line(header),
    ...rows.map(line),
    '',
    verdict(card),
    ...section('missed (false negatives)', card.rules.flatMap((score) => score.missed.map(expectedText))),
    ...section('unexpected (false positives)', card.rules.flatMap((score) => score.unexpected.map(findingText))),
    ...section('scheduled, found only when customers met them', card.rules.flatMap((score) => score.late.map(expectedText))),
  ].join('\n');
}

function verdict(card: Scorecard): string {
  if (card.perfect) return 'PASS: precision and recall 1.000 for every rule; every scheduled dead end found before customers meet it';
  const failing = card.rules.filter((score: RuleScore) => score.precision < 1 || score.recall < 1 || score.late.length > 0).map((score) => score.rule);
  return `FAIL: ${failing.join(', ')}`;
}

function section(title: string, lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  const more = lines.length > LISTED ? [`  ... and ${lines.length - LISTED} more`] : [];
  return ['', `${title}:`, ...lines.slice(0, LISTED).map((text) => `  ${text}`), ...more];
}

function expectedText(item: ExpectedDeadEnd): string {
  return `${item.rule}  ${item.subject.kind} ${item.subject.id}  ${item.channels.join(', ')}  (${item.injection})`;
}

function findingText(finding: ScoredFinding): string {
  const channels = finding.channels.map(({ channel, value }) => (value === undefined ? channel : `${channel}: ${value}`)).join('; ');
  return `${finding.rule}  ${finding.subject.kind} ${finding.subject.id}  ${channels}`;
}

function leadText(ms: number | undefined): string {
  return ms === undefined ? '-' : formatDuration(ms);
}

/** "2d 3h", "5h 12m", "4m 10s", "-3m 0s": the two largest units, enough to judge a lead time. */
export function formatDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  let seconds = Math.floor(Math.abs(ms) / 1000);
  const units: [string, number][] = [
    ['d', 86_400],
    ['h', 3_600],
    ['m', 60],
    ['s', 1],
  ];
  const parts: string[] = [];
  for (const [unit, size] of units) {
    const count = Math.floor(seconds / size);
    seconds -= count * size;
    if (parts.length > 0 || count > 0 || unit === 's') parts.push(`${count}${unit}`);
  }
  return sign + parts.slice(0, 2).join(' ');
}
