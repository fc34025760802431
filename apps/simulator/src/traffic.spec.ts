import { CHANNEL_EVENT_TYPES, CHANNEL_TOPICS, decodeChannelEvent, EVENT_TYPES, parseRfc3339 } from '@parity/contracts';
import { binary, structured } from '@parity/contracts/fixtures';
import { TrafficEvent } from './channel-fact';
import { BLACK_FRIDAY_MIX, Traffic } from './traffic';

const START = Date.parse('2026-11-20T10:00:00Z');
const STEADY_EVENTS = 5000;
const limits = { maxEventBytes: 262_144 };

/** The opening feed, then 5,000 events at 50 events/s of event time. */
function simulate(seed: number): { opening: TrafficEvent[]; steady: TrafficEvent[] } {
  const traffic = new Traffic({ seed, skus: 100, stores: 10, runId: `run-${seed}` });
  const opening = traffic.opening(START);
  const steady = Array.from({ length: STEADY_EVENTS }, (_, index) => traffic.next(START + index * 20));
  return { opening, steady };
}

const { opening, steady } = simulate(1);
const all = [...opening, ...steady];
const dataOf = <T>(event: TrafficEvent) => event.cloudEvent.data as T;
const timeOf = (event: TrafficEvent) => parseRfc3339(event.cloudEvent.time) ?? Number.NaN;

describe('Traffic', () => {
  it('produces only events the contract accepts, in both CloudEvents modes', () => {
    const rejected = all
      .flatMap((event) => [decodeChannelEvent(structured(event.cloudEvent), limits), decodeChannelEvent(binary(event.cloudEvent), limits)])
      .filter((decoded) => !decoded.ok);
    expect(rejected).toEqual([]);
  });

  it('sends each type to its contract topic, keyed by the subject', () => {
    const topicOf: Record<string, string> = {
      [EVENT_TYPES.priceSet]: CHANNEL_TOPICS.prices,
      [EVENT_TYPES.promotionActivated]: CHANNEL_TOPICS.promotions,
      [EVENT_TYPES.promotionDeactivated]: CHANNEL_TOPICS.promotions,
      [EVENT_TYPES.stockLevel]: CHANNEL_TOPICS.stock,
      [EVENT_TYPES.returnsPolicySet]: CHANNEL_TOPICS.returnsPolicies,
      [EVENT_TYPES.productUpserted]: CHANNEL_TOPICS.products,
    };
    const misrouted = all.filter((event) => event.topic !== topicOf[event.cloudEvent.type] || event.key !== event.cloudEvent.subject);
    expect(misrouted).toEqual([]);
  });

  it('produces all six event types, and all but the catalog after the opening feed', () => {
    expect(new Set(all.map((event) => event.cloudEvent.type))).toEqual(new Set(CHANNEL_EVENT_TYPES));
    expect(new Set(steady.map((event) => event.cloudEvent.type))).toEqual(
      new Set(CHANNEL_EVENT_TYPES.filter((type) => type !== EVENT_TYPES.productUpserted)),
    );
  });

  it('gives every event its own id', () => {
    expect(new Set(all.map((event) => event.cloudEvent.id)).size).toBe(all.length);
  });

  it('is deterministic: the same seed gives the same events, another seed other events', () => {
    const again = simulate(1);
    expect(again.opening).toEqual(opening);
    expect(again.steady).toEqual(steady);
    const other = simulate(2).steady.map((event) => event.cloudEvent.data);
    expect(other).not.toEqual(steady.map((event) => event.cloudEvent.data));
  });

  it('never dates an event after the time it was generated at', () => {
    const future = steady.filter((event, index) => timeOf(event) > START + index * 20);
    expect(future).toEqual([]);
  });

  it('opens with the catalog, a 30-day returns policy per channel and a price per channel and SKU', () => {
    const types = opening.map((event) => event.cloudEvent.type);
    expect(types.filter((type) => type === EVENT_TYPES.productUpserted)).toHaveLength(100);
    const policies = opening.filter((event) => event.cloudEvent.type === EVENT_TYPES.returnsPolicySet);
    expect(policies).toHaveLength(14);
    expect(new Set(policies.map((event) => dataOf<{ returnWindowDays: number }>(event).returnWindowDays))).toEqual(new Set([30]));
    expect(opening.filter((event) => event.cloudEvent.source === 'store/WAW-001').length).toBeGreaterThan(50);
  });

  it('shows customers only stock levels the store itself stated', () => {
    type Stock = { sku: string; location: string; available: number };
    const stated = new Map<string, Set<number>>();
    const unfounded: TrafficEvent[] = [];
    const byTime = [...steady].sort((a, b) => timeOf(a) - timeOf(b));
    for (const event of byTime.filter((e) => e.cloudEvent.type === EVENT_TYPES.stockLevel)) {
      const { sku, location, available } = dataOf<Stock>(event);
      const key = `${location} ${sku}`;
      if (event.cloudEvent.source === location) stated.set(key, (stated.get(key) ?? new Set()).add(available));
      else if (!stated.get(key)?.has(available)) unfounded.push(event);
    }
    expect(stated.size).toBeGreaterThan(100);
    expect(unfounded).toEqual([]);
  });

  it('carries every price change to every channel selling the SKU within a minute', () => {
    type Price = { sku: string; amount: string; effectiveFrom?: string; priceType?: string };
    const regular = all
      .filter((event) => event.cloudEvent.type === EVENT_TYPES.priceSet)
      .filter((event) => dataOf<Price>(event).effectiveFrom === undefined && dataOf<Price>(event).priceType !== 'channel-exclusive')
      .sort((a, b) => timeOf(a) - timeOf(b));
    const shown = new Map<string, string>();
    const eshopChangedAt = new Map<string, number>();
    for (const event of regular) {
      const { sku, amount } = dataOf<Price>(event);
      const key = `${event.cloudEvent.source} ${sku}`;
      if (event.cloudEvent.source === 'eshop' && shown.get(key) !== amount) eshopChangedAt.set(sku, timeOf(event));
      shown.set(key, amount);
    }
    const settled = (sku: string) => (eshopChangedAt.get(sku) ?? 0) < START + STEADY_EVENTS * 20 - 60_000;
    const compared = [...shown].filter(([key]) => !key.startsWith('eshop ') && settled(key.split(' ')[1] ?? ''));
    const disagreeing = compared.filter(([key, amount]) => shown.get(`eshop ${key.split(' ')[1] ?? ''}`) !== amount);
    expect(compared.length).toBeGreaterThan(500);
    expect(disagreeing).toEqual([]);
    expect([...eshopChangedAt.values()].filter((at) => at > START).length).toBeGreaterThan(10);
  });

  it('loads Black Friday prices ahead, with a future effective period, in every channel selling the SKU', () => {
    type Price = { sku: string; effectiveFrom?: string; effectiveTo?: string };
    const scheduled = steady.filter((event) => dataOf<Price>(event).effectiveFrom?.startsWith('2026-11-27T00:00:00+01:00'));
    expect(scheduled.length).toBeGreaterThan(10);
    for (const event of scheduled) {
      expect(dataOf<Price>(event).effectiveTo).toBe('2026-11-30T23:59:59+01:00');
      expect(timeOf(event)).toBeLessThan(Date.parse('2026-11-27T00:00:00+01:00'));
    }
    expect(new Set(scheduled.map((event) => event.cloudEvent.source)).size).toBeGreaterThan(5);
  });

  it('runs promotions in the channels of their scope, globs included, and ends them there', () => {
    type Activated = { promotionId: string; scope: string[] };
    const activated = steady.filter((event) => event.cloudEvent.type === EVENT_TYPES.promotionActivated);
    expect(activated.some((event) => dataOf<Activated>(event).scope.some((channel) => channel.includes('*')))).toBe(true);
    const runners = new Map<string, Set<string>>();
    for (const event of activated) {
      const id = dataOf<Activated>(event).promotionId;
      runners.set(id, (runners.get(id) ?? new Set()).add(event.cloudEvent.source));
    }
    const deactivated = steady.filter((event) => event.cloudEvent.type === EVENT_TYPES.promotionDeactivated);
    expect(deactivated.length).toBeGreaterThan(0);
    for (const event of deactivated) {
      expect(runners.get(dataOf<{ promotionId: string }>(event).promotionId)?.has(event.cloudEvent.source)).toBe(true);
    }
  });
});

describe('Traffic for a scenario', () => {
  const sale = { from: '2026-12-04T00:00:00+01:00', to: '2026-12-07T23:59:59+01:00', startsAt: Date.parse('2026-12-04T00:00:00+01:00') };
  const plain = new Traffic({ seed: 5, skus: 60, stores: 6, runId: 'plain' });
  const reserved = new Set(plain.world.products.slice(0, 10).map((product) => product.sku));
  const traffic = new Traffic({ seed: 5, skus: 60, stores: 6, runId: 'scn', world: plain.world, reserved, sale, mix: BLACK_FRIDAY_MIX });
  const opening = traffic.opening(START);
  const steady = Array.from({ length: 4000 }, (_, index) => traffic.next(START + index * 100));
  const skuOf = (event: TrafficEvent) => (event.cloudEvent.data as { sku?: string }).sku;

  it('states the reserved SKUs in the opening feed and never changes them afterwards', () => {
    expect(opening.filter((event) => reserved.has(skuOf(event) ?? '')).length).toBeGreaterThan(10);
    expect(steady.filter((event) => reserved.has(skuOf(event) ?? ''))).toEqual([]);
  });

  it('loads sale prices and promotions for the sale window it is given', () => {
    const salePrices = steady.filter((event) => (event.cloudEvent.data as { effectiveFrom?: string }).effectiveFrom === sale.from);
    const salePromotions = steady.filter((event) => (event.cloudEvent.data as { validFrom?: string }).validFrom === sale.from);
    expect(salePrices.length).toBeGreaterThan(100);
    expect(salePromotions.length).toBeGreaterThan(5);
    expect(salePromotions.every((event) => (event.cloudEvent.data as { validTo: string }).validTo === sale.to)).toBe(true);
  });

  it('settles: states what is still on its way and plans nothing new', () => {
    const end = START + 4000 * 100;
    expect(traffic.inFlight).toBeGreaterThan(0);
    const settled = traffic.settle(end + 120_000);
    expect(settled.length).toBeGreaterThan(0);
    expect(traffic.inFlight).toBe(0);
    expect(traffic.settle(end + 240_000)).toEqual([]);
  });
});
