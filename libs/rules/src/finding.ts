import { createHash } from 'node:crypto';
import { Detection } from './detection';
import { sortedKeys } from './sorted-keys';

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

// Ids of the identities seen lately: the same few dead ends are detected again and again, and a
// SHA-256 costs more than the rest of a recheck. Cleared when full, so it never grows without end.
const ids = new Map<string, string>();
const IDS_KEPT = 100_000;

/** One finding per (rule, subject, channels): the same dead end always gets the same id. */
/** The finding id in `text` as findingId makes it (32 hex digits, lower case), read in either case; undefined if it is none. */
export function findingIdIn(text: string): string | undefined {
  return /^[0-9a-f]{32}$/i.test(text) ? text.toLowerCase() : undefined;
}

export function findingId(detection: Pick<Detection, 'rule' | 'subject' | 'channels'>): string {
  const identity = `${detection.rule}\u0000${detection.subject.kind}\u0000${detection.subject.id}${channelNames(detection.channels)}`;
  let id = ids.get(identity);
  if (id === undefined) {
    if (ids.size >= IDS_KEPT) ids.clear();
    id = createHash('sha256').update(identity).digest('hex').slice(0, 32);
    ids.set(identity, id);
  }
  return id;
}

/** '\u0000' and each channel's name, in sorted order (rules list them sorted already: no sort then). */
function channelNames(channels: Detection['channels']): string {
  let sorted = true;
  for (let i = 1; i < channels.length && sorted; i += 1) sorted = channels[i - 1]!.channel <= channels[i]!.channel;
  const names = sorted ? channels.map((c) => c.channel) : channels.map((c) => c.channel).sort();
  return names.length === 0 ? '' : `\u0000${names.join('\u0000')}`;
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
      const opened = findingOf(detection, detection.category, { id, key, status: 'open', detectedAt: asOf, resolvedAt: undefined, handling: undefined });
      changes.push({ type: 'opened', finding: remembered(opened, detection) });
    } else if (suppressionEnded(existing, asOf)) {
      // Still a dead end when its suppression runs out: it is open again.
      changes.push({ type: 'updated', finding: remembered(updated(existing, detection, id, key, 'open'), detection) });
    } else if (contentOf(existing) !== contentOf(detection)) {
      changes.push({ type: 'updated', finding: remembered(updated(existing, detection, id, key, existing.status), detection) });
    }
  }
  for (const finding of current) {
    if (finding.status !== 'resolved' && !seen.has(finding.id)) {
      changes.push({ type: 'resolved', finding: findingOf(finding, finding.category, { ...lifecycleOf(finding), status: 'resolved', resolvedAt: asOf }) });
    }
  }
  return changes.sort((a, b) => (a.finding.id < b.finding.id ? -1 : a.finding.id > b.finding.id ? 1 : 0));
}

type Lifecycle = Pick<Finding, 'id' | 'key' | 'status' | 'detectedAt' | 'resolvedAt' | 'handling'>;

/**
 * A finding as one object literal, its fields always in this order: what `{ ...existing,
 * ...detection }` gives, without the hidden class of its own V8 gives each object built by spread
 * (thousands of them, and every read of a finding then slow; see factOf).
 */
function findingOf(content: Detection, category: string | undefined, lifecycle: Lifecycle): Finding {
  return {
    rule: content.rule,
    subject: content.subject,
    sku: content.sku,
    promotionId: content.promotionId,
    policyId: content.policyId,
    category,
    channels: content.channels,
    impactAt: content.impactAt,
    severity: content.severity,
    evidence: content.evidence,
    parameters: content.parameters,
    id: lifecycle.id,
    key: lifecycle.key,
    status: lifecycle.status,
    detectedAt: lifecycle.detectedAt,
    resolvedAt: lifecycle.resolvedAt,
    handling: lifecycle.handling,
  };
}

function lifecycleOf(finding: Finding): Lifecycle {
  return { id: finding.id, key: finding.key, status: finding.status, detectedAt: finding.detectedAt, resolvedAt: finding.resolvedAt, handling: finding.handling };
}

/** The existing finding with the detection's content; a detection without a category keeps the finding's. */
function updated(existing: Finding, detection: Detection, id: string, key: string, status: FindingStatus): Finding {
  const category = 'category' in detection ? detection.category : existing.category;
  return findingOf(detection, category, { id, key, status, detectedAt: existing.detectedAt, resolvedAt: existing.resolvedAt, handling: existing.handling });
}

function suppressionEnded(finding: Finding, asOf: number): boolean {
  return finding.status === 'suppressed' && finding.handling?.until !== undefined && finding.handling.until <= asOf;
}

// contentOf of findings made here (objects are never changed), so an open finding's content is
// not computed again at each recheck.
const contents = new WeakMap<Detection, string>();

/** A new finding, with the content of its detection when that is its content (see contentOf). */
function remembered(finding: Finding, detection: Detection): Finding {
  const content = contents.get(detection);
  // A detection without a category leaves the finding's earlier one: then its content differs.
  if (content !== undefined && (finding.category ?? '') === (detection.category ?? '')) contents.set(finding, content);
  return finding;
}

/**
 * What makes two versions of a finding the same, independent of key order (findings read back
 * from a store may reorder keys). Written out field by field: it runs for every detection.
 */
function contentOf(detection: Detection): string {
  let content = contents.get(detection);
  if (content === undefined) contents.set(detection, (content = contentText(detection)));
  return content;
}

function contentText(detection: Detection): string {
  const channels = detection.channels.map((c) => `${c.channel}\u0001${c.value}`).join('\u0002');
  const evidence = detection.evidence.map((e) => `${e.source}\u0001${e.id}`).join('\u0002');
  const parameters = sortedKeys(detection.parameters)
    .map((key) => `${key}\u0001${String(detection.parameters[key])}`)
    .join('\u0002');
  return `${channels}\u0003${detection.impactAt}\u0003${detection.severity}\u0003${evidence}\u0003${parameters}\u0003${detection.category ?? ''}`;
}
