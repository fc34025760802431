/**
 * What parity.findings.v1 carries, checked against shared/contract/events.md ("Findings"): the
 * engine driven as the reconciler drives it (step, a version per finding id, findingCloudEvent).
 * Written by a helper session's audit of the findings output.
 */
import { DEFAULT_RULES_CONFIG } from './config';
import { RULE_IDS } from './detection';
import { FindingChange } from './finding';
import { findingCloudEvent, slowCloudEvent } from './finding-event';
import { OpenFindings, RecordedEvent, step } from './incremental';
import { FINDING_ACTION_TYPES } from './lifecycle';
import { emptyProjection } from './projection';
import { price, returnsPolicy } from './scenario/events';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const T0 = Date.parse('2026-11-20T12:00:00Z');
const MIN = 60_000;

interface Published {
  key: string;
  event: Record<string, unknown> & { data: Record<string, unknown> };
  text: string;
  slow: string;
}

/** As LogFollower.process + FindingsRepository.appendChanges + OutboxRelay do it. */
function publish(log: RecordedEvent[]): Published[] {
  const projection = emptyProjection();
  const open: OpenFindings = new Map();
  const versions = new Map<string, number>();
  const out: Published[] = [];
  for (const record of log) {
    for (const change of step(projection, open, record, DEFAULT_RULES_CONFIG)) {
      const version = (versions.get(change.finding.id) ?? 0) + 1;
      versions.set(change.finding.id, version);
      const text = findingCloudEvent(change as FindingChange, version, record.recordedAt);
      out.push({ key: change.finding.id, event: JSON.parse(text), text, slow: slowCloudEvent(change, version, record.recordedAt) });
    }
  }
  return out;
}

const action = (kind: keyof typeof FINDING_ACTION_TYPES, findingId: string, at: number, data: Record<string, string> = {}): RecordedEvent => ({
  source: 'parity/feed',
  id: `action-${kind}-${at}`,
  type: FINDING_ACTION_TYPES[kind],
  eventTime: at,
  recordedAt: at,
  data: { findingId, key: 'sku:SKU-1', by: 'anna@ops', ...data },
});

describe('findings as the contract describes them, published as the reconciler publishes', () => {
  const e1 = { ...price('eshop', 'SKU-1', '129.99', { time: '2026-11-20T11:00:00Z', id: 'e1' }), recordedAt: T0 };
  const s1 = { ...price('store/WAW-012', 'SKU-1', '139.99', { time: '2026-11-20T11:00:00Z', id: 's1' }), recordedAt: T0 + MIN };
  const firstId = publish([e1, s1]).find((p) => p.event['type'] === 'parity.finding.opened.v1')!.key;

  const log: RecordedEvent[] = [
    e1,
    s1,
    action('acknowledge', firstId, T0 + 2 * MIN),
    action('suppress', firstId, T0 + 3 * MIN, { reason: 'relabel', until: new Date(T0 + 10 * MIN).toISOString() }),
    // converge: resolves
    { ...price('store/WAW-012', 'SKU-1', '129.99', { time: '2026-11-20T12:04:00Z', id: 's2' }), recordedAt: T0 + 4 * MIN },
    // diverge again: re-opens
    { ...price('store/WAW-012', 'SKU-1', '149.99', { time: '2026-11-20T12:05:00Z', id: 's3' }), recordedAt: T0 + 5 * MIN },
  ];
  const published = publish(log);

  it('lifecycle: opened, updated (acknowledged), updated (suppressed), resolved, opened again', () => {
    expect(published.map((p) => [p.event['type'], p.event.data['status'], p.event.data['version']])).toEqual([
      ['parity.finding.opened.v1', 'open', 1],
      ['parity.finding.updated.v1', 'acknowledged', 2],
      ['parity.finding.updated.v1', 'suppressed', 3],
      ['parity.finding.resolved.v1', 'resolved', 4],
      ['parity.finding.opened.v1', 'open', 5],
    ]);
    expect(new Set(published.map((p) => p.key))).toEqual(new Set([firstId]));
  });

  it('envelope: CloudEvents 1.0 attributes, unique ids, subject, key = finding id', () => {
    const ids = new Set<string>();
    for (const p of published) {
      expect(p.text).toBe(p.slow);
      const e = p.event;
      expect(e['specversion']).toBe('1.0');
      expect(typeof e['id']).toBe('string');
      ids.add(e['id'] as string);
      expect(e['source']).toBe('parity/reconciler');
      expect(e['time']).toMatch(RFC3339);
      expect(e['datacontenttype']).toBe('application/json');
      expect(p.key).toBe(e.data['id']);
      // Note: CE subject is the finding id, not the SKU / promotion id / policy id.
      expect(e['subject']).toBe(e.data['id']);
    }
    expect(ids.size).toBe(published.length);
  });

  it('data: required fields present, types and null-vs-absent', () => {
    for (const p of published) {
      const d = p.event.data;
      for (const field of ['id', 'rule', 'status', 'severity', 'sku', 'promotionId', 'policyId', 'channels', 'impactAt', 'detectedAt', 'resolvedAt', 'evidence']) {
        expect(Object.prototype.hasOwnProperty.call(d, field)).toBe(true);
      }
      expect(RULE_IDS).toContain(d['rule']);
      expect(['open', 'acknowledged', 'resolved', 'suppressed']).toContain(d['status']);
      expect(d['sku']).toBe('SKU-1');
      expect(d['impactAt']).toMatch(RFC3339);
      expect(d['detectedAt']).toMatch(RFC3339);
      if (d['status'] === 'resolved') expect(d['resolvedAt']).toMatch(RFC3339);
      else expect(d['resolvedAt']).toBeNull();
      // Evidence is the ids of the events, as the contract says; evidenceEvents the same events with their sources.
      expect(d['evidence']).toEqual((d['evidenceEvents'] as { id: string }[]).map((e) => e.id));
      expect((d['evidence'] as unknown[]).length).toBeGreaterThan(0);
      for (const id of d['evidence'] as unknown[]) expect(typeof id).toBe('string');
      expect(d['evidenceEvents']).toEqual(expect.arrayContaining([expect.objectContaining({ id: expect.any(String), source: expect.any(String) })]));
      expect(Array.isArray(d['channels'])).toBe(true);
    }
    // The re-opened version: new detectedAt, handling cleared, resolvedAt null.
    const reopened = published[4]!.event.data;
    expect(reopened['detectedAt']).toBe(new Date(T0 + 5 * MIN).toISOString());
    expect(reopened['handling']).toBeNull();
    expect(reopened['resolvedAt']).toBeNull();
  });

  it('returns-policy finding: same id, and policyId follows the policy that differs now', () => {
    const at = (m: number) => T0 + m * MIN;
    const changes = publish([
      { ...returnsPolicy('eshop', 'RET-WEB', { days: 30, id: 'r1' }), recordedAt: at(0) },
      { ...returnsPolicy('store/A', 'RET-STD', { days: 14, id: 'r2' }), recordedAt: at(1) },
      { ...returnsPolicy('store/B', 'RET-STD', { days: 14, id: 'r3' }), recordedAt: at(2) },
    ]).filter((p) => p.event.data['rule'] === 'returns-policy-mismatch');
    const pair = changes.filter((p) => JSON.stringify((p.event.data['channels'] as { channel: string }[]).map((c) => c.channel)) === '["eshop","store/A"]');
    expect(pair.map((p) => [p.event['type'], p.event.data['policyId'], (p.event.data['parameters'] as Record<string, unknown>)['policyId']])).toEqual([
      ['parity.finding.opened.v1', 'RET-STD', 'RET-STD'],
      ['parity.finding.updated.v1', 'RET-WEB', 'RET-WEB'],
    ]);
    expect(new Set(pair.map((p) => p.key)).size).toBe(1);
  });
});
