import { DEFAULT_RULES_CONFIG } from './config';
import { findingsOf, emptyProjection, apply } from './projection';
import { step, OpenFindings, RecordedEvent } from './incremental';
import { price, product, promotion, promotionEnded, returnsPolicy, stock } from './scenario/events';
import { LoggedEvent } from './facts';
import { Finding } from './finding';

/** A seeded shuffle, so a failure names the order that caused it. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const result = [...items];
  for (let i = result.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

const hour = (h: number) => new Date(Date.UTC(2026, 10, 20, h)).toISOString();

/** A day of many channels disagreeing and converging, with ties in event time. */
function dayOfEvents(): LoggedEvent[] {
  const events: LoggedEvent[] = [];
  const channels = ['eshop', 'app', 'contact-center', 'store/WAW-001', 'store/WAW-002', 'store/KRK-001'];
  for (let sku = 1; sku <= 12; sku += 1) {
    const id = `SKU-${sku}`;
    events.push(product('eshop', id, { time: hour(1), category: sku % 2 ? 'tv' : 'phone', channels: ['eshop', 'app', 'store/*'] }));
    channels.forEach((channel, n) => {
      if ((sku + n) % 7 === 0) return; // an assortment gap now and then
      events.push(price(channel, id, `${100 + sku}.99`, { time: hour(2) }));
      if ((sku * n) % 5 === 1) events.push(price(channel, id, `${90 + sku}.99`, { time: hour(3 + (n % 3)) }));
      if (sku % 4 === 0) events.push(price(channel, id, `${80 + sku}.99`, { time: hour(2), from: '2026-11-27T00:00:00Z', to: '2026-11-30T23:59:59Z' }));
      if (channel.startsWith('store/')) {
        events.push(stock(channel, id, channel, (sku + n) % 4, { time: hour(4) }));
        events.push(stock('eshop', id, channel, 3, { time: hour(4), fulfilment: ['click-and-collect'] }));
      }
    });
  }
  events.push(promotion('eshop', 'BF', { time: hour(5), skus: ['SKU-1', 'SKU-2'], scope: ['eshop', 'store/*'], from: '2026-11-27T00:00:00Z' }));
  events.push(promotion('store/WAW-001', 'BF', { time: hour(5), skus: ['SKU-1', 'SKU-2'], scope: ['eshop', 'store/*'], from: '2026-11-27T00:00:00Z' }));
  events.push(promotionEnded('store/WAW-001', 'BF', { time: hour(4) }));
  // SKUs taken off: one after the store's activation (counts), one before it (does not).
  events.push(promotion('store/KRK-002', 'BF', { time: hour(5), skus: ['SKU-1', 'SKU-2'], scope: ['eshop', 'store/*'], from: '2026-11-27T00:00:00Z' }));
  events.push(promotionEnded('store/KRK-002', 'BF', { time: hour(6), skus: ['SKU-2'] }));
  events.push(promotionEnded('store/KRK-002', 'BF', { time: hour(4), skus: ['SKU-1'] }));
  events.push(returnsPolicy('eshop', 'RET-STD', { time: hour(1), days: 30, returnableAt: ['eshop', 'store/*'] }));
  events.push(returnsPolicy('store/WAW-001', 'RET-STORE', { time: hour(1), days: 14 }));
  return events;
}

describe('determinism', () => {
  const asOf = Date.parse('2026-11-21T00:00:00Z');
  const events = dayOfEvents();

  it('gives the same final state and the same findings for 50 random arrival orders', () => {
    const reference = findingsOf(events, asOf);
    expect(reference.length).toBeGreaterThan(5);
    const referenceState = stateOf(events);
    for (let seed = 1; seed <= 50; seed += 1) {
      const order = shuffled(events, seed);
      expect({ seed, state: stateOf(order) }).toEqual({ seed, state: referenceState });
      expect({ seed, findings: findingsOf(order, asOf) }).toEqual({ seed, findings: reference });
    }
  });

  it('gives byte-identical finding histories when the same log is replayed twice', () => {
    const log: RecordedEvent[] = shuffled(events, 7).map((event, n) => ({ ...event, recordedAt: Date.parse('2026-11-20T12:00:00Z') + n * 1000 }));
    const history = () => {
      const projection = emptyProjection();
      const open: OpenFindings = new Map();
      return JSON.stringify(log.flatMap((event) => step(projection, open, event, DEFAULT_RULES_CONFIG)));
    };
    const first = history();
    expect(first.length).toBeGreaterThan(1000);
    expect(history()).toBe(first);
  });

  it('ends an incremental run with exactly the findings a one-shot evaluation of the whole log gives', () => {
    // With the channel universe configured up front, a key's findings depend only on its own facts.
    const config = { ...DEFAULT_RULES_CONFIG, channels: [...new Set(events.map((event) => event.source))] };
    const projection = emptyProjection(config);
    const open: OpenFindings = new Map();
    for (const event of shuffled(events, 3)) step(projection, open, { ...event, recordedAt: asOf }, config);
    const content = (findings: readonly Finding[]) => findings.map(({ detectedAt: _at, ...rest }) => rest).sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(content([...open.values()].flat())).toEqual(content(findingsOf(events, asOf, config)));
  });
});

function stateOf(events: readonly LoggedEvent[]) {
  const projection = emptyProjection();
  for (const event of events) apply(projection, event);
  return { states: [...projection.states.entries()].sort(([a], [b]) => (a < b ? -1 : 1)), channels: [...projection.knownChannels].sort() };
}

describe('rechecks as time passes', () => {
  it('opens a stale-channel finding when the window runs out, with no new event on that SKU', () => {
    const changeAt = Date.parse('2026-11-20T10:00:00Z');
    const log: RecordedEvent[] = [
      { ...price('contact-center', 'SKU-1', '139.99', { time: '2026-11-13T10:00:00Z' }), recordedAt: changeAt - 1000 },
      { ...price('eshop', 'SKU-1', '139.99', { time: '2026-11-13T10:00:00Z' }), recordedAt: changeAt - 900 },
      { ...price('eshop', 'SKU-1', '129.99', { time: '2026-11-20T10:00:00Z' }), recordedAt: changeAt },
      // Two hours later, an event about another SKU moves the log's clock on.
      { ...price('eshop', 'SKU-2', '10.00', { time: '2026-11-20T12:00:00Z' }), recordedAt: changeAt + 2 * 3_600_000 },
    ];
    const projection = emptyProjection();
    const open: OpenFindings = new Map();
    const changes = log.map((event) => step(projection, open, event, DEFAULT_RULES_CONFIG));
    expect(changes[2]!.filter((c) => c.finding.rule === 'stale-channel-data')).toEqual([]);
    const stale = changes[3]!.filter((c) => c.finding.rule === 'stale-channel-data');
    expect(stale).toMatchObject([{ type: 'opened', finding: { sku: 'SKU-1', detectedAt: changeAt + 3_600_000 + 1 } }]);
  });
});
