import { Environment, list, optionalString, requiredString, oneOf } from './environment';

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
  return { url: requiredString(env, 'DATABASE_URL', 'postgres://user:password@host:port/database; `npm start` sets it') };
}

export function logLevel(env: Environment): LogLevel {
  return oneOf<LogLevel>(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info');
}
