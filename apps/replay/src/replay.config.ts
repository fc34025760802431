import { AuthConfig, authConfig } from '@parity/auth';
import { DatabaseConfig, databaseConfig, Environment, integer, LogLevel, logLevel, optionalString } from '@parity/config';
import { SealKeys } from '@parity/audit';
import { sealKeys } from './seal-keys.config';

export interface ReplayServiceConfig {
  readonly database: DatabaseConfig;
  readonly auth: AuthConfig;
  /** Seals need the private key; without it the service answers but does not seal. */
  readonly sealKeys: SealKeys | undefined;
  /** How often the head is sealed when the log has grown (ms); 0: never. */
  readonly sealIntervalMs: number;
  readonly httpPort: number;
  readonly httpHost: string;
  readonly logLevel: LogLevel;
}

export function replayServiceConfig(env: Environment): ReplayServiceConfig {
  return {
    database: databaseConfig(env),
    auth: authConfig(env),
    sealKeys: sealKeys(env),
    sealIntervalMs: integer(env, 'REPLAY_SEAL_INTERVAL_MS', 60_000, { min: 0, max: 86_400_000 }),
    httpPort: integer(env, 'REPLAY_HTTP_PORT', 3005, { min: 0, max: 65535 }),
    httpHost: optionalString(env, 'HTTP_HOST', '127.0.0.1'),
    logLevel: logLevel(env),
  };
}
