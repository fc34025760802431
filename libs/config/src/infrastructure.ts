import { ConfigError, Environment, list, optionalString, requiredString, oneOf } from './environment';

export interface KafkaConfig {
  readonly brokers: string[];
  readonly clientId: string;
}

export interface DatabaseConfig {
  readonly url: string;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export function kafkaConfig(env: Environment, clientId: string): KafkaConfig {
  requiredString(env, 'KAFKA_BROKERS', 'comma-separated host:port list, e.g. 127.0.0.1:9092; `npm start` sets it');
  return {
    brokers: list(env, 'KAFKA_BROKERS', []),
    clientId: optionalString(env, 'KAFKA_CLIENT_ID', clientId),
  };
}

export function databaseConfig(env: Environment): DatabaseConfig {
  return { url: databaseUrl(env, '`npm start` sets it') };
}

/**
 * DATABASE_URL, refused unless pg will read it as written: pg reads a string that is not a URL
 * as a database on a host named "base", and a broken percent-escape as literal text, so both
 * would fail later as an unreachable database. `hint` says where the value comes from.
 */
export function databaseUrl(env: Environment, hint: string): string {
  const url = requiredString(env, 'DATABASE_URL', `postgres://user:password@host:port/database; ${hint}`);
  if (!isPostgresUrl(url)) throw new ConfigError('DATABASE_URL', `is not a PostgreSQL URL: expected postgres://user:password@host:port/database (${hint})`);
  if (!decodes(url)) throw new ConfigError('DATABASE_URL', `has a broken percent-escape: write a % in a user name or password as %25 (${hint})`);
  return url;
}

/** postgres:// or postgresql:// with a host, in the authority or as ?host= (a socket directory). */
function isPostgresUrl(text: string): boolean {
  if (!URL.canParse(text)) return false;
  const url = new URL(text);
  return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && (url.hostname !== '' || url.searchParams.has('host'));
}

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

export function logLevel(env: Environment): LogLevel {
  return oneOf<LogLevel>(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info');
}
