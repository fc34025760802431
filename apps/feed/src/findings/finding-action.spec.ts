import { actionOf, applyAction, Finding } from '@parity/rules';
import { Principal } from '@parity/auth';
import { ApiError } from '@parity/http-errors';
import { ActionEvent, decideAction, findingAfterActions } from './finding-action';

const NOW = Date.parse('2026-11-20T12:00:00Z');
const anna: Principal = { name: 'anna', role: 'ops', via: 'token' };
const finding: Finding = {
  id: 'b'.repeat(32),
  key: 'sku:SKU-1',
  rule: 'price-mismatch',
  status: 'open',
  severity: 'high',
  subject: { kind: 'sku', id: 'SKU-1' },
  sku: 'SKU-1',
  promotionId: undefined,
  policyId: undefined,
  category: undefined,
  channels: [],
  impactAt: NOW,
  detectedAt: NOW,
  resolvedAt: undefined,
  evidence: [],
  parameters: {},
  handling: undefined,
};

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, code: error.code };
    throw error;
  }
  return undefined;
};

describe('operator actions as log events', () => {
  it('writes what the engine reads back: the same action, by whom, and it applies', () => {
    const until = '2026-11-21T12:00:00.000Z';
    const event = decideAction('suppress', { reason: ' store relabels tonight ', until }, finding, anna, 'action-1', NOW);
    expect(event).toMatchObject({ source: 'parity/feed', id: 'action-1', type: 'parity.finding.suppressed.v1', subject: finding.id, eventTime: NOW });
    const action = actionOf({ source: event.source, id: event.id, type: event.type, eventTime: event.eventTime, data: JSON.parse(event.dataJson) });
    expect(action).toEqual({ kind: 'suppress', findingId: finding.id, key: 'sku:SKU-1', by: 'anna', assignee: undefined, reason: 'store relabels tonight', until: Date.parse(until) });
    expect(applyAction(finding, action!, NOW)).toMatchObject({ ok: true, finding: { status: 'suppressed' } });
    expect(JSON.parse(event.dataJson)).toMatchObject({ role: 'ops' });
  });

  it('refuses what the engine would ignore or what would change nothing, with a code', () => {
    expect(refusal(() => decideAction('acknowledge', {}, { ...finding, status: 'resolved' }, anna, 'a', NOW))).toEqual({ status: 409, code: 'finding-resolved' });
    expect(refusal(() => decideAction('suppress', { reason: 'x', until: '2026-11-20T11:00:00Z' }, finding, anna, 'a', NOW))).toEqual({ status: 422, code: 'suppression-expiry-not-in-future' });
    expect(refusal(() => decideAction('suppress', { reason: 'x', until: '2028-01-01T00:00:00Z' }, finding, anna, 'a', NOW))).toEqual({ status: 422, code: 'suppression-too-long' });
    expect(refusal(() => decideAction('acknowledge', {}, { ...finding, status: 'acknowledged' }, anna, 'a', NOW))).toEqual({ status: 409, code: 'already-acknowledged' });
    expect(refusal(() => decideAction('reopen', {}, finding, anna, 'a', NOW))).toEqual({ status: 409, code: 'already-open' });
    expect(refusal(() => decideAction('reopen', {}, { ...finding, status: 'suppressed' }, anna, 'a', NOW))).toBeUndefined();
    const assigned: Finding = { ...finding, status: 'acknowledged', handling: { by: 'anna', at: NOW - 1000, assignee: 'pricing-team', reason: undefined, until: undefined } };
    expect(refusal(() => decideAction('assign', { assignee: ' pricing-team ' }, assigned, anna, 'a', NOW))).toEqual({ status: 409, code: 'already-assigned' });
    expect(refusal(() => decideAction('assign', { assignee: 'store-team' }, assigned, anna, 'a', NOW))).toBeUndefined();
    const until = Date.parse('2026-11-21T12:00:00Z');
    const suppressed: Finding = { ...finding, status: 'suppressed', handling: { by: 'anna', at: NOW - 1000, assignee: undefined, reason: 'relabel', until } };
    expect(refusal(() => decideAction('suppress', { reason: 'relabel', until: '2026-11-21T13:00:00+01:00' }, suppressed, anna, 'a', NOW))).toEqual({ status: 409, code: 'already-suppressed' });
    expect(refusal(() => decideAction('suppress', { reason: 'relabel', until: '2026-11-22T12:00:00Z' }, suppressed, anna, 'a', NOW))).toBeUndefined();
    expect(refusal(() => decideAction('suppress', { reason: 'relabel tonight', until: '2026-11-21T12:00:00Z' }, suppressed, anna, 'a', NOW))).toBeUndefined();
    expect(refusal(() => decideAction('suppress', { reason: 'relabel', until: '2026-11-21T12:00:00Z' }, { ...suppressed, status: 'open' }, anna, 'a', NOW))).toBeUndefined();
    // Text the log cannot store is a 400, not a failed append (a 500).
    expect(refusal(() => decideAction('assign', { assignee: 'team\u0000a' }, finding, anna, 'a', NOW))).toEqual({ status: 400, code: 'unstorable-text' });
    expect(refusal(() => decideAction('suppress', { reason: 'x \ud800', until: '2026-11-22T00:00:00Z' }, finding, anna, 'a', NOW))).toEqual({ status: 400, code: 'unstorable-text' });
    expect(refusal(() => decideAction('suppress', { reason: 'relabel \ud83d\ude00', until: '2026-11-22T00:00:00Z' }, finding, anna, 'a', NOW))).toBeUndefined();
  });

  it('decides against the actions the log holds that the reconciler has not applied yet', () => {
    const logged = (event: ActionEvent, recordedAt: number) => ({ source: event.source, id: event.id, type: event.type, eventTime: event.eventTime, recordedAt, data: JSON.parse(event.dataJson) as unknown });
    const ack = decideAction('acknowledge', {}, finding, anna, 'a1', NOW);
    const assign = decideAction('assign', { assignee: 'pricing-team' }, finding, anna, 'a2', NOW + 1);
    const other = decideAction('reopen', {}, { ...finding, id: 'c'.repeat(32), status: 'acknowledged' }, anna, 'a3', NOW + 2);
    const current = findingAfterActions(finding, [logged(ack, NOW), logged(assign, NOW + 1), logged(other, NOW + 2)]);
    expect(current).toMatchObject({ status: 'acknowledged', handling: { by: 'anna', at: NOW + 1, assignee: 'pricing-team' } });
    expect(refusal(() => decideAction('acknowledge', {}, current, anna, 'b', NOW + 3))).toEqual({ status: 409, code: 'already-acknowledged' });
    expect(refusal(() => decideAction('assign', { assignee: 'pricing-team' }, current, anna, 'b', NOW + 3))).toEqual({ status: 409, code: 'already-assigned' });
    // Ignored there as the engine ignores it: an action on a resolved finding changes nothing.
    const resolved: Finding = { ...finding, status: 'resolved' };
    expect(findingAfterActions(resolved, [logged(ack, NOW)])).toBe(resolved);
    expect(findingAfterActions(finding, [])).toBe(finding);
  });
});
