import { CHANNEL_TOPICS } from '@parity/contracts';
import { freePort } from '@parity/local-stack';
import { eventually, IngestFixture, ingestFixture } from '@parity/testing';
import { parity } from './cli-run';
import { reconciled } from './reconciled';

const EVENTS = 3_000;

/**
 * The auditors' question on the simulator's own traffic (catalog, stores, promotions, returns
 * policies, stock and prices drifting as on a day), through Kafka, ingest and the reconciler:
 * replaying the whole log gives the live finding history, byte for byte.
 */
describe('replay of a simulator run equals the live findings', () => {
  let fixture: IngestFixture;

  beforeAll(async () => {
    fixture = await ingestFixture();
    fixture.start();
    fixture.start('reconciler', { RECONCILER_HTTP_PORT: String(await freePort()) });
    const topics = [
      `${CHANNEL_TOPICS.prices}=${fixture.topics.prices}`,
      `${CHANNEL_TOPICS.promotions}=${fixture.topics.promotions}`,
      `${CHANNEL_TOPICS.stock}=${fixture.topics.stock}`,
      `${CHANNEL_TOPICS.returnsPolicies}=${fixture.topics.returns}`,
      `${CHANNEL_TOPICS.products}=${fixture.topics.products}`,
    ].join(',');
    const simulator = fixture.start('simulator', {
      SIMULATOR_TOPICS: topics,
      SIMULATOR_MAX_EVENTS: String(EVENTS),
      SIMULATOR_RATE: '2000',
      SIMULATOR_SKUS: '120',
      SIMULATOR_STORES: '6',
    });
    expect(await simulator.exited).toBe(0);
    await eventually('the simulator run in the log', async () => ((await fixture.logCount()) >= EVENTS ? true : undefined), 120_000);
    await reconciled(fixture.database.admin, EVENTS);
  });
  afterAll(() => fixture.close());

  it('the full replay is identical to the live history, and the run opened findings of several rules', async () => {
    const result = await parity(['replay', '--json', '--no-progress', '--schema', 'replay_simulator'], { DATABASE_URL: fixture.database.url });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { events: number; comparison: { identical: boolean; differenceCount: number; replayChanges: number; liveChanges: number } };
    expect(report.events).toBe(await fixture.logCount());
    expect(report.comparison).toMatchObject({ identical: true, differenceCount: 0 });
    expect(report.comparison.replayChanges).toBe(report.comparison.liveChanges);
    const rules = await fixture.database.admin.query<{ rule: string }>('SELECT DISTINCT rule FROM findings');
    expect(rules.rows.length).toBeGreaterThanOrEqual(2);
    process.stdout.write(`[simulator replay] ${report.events} events, ${report.comparison.replayChanges} finding changes identical; rules: ${rules.rows.map((r) => r.rule).join(', ')}\n`);
  });
});
