import { CHANNEL_TOPICS, decodeChannelEvent, EVENT_TYPES, parseRfc3339 } from '@parity/contracts';
import { structured } from '@parity/contracts/fixtures';
import { RULE_IDS } from '@parity/rules';
import { deadEndKey } from './ground-truth';
import { generateScenario, SETTLE_MS, truthFileOf } from './scenario';
import { SCENARIOS } from './scenarios';

const scenario = generateScenario('black-friday', { seed: 1, skus: 120, stores: 8 });
const { events, truth, start, end, sale } = scenario;
const timeOf = (event: (typeof events)[number]) => parseRfc3339(event.cloudEvent.time) ?? Number.NaN;
const skuOf = (event: (typeof events)[number]) => (event.cloudEvent.data as { sku?: string }).sku;

describe('generateScenario', () => {
  it('is deterministic: the same seed gives the same events and truth, another seed others', () => {
    const again = generateScenario('black-friday', { seed: 1, skus: 120, stores: 8 });
    expect(again.events).toEqual(events);
    expect(again.truth).toEqual(truth);
    const other = generateScenario('black-friday', { seed: 2, skus: 120, stores: 8 });
    expect(other.truth.map((item) => item.subject.id)).not.toEqual(truth.map((item) => item.subject.id));
  });

  it('produces only contract events, on their topics, keyed by their subject, with unique ids', () => {
    const rejected = events.map((event) => decodeChannelEvent(structured(event.cloudEvent), { maxEventBytes: 262_144 })).filter((decoded) => !decoded.ok);
    expect(rejected).toEqual([]);
    const topicOf: Record<string, string> = {
      [EVENT_TYPES.priceSet]: CHANNEL_TOPICS.prices,
      [EVENT_TYPES.promotionActivated]: CHANNEL_TOPICS.promotions,
      [EVENT_TYPES.promotionDeactivated]: CHANNEL_TOPICS.promotions,
      [EVENT_TYPES.stockLevel]: CHANNEL_TOPICS.stock,
      [EVENT_TYPES.returnsPolicySet]: CHANNEL_TOPICS.returnsPolicies,
      [EVENT_TYPES.productUpserted]: CHANNEL_TOPICS.products,
    };
    expect(events.filter((event) => event.topic !== topicOf[event.cloudEvent.type] || event.key !== event.cloudEvent.subject)).toEqual([]);
    expect(new Set(events.map((event) => `${event.cloudEvent.source} ${event.cloudEvent.id}`)).size).toBe(events.length);
  });

  it('records events in simulated time, never before they happen, all within the window', () => {
    const outOfOrder = events.filter((event, index) => index > 0 && event.recordedAt < (events[index - 1]?.recordedAt ?? 0));
    expect(outOfOrder).toEqual([]);
    expect(events.filter((event) => event.recordedAt < timeOf(event) || timeOf(event) < start || event.recordedAt > end)).toEqual([]);
    expect(end - start).toBe(SCENARIOS['black-friday'].durationMs);
  });

  it('stops the ordinary traffic before the end, so every change has reached every channel', () => {
    const latest = (injected: boolean) => events.filter((event) => (event.injection !== undefined) === injected).reduce((max, event) => Math.max(max, timeOf(event)), 0);
    expect(latest(false)).toBeLessThanOrEqual(end - SETTLE_MS + 61_000);
    expect(latest(true)).toBeLessThan(end - SETTLE_MS);
  });

  it('injects dead ends of every rule, immediate and scheduled, with unique identities', () => {
    expect(new Set(truth.map((item) => item.rule))).toEqual(new Set(RULE_IDS));
    expect(truth.some((item) => item.scheduled && item.rule === 'price-mismatch')).toBe(true);
    expect(truth.some((item) => item.scheduled && item.rule === 'promotion-mismatch')).toBe(true);
    expect(truth.filter((item) => !item.scheduled).length).toBeGreaterThan(10);
    expect(new Set(truth.map((item) => deadEndKey(item.rule, item.subject, item.channels))).size).toBe(truth.length);
  });

  it('dates scheduled dead ends at the start of the sale, after the scoring time', () => {
    const scheduled = truth.filter((item) => item.scheduled);
    expect(scheduled.every((item) => Date.parse(item.impactAt) === sale.startsAt)).toBe(true);
    expect(sale.startsAt).toBeGreaterThan(end);
    expect(sale.from).toBe('2026-11-27T00:00:00+01:00');
    expect(truth.filter((item) => !item.scheduled).every((item) => Date.parse(item.impactAt) <= end)).toBe(true);
  });

  it('labels every injected event, and every injection has events', () => {
    const labels = new Set(scenario.injections.map((injection) => injection.label));
    expect(labels.size).toBe(scenario.injections.length);
    expect(new Set(events.flatMap((event) => (event.injection === undefined ? [] : [event.injection])))).toEqual(labels);
    expect(scenario.injections.filter((injection) => injection.expected.length === 0).length).toBeGreaterThanOrEqual(6);
  });

  it('leaves the SKUs of injections to the injections after the opening feed', () => {
    const injected = new Set(events.filter((event) => event.injection !== undefined).flatMap((event) => skuOf(event) ?? []));
    const touched = events.filter((event) => event.injection === undefined && event.recordedAt > start && injected.has(skuOf(event) ?? ''));
    expect(injected.size).toBeGreaterThan(10);
    expect(touched).toEqual([]);
  });

  it('anchors at any end time: a live run ends now and its sale lies ahead within the lookahead', () => {
    const now = Date.parse('2027-03-10T14:23:05.123Z');
    const live = generateScenario('normal-day', { seed: 1, skus: 60, stores: 4, end: now, runId: 'live' });
    expect(live.end).toBe(now);
    expect(live.start).toBe(now - SCENARIOS['normal-day'].durationMs);
    expect(live.sale.startsAt - now).toBeGreaterThanOrEqual(7 * 86_400_000);
    expect(live.sale.startsAt - now).toBeLessThan(8 * 86_400_000);
    expect(live.events.every((event) => timeOf(event) <= now && event.cloudEvent.id.startsWith('live-'))).toBe(true);
    expect(new Set(live.truth.map((item) => item.rule))).toEqual(new Set(RULE_IDS));
  });

  it('leaves out what a tiny world has no subject for, rather than failing', () => {
    const tiny = generateScenario('black-friday', { seed: 1, skus: 5, stores: 1 });
    expect(tiny.injections.length).toBeGreaterThan(5);
    expect(new Set(tiny.injections.map((injection) => injection.label)).size).toBe(tiny.injections.length);
  });

  it('writes a truth file with the scoring time, the expected dead ends and the intended differences', () => {
    const file = truthFileOf(scenario);
    expect(file).toMatchObject({ scenario: 'black-friday', seed: 1, scoringTime: new Date(end).toISOString(), expected: truth });
    expect(file.intended.map((item) => item.injection.split(' ')[0])).toEqual(expect.arrayContaining(['app-exclusive-price', 'stock-within-tolerance', 'online-only-promotion']));
  });
});
