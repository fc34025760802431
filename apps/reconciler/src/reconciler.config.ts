import {
  DatabaseConfig,
  databaseConfig,
  Environment,
  integer,
  KafkaConfig,
  kafkaConfig,
  LogLevel,
  logLevel,
  optionalString,
  rulesConfig,
} from '@parity/config';
import { FINDINGS_TOPIC } from '@parity/contracts';
import { RECONCILER_PARTITIONS_TOPIC } from '@parity/kafka';
import { RulesConfig } from '@parity/rules';

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
  /**
   * Least time between two clock ticks this instance appends to a quiet log when a recheck is
   * due (ms); 0: never (then time moves only with channel events).
   */
  readonly clockTickMs: number;
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
    pageSize: integer(env, 'RECONCILER_PAGE_SIZE', 5_000, { min: 1, max: 100_000 }),
    pollMs: integer(env, 'RECONCILER_POLL_MS', 50, { min: 5, max: 60_000 }),
    clockTickMs: integer(env, 'RECONCILER_CLOCK_TICK_MS', 1_000, { min: 0, max: 3_600_000 }),
    rules: rulesConfig(env),
    httpPort: integer(env, 'RECONCILER_HTTP_PORT', 3002, { min: 0, max: 65535 }),
    httpHost: optionalString(env, 'HTTP_HOST', '127.0.0.1'),
    logLevel: logLevel(env),
  };
}
