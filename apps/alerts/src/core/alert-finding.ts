/**
 * A finding as the alerts service keeps it: the `data` of the reconciler's finding CloudEvents
 * (parity.finding.*.v1), with times as epoch milliseconds.
 */
export type AlertFindingStatus = 'open' | 'acknowledged' | 'resolved' | 'suppressed';

export interface ChannelValue {
  readonly channel: string;
  readonly value: string;
}

export interface AlertFinding {
  readonly id: string;
  readonly rule: string;
  readonly status: AlertFindingStatus;
  readonly severity: string;
  readonly subject: { readonly kind: string; readonly id: string };
  readonly sku: string | null;
  readonly promotionId: string | null;
  readonly policyId: string | null;
  readonly category: string | null;
  readonly channels: readonly ChannelValue[];
  readonly impactAt: number;
  readonly detectedAt: number;
  readonly resolvedAt: number | null;
  readonly evidence: readonly { readonly source: string; readonly id: string }[];
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly version: number;
}

const STATUSES: readonly AlertFindingStatus[] = ['open', 'acknowledged', 'resolved', 'suppressed'];

export type FindingDecoding = { readonly ok: true; readonly finding: AlertFinding } | { readonly ok: false; readonly reason: string };

/** A finding CloudEvent (structured mode, as the reconciler publishes it) -> the finding, or why not. */
export function decodeFindingEvent(value: string): FindingDecoding {
  let event: unknown;
  try {
    event = JSON.parse(value);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!isObject(event)) return { ok: false, reason: 'not a JSON object' };
  if (typeof event['type'] !== 'string' || !event['type'].startsWith('parity.finding.')) return { ok: false, reason: `type ${String(event['type'])} is not a finding event` };
  const data = event['data'];
  if (!isObject(data)) return { ok: false, reason: 'no data' };
  const subject = data['subject'];
  const status = data['status'];
  if (typeof data['id'] !== 'string' || !data['id']) return { ok: false, reason: 'data/id missing' };
  if (typeof data['rule'] !== 'string') return { ok: false, reason: 'data/rule missing' };
  if (typeof data['severity'] !== 'string') return { ok: false, reason: 'data/severity missing' };
  if (!STATUSES.includes(status as AlertFindingStatus)) return { ok: false, reason: `data/status ${String(status)} is not a finding status` };
  if (!Number.isInteger(data['version'])) return { ok: false, reason: 'data/version is not an integer' };
  if (!isObject(subject) || typeof subject['kind'] !== 'string' || typeof subject['id'] !== 'string') return { ok: false, reason: 'data/subject missing' };
  if (!Array.isArray(data['channels'])) return { ok: false, reason: 'data/channels missing' };
  const detectedAt = time(data['detectedAt']);
  const impactAt = time(data['impactAt']);
  if (detectedAt === undefined || impactAt === undefined) return { ok: false, reason: 'data/detectedAt or data/impactAt is not a time' };
  const channels = (data['channels'] as unknown[]).filter(isObject).map((c) => ({ channel: String(c['channel']), value: String(c['value']) }));
  const evidence = evidenceOf(data);
  return {
    ok: true,
    finding: {
      id: data['id'],
      rule: data['rule'],
      status: status as AlertFindingStatus,
      severity: data['severity'],
      subject: { kind: subject['kind'], id: subject['id'] },
      sku: stringOrNull(data['sku']),
      promotionId: stringOrNull(data['promotionId']),
      policyId: stringOrNull(data['policyId']),
      category: stringOrNull(data['category']),
      channels,
      impactAt,
      detectedAt,
      resolvedAt: time(data['resolvedAt']) ?? null,
      evidence,
      parameters: isObject(data['parameters']) ? data['parameters'] : {},
      version: data['version'] as number,
    },
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringOrNull(value: unknown): string | null {
  return typeof value === 'string' ? value : null;
}

function time(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

/** evidenceEvents names each event with its source; the contract's evidence names them by id alone. */
function evidenceOf(data: Record<string, unknown>): AlertFinding['evidence'] {
  const events = Array.isArray(data['evidenceEvents']) ? data['evidenceEvents'] : Array.isArray(data['evidence']) ? data['evidence'] : [];
  return (events as unknown[]).map((e) => (isObject(e) ? { source: String(e['source']), id: String(e['id']) } : { source: '', id: String(e) }));
}
