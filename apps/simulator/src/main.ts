import { ConfigError } from '@parity/config';
import { createKafka, PRODUCER_DEFAULTS } from '@parity/kafka';
import { createLogger } from '@parity/observability';
import type { Logger } from 'pino';
import { warsawHour } from './calendar';
import { TrafficEvent } from './channel-fact';
import { loadMultiplier } from './load-curve';
import { eventsDue, startPace } from './pacing';
import { seededRandom } from './random';
import { BatchSender, publishScenario } from './scenario-run';
import { ScenarioName } from './scenarios';
import { SimulatorConfig, simulatorConfig } from './simulator.config';
import { Traffic } from './traffic';
import { onTopics, TopicBatch, toTopicBatches } from './wire';

/**
 * The simulator's shell: the only place that reads the clock or talks to Kafka. Every 100 ms it
 * asks the traffic model for the events due at the current rate and sends them as one batch.
 * With SIMULATOR_SCENARIO it publishes that scenario once instead, writes its truth and exits.
 */
const TICK_MS = 100;
const REPORT_EVERY_MS = 10_000;
const OPENING_BATCH = 1_000;

async function main(): Promise<void> {
  const config = simulatorConfig(process.env);
  const logger = createLogger('simulator', config.logLevel);
  const kafkaProducer = createKafka(config.kafka, logger).producer(PRODUCER_DEFAULTS);
  await kafkaProducer.connect();
  const producer = {
    sendBatch: (batch: { topicMessages: TopicBatch[] }) => kafkaProducer.sendBatch({ topicMessages: onTopics(batch.topicMessages, config.topics) }),
    disconnect: () => kafkaProducer.disconnect(),
  };

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'stopping after the batch in flight');
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  if (config.scenario) {
    await runScenario(config, config.scenario, producer, logger, () => stopping);
    return;
  }

  const startedAt = Date.now();
  // The start time in the run id keeps ids unique across restarts with the same seed.
  const traffic = new Traffic({ seed: config.seed, skus: config.skus, stores: config.stores, runId: `sim${config.seed}-${startedAt.toString(36)}` });
  // Its own stream, so the wire mode never shifts the traffic a seed produces.
  const wireRandom = seededRandom(config.seed ^ 0x9e3779b9);
  const limit = config.maxEvents ?? Number.POSITIVE_INFINITY;
  let sent = 0;
  const send = async (events: readonly TrafficEvent[]): Promise<void> => {
    await producer.sendBatch({ topicMessages: toTopicBatches(events, config.binaryShare, wireRandom) });
    sent += events.length;
  };

  const opening = traffic.opening(startedAt).slice(0, limit);
  for (let from = 0; from < opening.length && !stopping; from += OPENING_BATCH) await send(opening.slice(from, from + OPENING_BATCH));
  logger.info(
    { events: sent, skus: config.skus, stores: config.stores, channels: traffic.world.channels.length, mode: config.mode },
    'opening feed sent: prices, returns policies, catalog',
  );

  let pace = startPace(Date.now());
  let lastReport = { at: Date.now(), sent };
  while (!stopping && sent < limit) {
    const now = Date.now();
    const perSecond = config.ratePerSecond * loadMultiplier(warsawHour(now), config.mode);
    const step = eventsDue(pace, now, perSecond);
    pace = step.pace;
    const count = Math.min(step.due, limit - sent);
    if (count > 0) await send(Array.from({ length: count }, () => traffic.next(now)));
    if (now - lastReport.at >= REPORT_EVERY_MS) {
      const rate = ((sent - lastReport.sent) * 1000) / (now - lastReport.at);
      logger.info({ sent, perSecond: Math.round(rate), targetPerSecond: Math.round(perSecond) }, 'simulator progress');
      lastReport = { at: now, sent };
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, TICK_MS - (Date.now() - now))));
  }
  await producer.disconnect();
  logger.info({ sent }, stopping ? 'simulator stopped' : `simulator sent ${sent} events (SIMULATOR_MAX_EVENTS) and stopped`);
}

async function runScenario(
  config: SimulatorConfig,
  scenario: ScenarioName,
  producer: BatchSender & { disconnect(): Promise<void> },
  logger: Logger,
  stopping: () => boolean,
): Promise<void> {
  const run = { scenario, seed: config.seed, skus: config.skus, stores: config.stores, binaryShare: config.binaryShare, truthFile: config.truthFile };
  logger.info({ scenario, seed: config.seed, skus: config.skus, stores: config.stores }, 'publishing scenario, ending now');
  let lastReport = Date.now();
  try {
    const result = await publishScenario(producer, run, Date.now(), stopping, (sent, total) => {
      if (Date.now() - lastReport < REPORT_EVERY_MS) return;
      lastReport = Date.now();
      logger.info({ sent, total }, 'scenario progress');
    });
    logger.info({ scenario, events: result.sent, expectedDeadEnds: result.expected, truthFile: result.truthFile }, 'scenario published, truth written');
  } finally {
    await producer.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof ConfigError ? `configuration: ${error.message}` : (error as Error).stack ?? String(error);
    process.stderr.write(`simulator failed: ${message}\n`);
    process.exit(1);
  },
);
