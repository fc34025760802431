import { DEFAULT_RULES_CONFIG } from './config';
import { FindingChange } from './finding';
import { OpenFindings, RecordedEvent, step } from './incremental';
import { FINDING_ACTION_TYPES } from './lifecycle';
import { emptyProjection, keyOfEvent } from './projection';
import { price } from './scenario/events';

const T0 = Date.parse('2026-11-20T12:00:00Z');
const MINUTE = 60_000;

function run(log: RecordedEvent[]): FindingChange[][] {
  const projection = emptyProjection();
  const open: OpenFindings = new Map();
  return log.map((event) => step(projection, open, event, DEFAULT_RULES_CONFIG));
}

const action = (kind: keyof typeof FINDING_ACTION_TYPES, findingId: string, at: number, data: Record<string, string> = {}): RecordedEvent => ({
  source: 'parity/feed',
  id: `action-${at}`,
  type: FINDING_ACTION_TYPES[kind],
  eventTime: at,
  recordedAt: at,
  data: { findingId, key: 'sku:SKU-1', by: 'anna@ops', ...data },
});

describe('finding lifecycle recorded as events', () => {
  it('belongs to the key of the finding it acts on, so the partition that owns that key handles it once', () => {
    // The reconciler skips events a partition's checkpoint already covers by this key: an action
    // without one was handled twice after a rebalance.
    expect(keyOfEvent(action('acknowledge', 'f-1', T0))).toBe('sku:SKU-1');
    expect(keyOfEvent(price('eshop', 'SKU-2', '1.00'))).toBe('sku:SKU-2');
  });

  const mismatch: RecordedEvent[] = [
    { ...price('eshop', 'SKU-1', '129.99', { time: '2026-11-20T11:00:00Z' }), recordedAt: T0 },
    { ...price('store/WAW-012', 'SKU-1', '139.99', { time: '2026-11-20T11:00:00Z' }), recordedAt: T0 + MINUTE },
  ];
  const findingIdOf = () => run(mismatch)[1]!.find((c) => c.finding.rule === 'price-mismatch')!.finding.id;

  it('acknowledges and assigns, recording who and when, and the status survives an update of the values', () => {
    const id = findingIdOf();
    const changes = run([
      ...mismatch,
      action('acknowledge', id, T0 + 2 * MINUTE),
      action('assign', id, T0 + 3 * MINUTE, { assignee: 'pricing-team' }),
      { ...price('store/WAW-012', 'SKU-1', '149.99', { time: '2026-11-20T11:30:00Z' }), recordedAt: T0 + 4 * MINUTE },
    ]);
    expect(changes[2]).toMatchObject([{ type: 'updated', finding: { id, status: 'acknowledged', handling: { by: 'anna@ops', at: T0 + 2 * MINUTE } } }]);
    expect(changes[3]).toMatchObject([{ type: 'updated', finding: { status: 'acknowledged', handling: { assignee: 'pricing-team' } } }]);
    const update = changes[4]!.find((c) => c.finding.id === id);
    expect(update).toMatchObject({ type: 'updated', finding: { status: 'acknowledged', handling: { assignee: 'pricing-team' } } });
    expect(update?.finding.channels.map((c) => c.value)).toContain('149.99 PLN');
  });

  it('suppresses with a reason until an expiry, then opens again by itself if still a dead end', () => {
    const id = findingIdOf();
    const until = new Date(T0 + 30 * MINUTE).toISOString();
    const changes = run([
      ...mismatch,
      action('suppress', id, T0 + 2 * MINUTE, { reason: 'store relabels tonight', until }),
      // Nothing about SKU-1 happens; another SKU moves the log's clock past the expiry.
      { ...price('eshop', 'SKU-2', '10.00', { time: '2026-11-20T12:40:00Z' }), recordedAt: T0 + 40 * MINUTE },
    ]);
    expect(changes[2]).toMatchObject([{ finding: { status: 'suppressed', handling: { reason: 'store relabels tonight', until: T0 + 30 * MINUTE } } }]);
    expect(changes[3]!.find((c) => c.finding.id === id)).toMatchObject({ type: 'updated', finding: { status: 'open' } });
  });

  it('ignores a suppression without reason or expiry, and any action on an unknown finding', () => {
    const id = findingIdOf();
    const changes = run([...mismatch, action('suppress', id, T0 + 2 * MINUTE, {}), action('acknowledge', 'no-such-finding', T0 + 3 * MINUTE)]);
    expect(changes[2]).toEqual([]);
    expect(changes[3]).toEqual([]);
  });

  it('replays to the same statuses: the history is a function of the log', () => {
    const id = findingIdOf();
    const log = [...mismatch, action('acknowledge', id, T0 + 2 * MINUTE), action('reopen', id, T0 + 3 * MINUTE)];
    expect(JSON.stringify(run(log))).toBe(JSON.stringify(run(log)));
    expect(run(log)[3]).toMatchObject([{ finding: { status: 'open', handling: { by: 'anna@ops' } } }]);
  });
});
