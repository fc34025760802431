import { DEFAULT_RULES_CONFIG } from './config';
import { FindingChange } from './finding';
import { OpenFindings, RecordedEvent, step } from './incremental';
import { FINDING_ACTION_TYPES } from './lifecycle';
import { CLOCK_SOURCE, CLOCK_TICK_TYPE, clockTick, isOwnEvent } from './own-events';
import { apply, emptyProjection } from './projection';
import { price } from './scenario/events';

const HOUR = 3_600_000;
const at = (iso: string) => Date.parse(iso);

/** Last week both channels quoted 139.99; today at 10:00 the e-shop cut the price, recorded at once. */
const log: RecordedEvent[] = [
  { ...price('eshop', 'SKU-1', '139.99', { time: '2026-11-13T10:00:00Z', id: 'eshop-old' }), recordedAt: at('2026-11-13T10:00:00Z') },
  { ...price('contact-center', 'SKU-1', '139.99', { time: '2026-11-13T10:00:00Z', id: 'cc-old' }), recordedAt: at('2026-11-13T10:00:01Z') },
  { ...price('eshop', 'SKU-1', '129.99', { time: '2026-11-20T10:00:00Z', id: 'eshop-cut' }), recordedAt: at('2026-11-20T10:00:00Z') },
];

function run(events: readonly RecordedEvent[]): FindingChange[] {
  const projection = emptyProjection();
  const open: OpenFindings = new Map();
  return events.flatMap((event) => step(projection, open, event, DEFAULT_RULES_CONFIG));
}

const tick = (iso: string, dueIso: string): RecordedEvent => ({ ...clockTick(at(iso), at(dueIso)), recordedAt: at(iso) });
const stale = (changes: FindingChange[]) => changes.filter((change) => change.finding.rule === 'stale-channel-data');

describe('clock ticks: time moves on while every channel is quiet', () => {
  it('without an event after the price cut, the log clock stands still and the stale contact center is never flagged', () => {
    expect(stale(run(log))).toEqual([]);
  });

  it('a tick runs the recheck that fell due: the contact center is flagged as of the end of its window', () => {
    const changes = stale(run([...log, tick('2026-11-20T11:00:05Z', '2026-11-20T11:00:00Z')]));
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ type: 'opened', finding: { rule: 'stale-channel-data', sku: 'SKU-1', evidence: [{ id: 'cc-old' }, { id: 'eshop-cut' }] } });
    // The recheck runs at its own time (the first ms past the window), not the tick's: a later
    // tick gives the same finding.
    expect(changes[0]!.finding.detectedAt).toBe(at('2026-11-20T10:00:00Z') + HOUR + 1);
    expect(stale(run([...log, tick('2026-11-20T11:40:00Z', '2026-11-20T11:00:00Z')]))).toEqual(changes);
  });

  it('a tick before the window ends changes nothing, and is no channel of its own', () => {
    const projection = emptyProjection();
    const open: OpenFindings = new Map();
    for (const event of log) step(projection, open, event, DEFAULT_RULES_CONFIG);
    expect(step(projection, open, tick('2026-11-20T10:30:00Z', '2026-11-20T10:30:00Z'), DEFAULT_RULES_CONFIG)).toEqual([]);
    expect([...projection.knownChannels]).not.toContain(CLOCK_SOURCE);
  });

  it('ticks and operator actions never make a channel known, also when a rebuild applies them without stepping', () => {
    const projection = emptyProjection();
    const action = { source: 'parity/feed', id: 'a-1', type: FINDING_ACTION_TYPES.acknowledge, eventTime: 0, data: { findingId: 'f', key: 'sku:SKU-1', by: 'anna@ops' } };
    expect(apply(projection, clockTick(at('2026-11-20T11:00:00Z'), at('2026-11-20T11:00:00Z')))).toBeUndefined();
    expect(apply(projection, action)).toBeUndefined();
    expect(projection.knownChannels.has(CLOCK_SOURCE)).toBe(false);
    expect(projection.knownChannels.has('parity/feed')).toBe(false);
  });

  it('writes a tick as an event of Parity’s own, named by its time, saying which recheck it is for', () => {
    const event = clockTick(at('2026-11-20T11:00:05Z'), at('2026-11-20T11:00:00Z'));
    expect(event).toEqual({ source: CLOCK_SOURCE, id: `tick-${at('2026-11-20T11:00:05Z')}`, type: CLOCK_TICK_TYPE, eventTime: at('2026-11-20T11:00:05Z'), data: { dueAt: '2026-11-20T11:00:00.000Z' } });
    expect(isOwnEvent(CLOCK_TICK_TYPE)).toBe(true);
    expect(isOwnEvent(FINDING_ACTION_TYPES.suppress)).toBe(true);
    expect(isOwnEvent('retail.price.set.v1')).toBe(false);
  });
});
