import { DEFAULT_RULES_CONFIG, RulesConfig } from './config';
import { FindingChange, reconcile } from './finding';
import { OpenFindings, RecordedEvent, step } from './incremental';
import { apply, detectKey, emptyProjection } from './projection';
import { quietUntil } from './quiet';
import { nextRecheck } from './recheck';
import { price, product, stock } from './scenario/events';
import { given } from './scenario/given';
import { Wakeups } from './wakeups';

const at = (iso: string) => Date.parse(iso);
const DAY = 86_400_000;

function quietOf(scenario: ReturnType<typeof given>, key: string, iso: string): number {
  const state = scenario.projection.states.get(key)!;
  return quietUntil(state, at(iso), scenario.config);
}

describe('quietUntil', () => {
  it('lets a SKU every channel agrees on sleep for good', () => {
    const scenario = given([price('eshop', 'SKU-1', '100.00'), price('app', 'SKU-1', '100.00'), stock('store/WAW-001', 'SKU-1', 'store/WAW-001', 4)]);
    expect(scenario.at('2026-11-20T12:00:00Z')).toEqual([]);
    expect(quietOf(scenario, 'sku:SKU-1', '2026-11-20T12:00:00Z')).toBe(Number.POSITIVE_INFINITY);
  });

  it('wakes a SKU when a differing scheduled price enters the lookahead, not a millisecond later', () => {
    const scenario = given([
      price('eshop', 'SKU-1', '100.00'),
      price('app', 'SKU-1', '100.00'),
      price('eshop', 'SKU-1', '79.00', { from: '2027-03-01T00:00:00Z' }),
    ]);
    const wake = quietOf(scenario, 'sku:SKU-1', '2026-11-20T12:00:00Z');
    expect(wake).toBe(at('2027-03-01T00:00:00Z') - DEFAULT_RULES_CONFIG.lookaheadMs);
    expect(detectKey(scenario.projection, 'sku:SKU-1', wake - 1, scenario.config)).toEqual([]);
    expect(detectKey(scenario.projection, 'sku:SKU-1', wake, scenario.config).map((d) => d.rule)).toEqual(['price-mismatch']);
  });

  it('wakes a channel left behind by a change when its staleness window runs out', () => {
    // Within the money tolerance: no price mismatch, but the app still shows the old price.
    const scenario = given(
      [price('eshop', 'SKU-1', '100.00', { time: '2026-11-20T10:00:00Z' }), price('app', 'SKU-1', '100.00', { time: '2026-11-20T10:00:00Z' }), price('eshop', 'SKU-1', '99.00', { time: '2026-11-20T11:00:00Z' })],
      { moneyTolerance: { absolute: '0.00', percent: 5 } },
    );
    const wake = quietOf(scenario, 'sku:SKU-1', '2026-11-20T11:30:00Z');
    expect(wake).toBe(at('2026-11-20T12:00:00Z'));
    expect(detectKey(scenario.projection, 'sku:SKU-1', wake, scenario.config)).toEqual([]);
    expect(detectKey(scenario.projection, 'sku:SKU-1', wake + 1, scenario.config).map((d) => d.rule)).toEqual(['stale-channel-data']);
  });

  it('never skips a SKU whose catalog assortment may widen with a new channel', () => {
    const scenario = given([product('eshop', 'SKU-1', { channels: ['eshop', 'store/*'] }), price('eshop', 'SKU-1', '100.00')]);
    expect(quietOf(scenario, 'sku:SKU-1', '2026-11-20T12:00:00Z')).toBe(at('2026-11-20T12:00:00Z'));
  });

  it('is never later than the first recheck that finds something, over a week of scheduled and stale prices', () => {
    const config: RulesConfig = { ...DEFAULT_RULES_CONFIG, moneyTolerance: { absolute: '0.00', percent: 3 }, staleness: { defaultMs: 3_600_000, byChannel: { 'store/*': 7_200_000 } } };
    const events = [];
    for (let sku = 1; sku <= 12; sku += 1) {
      const id = `SKU-${sku}`;
      events.push(price('eshop', id, '100.00', { time: '2026-11-20T08:00:00Z' }), price('store/WAW-001', id, '100.00', { time: '2026-11-20T08:00:00Z' }));
      if (sku % 2 === 0) events.push(price('eshop', id, `${100 - sku}.00`, { time: '2026-11-20T09:00:00Z' }));
      if (sku % 3 === 0) events.push(price('app', id, '100.00', { time: '2026-11-20T08:30:00Z', from: '2026-12-25T00:00:00Z', to: `2027-0${1 + (sku % 4)}-15T00:00:00Z` }));
      if (sku % 5 === 0) events.push(price('store/WAW-001', id, '70.00', { time: '2026-11-20T08:00:00Z', from: '2027-02-01T00:00:00Z' }));
    }
    const scenario = given(events, config);
    let skipped = 0;
    for (const key of scenario.projection.states.keys()) {
      const state = scenario.projection.states.get(key)!;
      for (let asOf = at('2026-11-20T08:00:00Z'); asOf < at('2027-03-01T00:00:00Z'); asOf += 6 * 3_600_000 + 1) {
        if (detectKey(scenario.projection, key, asOf, config).length > 0) continue;
        const wake = quietUntil(state, asOf, config);
        // Every recheck the unskipped schedule would run before the wake-up finds nothing.
        for (let t = nextRecheck(state, [], asOf, config); t !== undefined && t < wake; t = nextRecheck(state, [], t, config)) {
          expect(detectKey(scenario.projection, key, t, config)).toEqual([]);
          skipped += 1;
        }
      }
    }
    expect(skipped).toBeGreaterThan(100);
  });
});

/**
 * The engine before quiet keys skipped rechecks: every time nextRecheck lists, for every key.
 * Kept here as the reference the engine's history must equal byte for byte.
 */
function historyRecheckingEverything(log: readonly RecordedEvent[], config: RulesConfig): string {
  const projection = emptyProjection(config);
  const open: OpenFindings = new Map();
  const wakeups = new Wakeups();
  const changes: FindingChange[] = [];
  const redetect = (key: string, asOf: number) => {
    const detections = detectKey(projection, key, asOf, config);
    const found = reconcile(key, open.get(key) ?? [], detections, asOf);
    const byId = new Map((open.get(key) ?? []).map((finding) => [finding.id, finding]));
    for (const { type, finding } of found) type === 'resolved' ? byId.delete(finding.id) : byId.set(finding.id, finding);
    open.set(key, [...byId.values()]);
    const state = projection.states.get(key);
    wakeups.schedule(key, state ? nextRecheck(state, detections, asOf, config) : undefined);
    changes.push(...found);
  };
  for (const event of log) {
    for (let due = wakeups.next(event.recordedAt); due; due = wakeups.next(event.recordedAt)) redetect(due[1], due[0]);
    const key = apply(projection, event);
    if (key !== undefined) redetect(key, event.recordedAt);
  }
  return JSON.stringify(changes);
}

describe('skipping the rechecks of quiet keys', () => {
  it('leaves the finding history byte-identical to rechecking at every listed time', () => {
    const config: RulesConfig = { ...DEFAULT_RULES_CONFIG, moneyTolerance: { absolute: '0.00', percent: 2 }, staleness: { defaultMs: 3_600_000, byChannel: { 'store/*': 5_400_000 } } };
    const channels = ['eshop', 'app', 'contact-center', 'store/WAW-001'];
    const start = at('2026-11-20T00:00:00Z');
    const log: RecordedEvent[] = [];
    for (let n = 0; n < 3_000; n += 1) {
      const sku = `SKU-${n % 40}`;
      const channel = channels[Math.floor(n / 40) % channels.length]!;
      const time = new Date(start + n * 600_000).toISOString();
      // Now and then a price a little off (stale, within the tolerance), far off (a mismatch), or
      // scheduled beyond the lookahead, entering it while the log runs.
      const scheduled = n % 31 === 0 ? { from: new Date(start + n * 600_000 + (61 + (n % 15)) * DAY).toISOString(), to: new Date(start + n * 600_000 + 90 * DAY).toISOString() } : {};
      const amount = n % 31 === 0 ? '79.00' : n % 17 === 0 ? '101.50' : n % 23 === 0 ? '90.00' : '100.00';
      const event = n % 5 === 0 ? stock(channel, sku, 'store/WAW-001', n % 7) : n % 97 === 0 ? product('eshop', sku, { channels: ['eshop', 'app'] }) : price(channel, sku, amount, { time, ...scheduled });
      log.push({ ...event, eventTime: start + n * 600_000, recordedAt: start + n * 600_000 + 250 });
    }
    const projection = emptyProjection(config);
    const open: OpenFindings = new Map();
    const history = JSON.stringify(log.flatMap((event) => step(projection, open, event, config)));
    expect(history.length).toBeGreaterThan(100_000);
    expect(history).toBe(historyRecheckingEverything(log, config));
  });
});
