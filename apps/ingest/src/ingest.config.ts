import {
  DatabaseConfig,
  databaseConfig,
  Environment,
  integer,
  KafkaConfig,
  kafkaConfig,
  list,
  LogLevel,
  logLevel,
  optionalString,
  regex,
} from '@parity/config';
import { DEAD_LETTER_TOPIC, INBOUND_TOPICS } from '@parity/contracts';

export interface IngestConfig {
  readonly kafka: KafkaConfig;
  readonly database: DatabaseConfig;
  readonly groupId: string;
  /** Explicit topic names, or a pattern when INGEST_TOPIC_PATTERN is set. */
  readonly topics: readonly string[] | RegExp;
  readonly deadLetterTopic: string;
  readonly maxEventBytes: number;
  /** Partition batches of one fetch handled at once; they share one transaction. */
  readonly concurrentPartitions: number;
  /** Bytes a fetch takes from one partition, at most: the largest batch. */
  readonly maxBytesPerPartition: number;
  /** A fetch returns once this many bytes are there, or after fetchMaxWaitMs. */
  readonly fetchMinBytes: number;
  readonly fetchMaxWaitMs: number;
  /** Facts whose latest event time is remembered for the late-arrival count. */
  readonly factClockCapacity: number;
  /** How long the group waits for a silent member before giving its partitions to others. */
  readonly sessionTimeoutMs: number;
  readonly httpPort: number;
  /** Loopback by default; 0.0.0.0 in a container. */
  readonly httpHost: string;
  readonly logLevel: LogLevel;
}

export function ingestConfig(env: Environment): IngestConfig {
  return {
    kafka: kafkaConfig(env, 'parity-ingest'),
    database: databaseConfig(env),
    groupId: optionalString(env, 'INGEST_GROUP_ID', 'parity-ingest'),
    topics: regex(env, 'INGEST_TOPIC_PATTERN') ?? list(env, 'INGEST_TOPICS', INBOUND_TOPICS),
    deadLetterTopic: optionalString(env, 'DEAD_LETTER_TOPIC', DEAD_LETTER_TOPIC),
    maxEventBytes: integer(env, 'INGEST_MAX_EVENT_BYTES', 262_144, { min: 1024, max: 1_048_576 }),
    concurrentPartitions: integer(env, 'INGEST_CONCURRENT_PARTITIONS', 16, { min: 1, max: 256 }),
    maxBytesPerPartition: integer(env, 'INGEST_MAX_BYTES_PER_PARTITION', 1_048_576, { min: 1024, max: 67_108_864 }),
    fetchMinBytes: integer(env, 'INGEST_FETCH_MIN_BYTES', 65_536, { min: 1, max: 16_777_216 }),
    fetchMaxWaitMs: integer(env, 'INGEST_FETCH_MAX_WAIT_MS', 20, { min: 1, max: 5_000 }),
    factClockCapacity: integer(env, 'INGEST_FACT_CLOCK_CAPACITY', 1_000_000, { min: 0 }),
    sessionTimeoutMs: integer(env, 'INGEST_SESSION_TIMEOUT_MS', 30_000, { min: 6_000, max: 300_000 }),
    httpPort: integer(env, 'INGEST_HTTP_PORT', 3001, { min: 0, max: 65535 }),
    httpHost: optionalString(env, 'HTTP_HOST', '127.0.0.1'),
    logLevel: logLevel(env),
  };
}
