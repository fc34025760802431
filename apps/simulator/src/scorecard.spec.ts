import { EVENT_TYPES, PriceSetData } from '@parity/contracts';
import { Finding, keyOfEvent, RULE_IDS } from '@parity/rules';
import { openFindingsAt, rulesConfigFor } from './engine-run';
import { changedBy } from './pricing';
import { generateScenario } from './scenario';
import { ScenarioEvent, toRecordedEvent } from './scenario-event';
import { scorecard } from './scoring';

/*
 * The black-friday scenario through the pure engine, event by event with the log's clock, as
 * the reconciler runs it: every injected dead end found, nothing else flagged, and every
 * scheduled one found before customers meet it.
 */
const scenario = generateScenario('black-friday', { seed: 1, skus: 300, stores: 20 });
const config = rulesConfigFor(scenario.world);
const findings = openFindingsAt(scenario.events.map(toRecordedEvent), scenario.end, config);
const card = scorecard(scenario.truth, findings, scenario.end);
const scoreOf = (rules: typeof card.rules, rule: string) => rules.find((score) => score.rule === rule);

/**
 * The findings after changing the log: only the state key the change touches is run again (keys
 * never depend on each other, which is what lets reconciler instances split them).
 */
function findingsWith(events: readonly ScenarioEvent[], key: string): Finding[] {
  const rerun = openFindingsAt(events.map(toRecordedEvent), scenario.end, config, (candidate) => candidate === key);
  return [...findings.filter((finding) => finding.key !== key), ...rerun];
}

describe('scorecard of the black-friday scenario (seed 1, 300 SKUs, 20 stores)', () => {
  it.each(RULE_IDS)('%s: every injected dead end found, nothing else flagged', (rule) => {
    const score = scoreOf(card.rules, rule);
    expect(score?.expected).toBeGreaterThan(0);
    // Named lists first: a failure shows which dead end was missed or which finding was unexpected.
    expect(score?.missed).toEqual([]);
    expect(score?.unexpected).toEqual([]);
    expect(score).toMatchObject({ precision: 1, recall: 1 });
  });

  it('finds every scheduled dead end before customers meet it', () => {
    const scheduled = scenario.truth.filter((item) => item.scheduled);
    const leadTimes = card.rules.flatMap((score) => score.leadTimesMs);
    expect(scheduled.length).toBeGreaterThanOrEqual(20);
    expect(leadTimes).toHaveLength(scheduled.length);
    expect(leadTimes.filter((lead) => lead <= 0)).toEqual([]);
    expect(card.perfect).toBe(true);
  });

  it('misses a dead end when one injected event is left out', () => {
    const offer = scenario.events.find((event) => event.injection?.startsWith('click-and-collect-without-stock') && event.cloudEvent.source === 'eshop');
    if (!offer) throw new Error('the scenario has no click-and-collect offer to leave out');
    const without = findingsWith(scenario.events.filter((event) => event !== offer), keyOfEvent(toRecordedEvent(offer)) ?? '');
    const score = scoreOf(scorecard(scenario.truth, without, scenario.end).rules, 'stock-mismatch');
    expect(score?.recall).toBeLessThan(1);
    expect(score?.precision).toBe(1);
  });

  it('flags a false alarm when an ordinary event is inconsistent', () => {
    const storePrice = (event: ScenarioEvent) => {
      const data = event.cloudEvent.data as PriceSetData;
      return event.injection === undefined && event.cloudEvent.type === EVENT_TYPES.priceSet && event.cloudEvent.source.startsWith('store/') && !data.effectiveFrom && data.priceType !== 'channel-exclusive';
    };
    const target = scenario.events.filter(storePrice).at(-1);
    if (!target) throw new Error('the scenario has no ordinary store price to alter');
    const data = target.cloudEvent.data as PriceSetData;
    const altered = { ...target, cloudEvent: { ...target.cloudEvent, data: { ...data, amount: changedBy(data.amount, 10) } } };
    const withAltered = findingsWith(scenario.events.map((event) => (event === target ? altered : event)), keyOfEvent(toRecordedEvent(target)) ?? '');
    const result = scorecard(scenario.truth, withAltered, scenario.end);
    expect(scoreOf(result.rules, 'price-mismatch')?.precision).toBeLessThan(1);
    expect(scoreOf(result.rules, 'price-mismatch')?.recall).toBe(1);
    expect(result.perfect).toBe(false);
  });
});
