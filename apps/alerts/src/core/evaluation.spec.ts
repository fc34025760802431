import { AlertFinding } from './alert-finding';
import { loadAlertsConfig } from './config-loader';
import { evaluate, EvaluationInput, TrackedFinding } from './evaluation';
import { GroupState } from './group';
import { Silence } from './silence';
import { aFinding } from './test-findings';

const YAML = `
receivers:
  - name: pricing
    log: {}
  - name: oncall
    log: {}
route:
  receiver: pricing
  group_by: [promotionId, rule]
  group_wait: 30s
  group_interval: 5m
  repeat_interval: 4h
inhibit_rules:
  - source_matchers: ['rule = stale-channel-data']
    target_matchers: ['rule = price-mismatch']
    equal: [sku, channel]
escalations:
  - receiver: oncall
    after: 30m
    severities: [critical, high]
`;
const loaded = loadAlertsConfig(YAML, {});
if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
const config = loaded.config;
const T0 = 1_700_000_000_000;
const tracked = (finding: AlertFinding, escalatedFor: number | null = null): TrackedFinding => ({ finding, escalatedFor });

/** Runs evaluations at the given times, carrying group state forward like the shell does. */
function timeline(steps: { at: number; findings: AlertFinding[]; silences?: Silence[] }[]) {
  let groups: GroupState[] = [];
  const escalated = new Map<string, number>();
  const told: { at: number; kind: string; receiver: string; firing: string[]; resolved: string[]; id: string }[] = [];
  for (const step of steps) {
    const input: EvaluationInput = {
      config,
      findings: step.findings.map((f) => tracked(f, escalated.get(f.id) ?? null)),
      groups,
      silences: step.silences ?? [],
      now: step.at,
    };
    const result = evaluate(input);
    const byKey = new Map(groups.map((g) => [g.key, g]));
    for (const key of result.closedGroups) byKey.delete(key);
    for (const group of result.groups) byKey.set(group.key, group);
    groups = [...byKey.values()];
    for (const [id, at] of result.escalated) escalated.set(id, at);
    for (const n of result.notifications) told.push({ at: step.at, kind: n.kind, receiver: n.receiver, firing: n.firing.map((f) => f.id), resolved: n.resolved.map((f) => f.id), id: n.id });
  }
  return { told, groups };
}

const promo = (i: number, overrides: Partial<AlertFinding> = {}) =>
  aFinding({ id: `f-${i}`, rule: 'promotion-mismatch', sku: `SKU-${i}`, subject: { kind: 'sku', id: `SKU-${i}` }, promotionId: 'P-1', severity: 'medium', detectedAt: T0, ...overrides });

describe('evaluate: grouping, inhibition, silences, escalation', () => {
  it('400 findings of one promotion: one notification after group_wait, one resolved after they resolve', () => {
    const open = Array.from({ length: 400 }, (_, i) => promo(i));
    const closed = open.map((f) => ({ ...f, status: 'resolved' as const, resolvedAt: T0 + 100_000, version: 2 }));
    const { told, groups } = timeline([
      { at: T0, findings: open.slice(0, 100) },
      { at: T0 + 10_000, findings: open },
      { at: T0 + 30_000, findings: open },
      { at: T0 + 60_000, findings: open },
      { at: T0 + 330_000, findings: closed },
      { at: T0 + 700_000, findings: closed },
    ]);
    expect(told.map((n) => [n.at - T0, n.kind, n.firing.length, n.resolved.length])).toEqual([
      [30_000, 'firing', 400, 0],
      [330_000, 'resolved', 0, 400],
    ]);
    expect(groups).toEqual([]);
  });

  it('inhibition: a stale channel mutes the price mismatches of that SKU involving that channel, not others', () => {
    const stale = aFinding({ id: 'stale', rule: 'stale-channel-data', severity: 'medium', channels: [{ channel: 'store/WAW-012', value: '139.99 PLN' }] });
    const caused = aFinding({ id: 'caused', severity: 'medium' });
    const otherSku = aFinding({ id: 'other-sku', sku: 'SKU-2', subject: { kind: 'sku', id: 'SKU-2' }, severity: 'medium' });
    const otherChannel = aFinding({ id: 'other-channel', severity: 'medium', channels: [{ channel: 'eshop', value: '1' }, { channel: 'app', value: '2' }] });
    const result = evaluate({ config, findings: [stale, caused, otherSku, otherChannel].map((f) => tracked(f)), groups: [], silences: [], now: T0 });
    expect(result.mutes).toEqual([{ findingId: 'caused', by: 'inhibition', cause: 'stale' }]);
    const { told } = timeline([
      { at: T0, findings: [stale, caused, otherSku, otherChannel] },
      { at: T0 + 30_000, findings: [stale, caused, otherSku, otherChannel] },
    ]);
    expect(told.flatMap((n) => n.firing).sort()).toEqual(['other-channel', 'other-sku', 'stale']);
  });

  it('inhibition ends when the cause resolves: the consequence is then told', () => {
    const stale = aFinding({ id: 'stale', rule: 'stale-channel-data', severity: 'medium', channels: [{ channel: 'store/WAW-012', value: 'x' }] });
    const caused = aFinding({ id: 'caused', severity: 'medium' });
    const { told } = timeline([
      { at: T0, findings: [stale, caused] },
      { at: T0 + 30_000, findings: [stale, caused] },
      { at: T0 + 60_000, findings: [{ ...stale, status: 'resolved', resolvedAt: T0 + 60_000 }, caused] },
      { at: T0 + 90_000, findings: [caused] },
    ]);
    expect(told.filter((n) => n.firing.includes('caused')).map((n) => n.at - T0)).toEqual([60_000]);
  });

  it('silences mute matching findings while active, and only them', () => {
    const silence: Silence = {
      id: 's-1',
      matchers: [{ label: 'store', op: '=', value: 'WAW-012' }],
      createdBy: 'alice',
      comment: 'store relabelling tonight',
      startsAt: T0,
      endsAt: T0 + 3_600_000,
    };
    const inStore = aFinding({ id: 'in-store', severity: 'medium' });
    const elsewhere = aFinding({ id: 'elsewhere', severity: 'medium', sku: 'SKU-2', channels: [{ channel: 'eshop', value: '1' }, { channel: 'store/KRK-001', value: '2' }] });
    const { told } = timeline([
      { at: T0, findings: [inStore, elsewhere], silences: [silence] },
      { at: T0 + 30_000, findings: [inStore, elsewhere], silences: [silence] },
      { at: T0 + 3_600_000, findings: [inStore, elsewhere], silences: [silence] },
      { at: T0 + 3_900_000, findings: [inStore, elsewhere], silences: [silence] },
    ]);
    expect(told.map((n) => [n.at - T0, n.firing])).toEqual([
      [30_000, ['elsewhere']],
      [3_600_000, ['elsewhere', 'in-store']],
    ]);
  });

  it('escalates a severe open finding once, after the configured time; acknowledged or low ones are not', () => {
    const severe = aFinding({ id: 'severe', severity: 'critical', detectedAt: T0 });
    const acked = aFinding({ id: 'acked', severity: 'critical', status: 'acknowledged', detectedAt: T0 });
    const low = aFinding({ id: 'low', severity: 'low', detectedAt: T0 });
    const all = [severe, acked, low];
    const { told } = timeline([
      { at: T0 + 1_799_999, findings: all },
      { at: T0 + 1_800_000, findings: all },
      { at: T0 + 1_900_000, findings: all },
    ]);
    const escalations = told.filter((n) => n.kind === 'escalation');
    expect(escalations).toEqual([expect.objectContaining({ at: T0 + 1_800_000, receiver: 'oncall', firing: ['severe'] })]);
  });

  it('gives the same decision the same notification id (the idempotency id)', () => {
    const input: EvaluationInput = { config, findings: [tracked(promo(1))], groups: [], silences: [], now: T0 };
    const first = evaluate(input);
    const state = first.groups[0]!;
    const again = evaluate({ ...input, groups: [state], now: T0 + 30_000 });
    const replay = evaluate({ ...input, groups: [state], now: T0 + 30_000 });
    expect(again.notifications[0]?.id).toMatch(/^ntf_[0-9a-f]{32}$/);
    expect(replay.notifications[0]?.id).toBe(again.notifications[0]?.id);
  });

  it('a reload that changes group_by regroups silently: no false resolved notification for the old group', () => {
    const finding = promo(1);
    const first = evaluate({ config, findings: [tracked(finding)], groups: [], silences: [], now: T0 });
    const told = evaluate({ config, findings: [tracked(finding)], groups: first.groups, silences: [], now: T0 + 30_000 });
    expect(told.notifications).toHaveLength(1);
    const regrouped = loadAlertsConfig(YAML.replace('group_by: [promotionId, rule]', 'group_by: [sku]'), {});
    if (!regrouped.ok) throw new Error('bad test config');
    const after = evaluate({ config: regrouped.config, findings: [tracked(finding)], groups: told.groups, silences: [], now: T0 + 400_000 });
    expect(after.closedGroups).toEqual([told.groups[0]!.key]);
    expect(after.notifications).toEqual([]);
    expect(after.groups.map((g) => g.labels)).toEqual([{ sku: 'SKU-1' }]);
  });
});
