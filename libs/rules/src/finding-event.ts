import { FINDING_EVENT_TYPES } from '@parity/contracts';
import { RuleId, Severity } from './detection';
import { Finding, FindingChange, FindingStatus } from './finding';
import { isoTime } from './iso-time';
import { sortedKeys } from './sorted-keys';

/** A finding as the contract's `data` shows it (parity.finding.*.v1): times as RFC 3339, nothing internal. */
export interface FindingData {
  readonly id: string;
  readonly rule: RuleId;
  readonly status: FindingStatus;
  readonly severity: Severity;
  readonly subject: Finding['subject'];
  readonly sku: string | null;
  readonly promotionId: string | null;
  readonly policyId: string | null;
  readonly category: string | null;
  readonly channels: readonly { readonly channel: string; readonly value: string }[];
  readonly impactAt: string;
  readonly detectedAt: string;
  readonly resolvedAt: string | null;
  /** The ids of the events that caused it, as the contract names them. */
  readonly evidence: readonly string[];
  /** The same events with their sources: an event id is unique only together with its source. */
  readonly evidenceEvents: readonly { readonly source: string; readonly id: string }[];
  readonly handling: {
    readonly by: string;
    readonly at: string;
    readonly assignee: string | null;
    readonly reason: string | null;
    readonly until: string | null;
  } | null;
  readonly parameters: Readonly<Record<string, string | number | boolean>>;
  readonly version: number;
}

export function findingData(finding: Finding, version: number): FindingData {
  return {
    id: finding.id,
    rule: finding.rule,
    status: finding.status,
    severity: finding.severity,
    subject: finding.subject,
    sku: finding.sku ?? null,
    promotionId: finding.promotionId ?? null,
    policyId: finding.policyId ?? null,
    category: finding.category ?? null,
    // Fixed key order: a finding read back from jsonb must serialise to the same bytes.
    channels: finding.channels.map(({ channel, value }) => ({ channel, value })),
    impactAt: iso(finding.impactAt),
    detectedAt: iso(finding.detectedAt),
    resolvedAt: finding.resolvedAt === undefined ? null : iso(finding.resolvedAt),
    evidence: finding.evidence.map(({ id }) => id),
    evidenceEvents: finding.evidence.map(({ source, id }) => ({ source, id })),
    handling: finding.handling
      ? {
          by: finding.handling.by,
          at: iso(finding.handling.at),
          assignee: finding.handling.assignee ?? null,
          reason: finding.handling.reason ?? null,
          until: finding.handling.until === undefined ? null : iso(finding.handling.until),
        }
      : null,
    parameters: Object.fromEntries(Object.entries(finding.parameters).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    version,
  };
}

/**
 * The structured-mode CloudEvent published on parity.findings.v1 for one change. Written out by
 * hand, field by field in the order JSON.stringify(findingData) gives, since it runs for every
 * change of a replay; findings it cannot vouch for (see writableFast) take that slow way instead.
 */
export function findingCloudEvent(change: FindingChange, version: number, changedAt: number): string {
  const finding = change.finding;
  if (!writableFast(finding)) return slowCloudEvent(change, version, changedAt);
  const id = quoted(finding.id);
  const handling = finding.handling;
  return (
    `{"specversion":"1.0","id":${quoted(`${finding.id}:${version}`)},"source":"parity/reconciler","type":"${FINDING_EVENT_TYPES[change.type]}",` +
    `"time":"${iso(changedAt)}","subject":${id},"datacontenttype":"application/json","data":{"id":${id},"rule":${quoted(finding.rule)},` +
    `"status":${quoted(finding.status)},"severity":${quoted(finding.severity)},` +
    `"subject":{"kind":${quoted(finding.subject.kind)},"id":${quoted(finding.subject.id)}},` +
    `"sku":${orNull(finding.sku)},"promotionId":${orNull(finding.promotionId)},"policyId":${orNull(finding.policyId)},"category":${orNull(finding.category)},` +
    `"channels":[${finding.channels.map((c) => `{"channel":${quoted(c.channel)},"value":${quoted(c.value)}}`).join(',')}],` +
    `"impactAt":"${iso(finding.impactAt)}","detectedAt":"${iso(finding.detectedAt)}","resolvedAt":${finding.resolvedAt === undefined ? 'null' : `"${iso(finding.resolvedAt)}"`},` +
    `"evidence":[${finding.evidence.map((e) => quoted(e.id)).join(',')}],` +
    `"evidenceEvents":[${finding.evidence.map((e) => `{"source":${quoted(e.source)},"id":${quoted(e.id)}}`).join(',')}],` +
    `"handling":${
      handling
        ? `{"by":${quoted(handling.by)},"at":"${iso(handling.at)}","assignee":${orNull(handling.assignee)},"reason":${orNull(handling.reason)},` +
          `"until":${handling.until === undefined ? 'null' : `"${iso(handling.until)}"`}}`
        : 'null'
    },"parameters":${parametersJson(finding.parameters)},"version":${version}}}`
  );
}

/** The same event through findingData and JSON.stringify: the reference the fast writer must match. */
export function slowCloudEvent(change: FindingChange, version: number, changedAt: number): string {
  return JSON.stringify({
    specversion: '1.0',
    id: `${change.finding.id}:${version}`,
    source: 'parity/reconciler',
    type: FINDING_EVENT_TYPES[change.type],
    time: iso(changedAt),
    subject: change.finding.id,
    datacontenttype: 'application/json',
    data: findingData(change.finding, version),
  });
}

/**
 * What the fast writer assumes and JSON.stringify would treat otherwise: strings where the types
 * say strings (an undefined one would be left out), a subject of exactly kind and id, and no
 * parameter named like an array index (Object.fromEntries would move it first).
 */
function writableFast(finding: Finding): boolean {
  const { id, rule, status, severity, subject } = finding;
  if (typeof id !== 'string' || typeof rule !== 'string' || typeof status !== 'string' || typeof severity !== 'string') return false;
  if (typeof subject.kind !== 'string' || typeof subject.id !== 'string' || Object.keys(subject).length !== 2) return false;
  if (finding.channels.some((c) => typeof c.channel !== 'string' || typeof c.value !== 'string')) return false;
  if (finding.evidence.some((e) => typeof e.source !== 'string' || typeof e.id !== 'string')) return false;
  if (finding.handling && typeof finding.handling.by !== 'string') return false;
  for (const key in finding.parameters) if (ARRAY_INDEX.test(key)) return false;
  return true;
}

const ARRAY_INDEX = /^(?:0|[1-9]\d*)$/;

/**
 * JSON.stringify(text): a string with nothing to escape (no quote, backslash, control character
 * or surrogate, lone or not) is itself in quotes, found without the serializer; others go through it.
 */
function quoted(text: string): string {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return JSON.stringify(text);
  }
  return `"${text}"`;
}

function orNull(value: string | undefined): string {
  return value === undefined ? 'null' : typeof value === 'string' ? quoted(value) : JSON.stringify(value);
}

/** Sorted by key; a value JSON has no text for (undefined) is left out, as JSON.stringify does. */
function parametersJson(parameters: Finding['parameters']): string {
  let text = '';
  for (const key of sortedKeys(parameters)) {
    const raw = parameters[key];
    const value = typeof raw === 'string' ? quoted(raw) : (JSON.stringify(raw) as string | undefined);
    if (value !== undefined) text += `${text === '' ? '' : ','}${quoted(key)}:${value}`;
  }
  return `{${text}}`;
}

function iso(epochMillis: number): string {
  return isoTime(Math.min(epochMillis, 8.64e15));
}
