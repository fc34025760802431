import { GroupTiming } from './alerts-config';
import { GroupMember, GroupState, openGroup, stepGroup } from './group';

const timing: GroupTiming = { groupWaitMs: 30_000, groupIntervalMs: 300_000, repeatIntervalMs: 3_600_000 };
const firing = (id: string, severity = 'high'): GroupMember => ({ id, severity, resolved: false, muted: false });
const resolved = (id: string): GroupMember => ({ id, severity: 'high', resolved: true, muted: false });
const muted = (id: string): GroupMember => ({ id, severity: 'high', resolved: false, muted: true });
const T0 = 1_700_000_000_000;

function run(state: GroupState, members: GroupMember[], at: number) {
  return stepGroup(state, members, timing, at);
}

describe('group timing (Alertmanager semantics), time as data', () => {
  const fresh = openGroup('g', '0', 'hook', { promotionId: 'P-1' }, T0);

  it('waits group_wait before the first notification, then tells every finding that arrived meanwhile', () => {
    const early = run(fresh, [firing('a')], T0 + 29_999);
    expect(early.notification).toBeNull();
    expect(early.wakeAt).toBe(T0 + 30_000);
    const first = run(fresh, [firing('a'), firing('b'), firing('c')], T0 + 30_000);
    expect(first.notification).toEqual({ kind: 'firing', firing: ['a', 'b', 'c'], resolved: [], reason: 'first' });
    expect(first.state).toMatchObject({ notifiedAt: T0 + 30_000, flushedAt: T0 + 30_000, notified: ['a@high', 'b@high', 'c@high'] });
    expect(first.wakeAt).toBe(T0 + 330_000);
  });

  it('tells a change only at the next group_interval tick, with what resolved meanwhile', () => {
    const first = run(fresh, [firing('a'), firing('b')], T0 + 30_000).state!;
    expect(run(first, [firing('a'), resolved('b'), firing('c')], T0 + 329_999).notification).toBeNull();
    const changed = run(first, [firing('a'), resolved('b'), firing('c')], T0 + 330_000);
    expect(changed.notification).toEqual({ kind: 'firing', firing: ['a', 'c'], resolved: ['b'], reason: 'changed' });
  });

  it('counts a severity change as a change', () => {
    const first = run(fresh, [firing('a', 'medium')], T0 + 30_000).state!;
    expect(run(first, [firing('a', 'critical')], T0 + 330_000).notification).toMatchObject({ kind: 'firing', reason: 'changed' });
  });

  it('does not repeat before repeat_interval, and repeats once it has passed', () => {
    let state = run(fresh, [firing('a')], T0 + 30_000).state!;
    for (let tick = 1; tick <= 11; tick += 1) {
      const step = run(state, [firing('a')], T0 + 30_000 + tick * 300_000);
      expect(step.notification).toBeNull();
      state = step.state!;
    }
    const repeat = run(state, [firing('a')], T0 + 30_000 + 12 * 300_000);
    expect(repeat.notification).toEqual({ kind: 'firing', firing: ['a'], resolved: [], reason: 'repeat' });
    expect(repeat.state?.notifiedAt).toBe(T0 + 30_000 + 12 * 300_000);
  });

  it('sends one resolved notification when every told finding resolved, and closes the group', () => {
    const first = run(fresh, [firing('a'), firing('b')], T0 + 30_000).state!;
    const done = run(first, [resolved('a'), resolved('b')], T0 + 330_000);
    expect(done.notification).toEqual({ kind: 'resolved', resolved: ['a', 'b'] });
    expect(done.state).toBeNull();
  });

  it('drops a group whose findings resolved within group_wait without telling anyone', () => {
    const step = run(fresh, [resolved('a')], T0 + 30_000);
    expect(step).toEqual({ state: null, notification: null, wakeAt: null });
  });

  it('keeps quiet about muted findings: no first notification, and no false resolved one', () => {
    expect(run(fresh, [muted('a')], T0 + 60_000)).toMatchObject({ notification: null, state: fresh });
    const first = run(fresh, [firing('a'), firing('b')], T0 + 30_000).state!;
    const silenced = run(first, [muted('a'), muted('b')], T0 + 330_000);
    expect(silenced.notification).toBeNull();
    expect(silenced.state).not.toBeNull();
    const later = run(silenced.state!, [resolved('a'), resolved('b')], T0 + 630_000);
    expect(later.notification).toEqual({ kind: 'resolved', resolved: ['a', 'b'] });
  });

  it('a muted finding leaves the firing set: the others are told without it', () => {
    const first = run(fresh, [firing('a'), firing('b')], T0 + 30_000).state!;
    expect(run(first, [firing('a'), muted('b')], T0 + 330_000).notification).toEqual({ kind: 'firing', firing: ['a'], resolved: [], reason: 'changed' });
  });
});
