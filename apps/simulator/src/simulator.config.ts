import { ConfigError, Environment, integer, KafkaConfig, kafkaConfig, list, LogLevel, logLevel, oneOf, optionalString } from '@parity/config';
import { INBOUND_TOPICS } from '@parity/contracts';
import { TRAFFIC_MODES, TrafficMode } from './load-curve';
import { SCENARIO_NAMES, ScenarioName } from './scenarios';

export interface SimulatorConfig {
  readonly kafka: KafkaConfig;
  /** Mean events per second over a day; the diurnal curve and the mode scale it. */
  readonly ratePerSecond: number;
  readonly skus: number;
  readonly stores: number;
  readonly seed: number;
  readonly mode: TrafficMode;
  /** Stop after this many events (opening feed included); undefined: run until stopped. */
  readonly maxEvents: number | undefined;
  /** Fraction of events sent in CloudEvents binary mode, the rest structured. */
  readonly binaryShare: number;
  /** Publish this scenario once, as fast as allowed, and exit; undefined: run the traffic model until stopped. */
  readonly scenario: ScenarioName | undefined;
  /** Where a scenario run writes its ground truth, for the scorecard. */
  readonly truthFile: string;
  /** Contract topic -> the topic it is published to instead (SIMULATOR_TOPICS); empty: the contract's names. */
  readonly topics: ReadonlyMap<string, string>;
  readonly logLevel: LogLevel;
}

export function simulatorConfig(env: Environment): SimulatorConfig {
  return {
    kafka: kafkaConfig(env, 'parity-simulator'),
    ratePerSecond: integer(env, 'SIMULATOR_RATE', 50, { min: 1, max: 1_000_000 }),
    skus: integer(env, 'SIMULATOR_SKUS', 500, { min: 1, max: 99_999 }),
    stores: integer(env, 'SIMULATOR_STORES', 20, { min: 1, max: 999 }),
    seed: integer(env, 'SIMULATOR_SEED', 1, { min: 0, max: 4_294_967_295 }),
    mode: oneOf(env, 'SIMULATOR_MODE', TRAFFIC_MODES, 'normal'),
    maxEvents: env['SIMULATOR_MAX_EVENTS']?.trim() ? integer(env, 'SIMULATOR_MAX_EVENTS', 0, { min: 1 }) : undefined,
    binaryShare: fraction(env, 'SIMULATOR_BINARY_SHARE', 0.3),
    scenario: env['SIMULATOR_SCENARIO']?.trim() ? oneOf(env, 'SIMULATOR_SCENARIO', SCENARIO_NAMES, 'normal-day') : undefined,
    truthFile: optionalString(env, 'SIMULATOR_TRUTH_FILE', './scenario-truth.json'),
    topics: topicRenames(env),
    logLevel: logLevel(env),
  };
}

function fraction(env: Environment, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d*\.?\d+$/.test(raw) || value > 1) throw new ConfigError(name, `must be a number from 0 to 1, got "${raw}"`);
  return value;
}

/** SIMULATOR_TOPICS=retail.prices.v1=<topic>,...: publish a contract topic's events elsewhere (a test's own topics). */
function topicRenames(env: Environment): Map<string, string> {
  const renames = new Map<string, string>();
  for (const entry of list(env, 'SIMULATOR_TOPICS', [])) {
    const [from, to, ...rest] = entry.split('=');
    if (!from || !to || rest.length > 0) throw new ConfigError('SIMULATOR_TOPICS', `"${entry}" must be <contract topic>=<topic>`);
    if (!INBOUND_TOPICS.includes(from)) throw new ConfigError('SIMULATOR_TOPICS', `"${from}" is not a contract topic; they are ${INBOUND_TOPICS.join(', ')}`);
    renames.set(from, to);
  }
  return renames;
}
