import { AuthConfig, authConfig } from '@parity/auth';
import { DatabaseConfig, databaseConfig, Environment, integer, KafkaConfig, kafkaConfig, LogLevel, logLevel, optionalString } from '@parity/config';

export interface FeedConfig {
  readonly kafka: KafkaConfig;
  readonly database: DatabaseConfig;
  readonly auth: AuthConfig;
  readonly httpPort: number;
  readonly httpHost: string;
  /** How often the live stream looks for committed finding changes (ms). */
  readonly pollMs: number;
  /** Requests per minute per client address, and sign-in attempts per minute. */
  readonly rateLimitPerMinute: number;
  readonly signInLimitPerMinute: number;
  readonly bodyLimitBytes: number;
  /** A comment line on idle streams, so proxies keep them open (ms). */
  readonly heartbeatMs: number;
  readonly logLevel: LogLevel;
}

/** Parsed once at start-up; the service refuses to start without PARITY_AUTH_SECRET. */
export function feedConfig(env: Environment): FeedConfig {
  return {
    auth: authConfig(env),
    kafka: kafkaConfig(env, 'parity-feed'),
    database: databaseConfig(env),
    httpPort: integer(env, 'FEED_HTTP_PORT', 3003, { min: 0, max: 65535 }),
    httpHost: optionalString(env, 'HTTP_HOST', '127.0.0.1'),
    pollMs: integer(env, 'FEED_POLL_MS', 100, { min: 10, max: 10_000 }),
    rateLimitPerMinute: integer(env, 'FEED_RATE_LIMIT_PER_MINUTE', 1200, { min: 1, max: 1_000_000 }),
    signInLimitPerMinute: integer(env, 'FEED_SIGN_IN_LIMIT_PER_MINUTE', 10, { min: 1, max: 10_000 }),
    bodyLimitBytes: integer(env, 'FEED_BODY_LIMIT_BYTES', 16_384, { min: 256, max: 1_048_576 }),
    heartbeatMs: integer(env, 'FEED_HEARTBEAT_MS', 15_000, { min: 1_000, max: 600_000 }),
    logLevel: logLevel(env),
  };
}
