import { DEFAULT_RULES_CONFIG } from './config';
import { FindingChange } from './finding';
import { instantsOf, OpenFindings, RecordedEvent, step, stepInstant } from './incremental';
import { emptyProjection } from './projection';
import { at, price } from './scenario/events';

const recordedAt = (iso: string, event: ReturnType<typeof price>): RecordedEvent => ({ ...event, recordedAt: at(iso) });
const summary = (changes: readonly FindingChange[]) => changes.map((change) => `${change.type} ${change.finding.rule} ${change.finding.subject.id}`);

/** A run of the engine: the instants given, each its events recorded at one time. */
function run(instants: readonly RecordedEvent[][]): string[][] {
  const projection = emptyProjection(DEFAULT_RULES_CONFIG);
  const open: OpenFindings = new Map();
  return instants.map((events) => summary(stepInstant(projection, open, events, DEFAULT_RULES_CONFIG)));
}

describe('the events of one recorded instant', () => {
  // Every channel showed 100.00; then a repricing reaches both channels.
  const before = [recordedAt('2026-11-20T10:00:01Z', price('eshop', 'SKU-1', '100.00')), recordedAt('2026-11-20T10:00:01Z', price('store/WAW-001', 'SKU-1', '100.00'))];
  const eshop = price('eshop', 'SKU-1', '120.00', { time: '2026-11-20T11:00:00Z' });
  const store = price('store/WAW-001', 'SKU-1', '120.00', { time: '2026-11-20T11:00:00Z' });

  it('are judged together: a repricing that reaches every channel in one append opens nothing', () => {
    expect(run([before, [recordedAt('2026-11-20T11:00:01Z', eshop), recordedAt('2026-11-20T11:00:01Z', store)]])).toEqual([[], []]);
  });

  it('recorded apart, leave the customer a dead end between them: opened, then resolved', () => {
    expect(run([before, [recordedAt('2026-11-20T11:00:01Z', eshop)], [recordedAt('2026-11-20T11:05:00Z', store)]])).toEqual([
      [],
      ['opened price-mismatch SKU-1'],
      ['resolved price-mismatch SKU-1'],
    ]);
  });

  it('open a finding once when they leave channels apart, however many of them touch the key', () => {
    const restated = ['110.00', '115.00', '120.00'].map((amount, n) => recordedAt('2026-11-20T11:00:01Z', price('eshop', 'SKU-1', amount, { time: `2026-11-20T11:00:0${n}Z` })));
    expect(run([before, restated])).toEqual([[], ['opened price-mismatch SKU-1']]);
  });

  it('judged one at a time by step, are what an instant of one event gives', () => {
    const projection = emptyProjection(DEFAULT_RULES_CONFIG);
    const open: OpenFindings = new Map();
    for (const event of before) step(projection, open, event, DEFAULT_RULES_CONFIG);
    expect(summary(step(projection, open, recordedAt('2026-11-20T11:00:01Z', eshop), DEFAULT_RULES_CONFIG))).toEqual(['opened price-mismatch SKU-1']);
  });
});

describe('instantsOf', () => {
  it('groups consecutive events of one recorded time, in log order', () => {
    const times = [1, 1, 2, 3, 3, 3, 1];
    expect([...instantsOf(times.map((recordedAt, position) => ({ recordedAt, position })))].map((instant) => instant.map((e) => e.position))).toEqual([
      [0, 1],
      [2],
      [3, 4, 5],
      [6],
    ]);
  });

  it('gives nothing for no events', () => {
    expect([...instantsOf([])]).toEqual([]);
  });
});
