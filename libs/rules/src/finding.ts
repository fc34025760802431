import { createHash } from 'node:crypto';
import { Detection } from './detection';

/** Who did what last, as the finding carries it. */
export interface FindingHandling {
  readonly by: string;
  readonly at: number;
  readonly assignee: string | undefined;
  readonly reason: string | undefined;
  readonly until: number | undefined;
}

export type FindingStatus = 'open' | 'acknowledged' | 'resolved' | 'suppressed';

/** A dead end as ops see it: a detection with an identity, a status and a history. */
export interface Finding extends Detection {
  /** Stable: derived from the rule, the subject and the channels involved. */
  readonly id: string;
  /** The state key it was detected on (SKU, promotion, returns policies). */
  readonly key: string;
  readonly status: FindingStatus;
  readonly detectedAt: number;
  readonly resolvedAt: number | undefined;
  /** The last operator action: acknowledgement, assignment, suppression with reason and expiry. */
  readonly handling: FindingHandling | undefined;
}

export type FindingChangeType = 'opened' | 'updated' | 'resolved';

export interface FindingChange {
  readonly type: FindingChangeType;
  readonly finding: Finding;
}

/** One finding per (rule, subject, channels): the same dead end always gets the same id. */
export function findingId(detection: Pick<Detection, 'rule' | 'subject' | 'channels'>): string {
  const identity = [detection.rule, detection.subject.kind, detection.subject.id, ...detection.channels.map((c) => c.channel).sort()].join('\u0000');
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

/**
 * Detections + the key's current findings -> changes. A new dead end opens, a changed one (values,
 * severity, impact, evidence) updates, one no longer detected resolves by itself; a resolved one
 * seen again opens again. Operator statuses (acknowledged, suppressed) survive updates.
 */
export function reconcile(
  key: string,
  current: readonly Finding[],
  detections: readonly Detection[],
  asOf: number,
): FindingChange[] {
  // Most keys of a day: nothing found, nothing open.
  if (current.length === 0 && detections.length === 0) return [];
  const byId = new Map(current.map((finding) => [finding.id, finding]));
  const seen = new Set<string>();
  const changes: FindingChange[] = [];
  for (const detection of detections) {
    const id = findingId(detection);
    if (seen.has(id)) continue;
    seen.add(id);
    const existing = byId.get(id);
    if (!existing || existing.status === 'resolved') {
      changes.push({ type: 'opened', finding: { ...detection, id, key, status: 'open', detectedAt: asOf, resolvedAt: undefined, handling: undefined } });
    } else if (suppressionEnded(existing, asOf)) {
      // Still a dead end when its suppression runs out: it is open again.
      changes.push({ type: 'updated', finding: { ...existing, ...detection, id, key, status: 'open' } });
    } else if (contentOf(existing) !== contentOf(detection)) {
      changes.push({ type: 'updated', finding: { ...existing, ...detection, id, key } });
    }
  }
  for (const finding of current) {
    if (finding.status !== 'resolved' && !seen.has(finding.id)) {
      changes.push({ type: 'resolved', finding: { ...finding, status: 'resolved', resolvedAt: asOf } });
    }
  }
  return changes.sort((a, b) => (a.finding.id < b.finding.id ? -1 : a.finding.id > b.finding.id ? 1 : 0));
}

function suppressionEnded(finding: Finding, asOf: number): boolean {
  return finding.status === 'suppressed' && finding.handling?.until !== undefined && finding.handling.until <= asOf;
}

/**
 * What makes two versions of a finding the same, independent of key order (findings read back
 * from a store may reorder keys). Written out field by field: it runs for every detection.
 */
function contentOf(detection: Detection): string {
  const channels = detection.channels.map((c) => `${c.channel}\u0001${c.value}`).join('\u0002');
  const evidence = detection.evidence.map((e) => `${e.source}\u0001${e.id}`).join('\u0002');
  const parameters = Object.keys(detection.parameters)
    .sort()
    .map((key) => `${key}\u0001${String(detection.parameters[key])}`)
    .join('\u0002');
  return `${channels}\u0003${detection.impactAt}\u0003${detection.severity}\u0003${evidence}\u0003${parameters}\u0003${detection.category ?? ''}`;
}
