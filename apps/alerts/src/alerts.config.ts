import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AuthConfig, authConfig } from '@parity/auth';
import {
  ConfigError,
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
} from '@parity/config';
import { FINDINGS_TOPIC } from '@parity/contracts';
import { invalidNetworks } from './core/address-policy';
import { RetryPolicy } from './core/backoff';

export interface AlertsServiceConfig {
  readonly kafka: KafkaConfig;
  readonly database: DatabaseConfig;
  readonly auth: AuthConfig;
  readonly findingsTopic: string;
  readonly groupId: string;
  readonly sessionTimeoutMs: number;
  /** The routing file (YAML): receivers, routes, inhibit rules, escalations. */
  readonly routingFile: string;
  readonly dashboardUrl: string;
  /** How often groups are evaluated (ms): the resolution of group_wait and group_interval. */
  readonly evaluationMs: number;
  readonly deliveryPollMs: number;
  /** Notifications being sent at once. */
  readonly deliveryConcurrency: number;
  /** How long a claimed notification is this instance's before another may send it again. */
  readonly deliveryLeaseMs: number;
  readonly retry: RetryPolicy;
  readonly requestTimeoutMs: number;
  readonly maxResponseBytes: number;
  /** CIDR networks receivers may be in although not public (loopback, private, link-local). */
  readonly allowedNetworks: readonly string[];
  readonly httpPort: number;
  readonly httpHost: string;
  readonly logLevel: LogLevel;
}

export function alertsConfig(env: Environment): AlertsServiceConfig {
  const allowedNetworks = list(env, 'ALERTS_ALLOWED_NETWORKS', []);
  const invalid = invalidNetworks(allowedNetworks);
  if (invalid.length > 0) throw new ConfigError('ALERTS_ALLOWED_NETWORKS', `not CIDR networks: ${invalid.join(', ')} (e.g. 10.0.0.0/8,127.0.0.1/32)`);
  const dashboardUrl = optionalString(env, 'PARITY_DASHBOARD_URL', 'http://127.0.0.1:3003');
  try {
    new URL(dashboardUrl);
  } catch {
    throw new ConfigError('PARITY_DASHBOARD_URL', `"${dashboardUrl}" is not a URL`);
  }
  const baseMs = integer(env, 'ALERTS_RETRY_BASE_MS', 1_000, { min: 1, max: 3_600_000 });
  const lease = integer(env, 'ALERTS_DELIVERY_LEASE_MS', 60_000, { min: 1_000, max: 3_600_000 });
  const requestTimeoutMs = integer(env, 'ALERTS_REQUEST_TIMEOUT_MS', 10_000, { min: 100, max: 300_000 });
  if (lease <= requestTimeoutMs) throw new ConfigError('ALERTS_DELIVERY_LEASE_MS', `must be longer than ALERTS_REQUEST_TIMEOUT_MS (${requestTimeoutMs}), or a slow send could be sent twice`);
  return {
    kafka: kafkaConfig(env, 'parity-alerts'),
    database: databaseConfig(env),
    auth: authConfig(env),
    findingsTopic: optionalString(env, 'FINDINGS_TOPIC', FINDINGS_TOPIC),
    groupId: optionalString(env, 'ALERTS_GROUP_ID', 'parity-alerts'),
    sessionTimeoutMs: integer(env, 'ALERTS_SESSION_TIMEOUT_MS', 30_000, { min: 6_000, max: 300_000 }),
    routingFile: resolve(optionalString(env, 'PARITY_ALERTS_CONFIG', defaultRoutingFile())),
    dashboardUrl,
    evaluationMs: integer(env, 'ALERTS_EVALUATION_MS', 1_000, { min: 10, max: 60_000 }),
    deliveryPollMs: integer(env, 'ALERTS_DELIVERY_POLL_MS', 250, { min: 5, max: 60_000 }),
    deliveryConcurrency: integer(env, 'ALERTS_DELIVERY_CONCURRENCY', 8, { min: 1, max: 256 }),
    deliveryLeaseMs: lease,
    retry: {
      baseMs,
      capMs: integer(env, 'ALERTS_RETRY_CAP_MS', 300_000, { min: baseMs, max: 86_400_000 }),
      maxAttempts: integer(env, 'ALERTS_MAX_ATTEMPTS', 12, { min: 1, max: 1_000 }),
    },
    requestTimeoutMs,
    maxResponseBytes: integer(env, 'ALERTS_MAX_RESPONSE_BYTES', 65_536, { min: 0, max: 16_777_216 }),
    allowedNetworks,
    httpPort: integer(env, 'ALERTS_HTTP_PORT', 3004, { min: 0, max: 65535 }),
    httpHost: optionalString(env, 'HTTP_HOST', '127.0.0.1'),
    logLevel: logLevel(env),
  };
}

/** config/alerts.yaml of the repository, from sources or from dist/. */
function defaultRoutingFile(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'config', 'alerts.yaml');
}
