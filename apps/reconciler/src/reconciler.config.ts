import { readFileSync } from 'node:fs';
import {
  ConfigError,
  DatabaseConfig,
  databaseConfig,
  Environment,
  integer,
  KafkaConfig,
  kafkaConfig,
  LogLevel,
  logLevel,
  optionalString,
} from '@parity/config';
import { FINDINGS_TOPIC } from '@parity/contracts';
import { RECONCILER_PARTITIONS_TOPIC } from '@parity/kafka';
import { DEFAULT_RULES_CONFIG, RulesConfig } from '@parity/rules';

export interface ReconcilerConfig {
  readonly kafka: KafkaConfig;
  readonly database: DatabaseConfig;
  readonly findingsTopic: string;
  /** Prefix of this reconciler's checkpoints, one per state partition (`<prefix>/p<n>`). */
  readonly checkpoint: string;
  /** Consumer group and topic through which instances divide the state partitions. */
  readonly groupId: string;
  readonly partitionsTopic: string;
  readonly sessionTimeoutMs: number;
  /** Log events read per transaction. */
  readonly pageSize: number;
  /** How often an idle follower looks for new events, and the relay for new changes (ms). */
  readonly pollMs: number;
  readonly rules: RulesConfig;
  readonly httpPort: number;
  readonly httpHost: string;
  readonly logLevel: LogLevel;
}

export function reconcilerConfig(env: Environment): ReconcilerConfig {
  return {
    kafka: kafkaConfig(env, 'parity-reconciler'),
    database: databaseConfig(env),
    findingsTopic: optionalString(env, 'FINDINGS_TOPIC', FINDINGS_TOPIC),
    checkpoint: optionalString(env, 'RECONCILER_CHECKPOINT', 'reconciler'),
    groupId: optionalString(env, 'RECONCILER_GROUP_ID', 'parity-reconciler'),
    partitionsTopic: optionalString(env, 'RECONCILER_PARTITIONS_TOPIC', RECONCILER_PARTITIONS_TOPIC),
    sessionTimeoutMs: integer(env, 'RECONCILER_SESSION_TIMEOUT_MS', 30_000, { min: 6_000, max: 300_000 }),
    pageSize: integer(env, 'RECONCILER_PAGE_SIZE', 2_000, { min: 1, max: 100_000 }),
    pollMs: integer(env, 'RECONCILER_POLL_MS', 50, { min: 5, max: 60_000 }),
    rules: rulesConfig(env),
    httpPort: integer(env, 'RECONCILER_HTTP_PORT', 3002, { min: 0, max: 65535 }),
    httpHost: optionalString(env, 'HTTP_HOST', '127.0.0.1'),
    logLevel: logLevel(env),
  };
}

/** RULES_CONFIG_FILE: a JSON file overriding any of the documented defaults. */
function rulesConfig(env: Environment): RulesConfig {
  const file = env['RULES_CONFIG_FILE']?.trim();
  if (!file) return DEFAULT_RULES_CONFIG;
  let overrides: unknown;
  try {
    overrides = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('RULES_CONFIG_FILE', `cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new ConfigError('RULES_CONFIG_FILE', `${file} must hold a JSON object`);
  }
  const unknown = Object.keys(overrides).filter((key) => !(key in DEFAULT_RULES_CONFIG));
  if (unknown.length > 0) throw new ConfigError('RULES_CONFIG_FILE', `unknown settings: ${unknown.join(', ')}`);
  return { ...DEFAULT_RULES_CONFIG, ...(overrides as Partial<RulesConfig>) };
}
