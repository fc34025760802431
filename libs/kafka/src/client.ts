import { Kafka, logLevel } from 'kafkajs';
import { Logger } from 'pino';
import { KafkaConfig } from '@parity/config';
import { kafkaLogCreator } from './log-creator';

/** The only place that builds a kafkajs client. */
export function createKafka(config: KafkaConfig, logger?: Logger): Kafka {
  return new Kafka({
    clientId: config.clientId,
    brokers: config.brokers,
    connectionTimeout: 5000,
    requestTimeout: 30000,
    retry: { initialRetryTime: 200, retries: 8, maxRetryTime: 10_000 },
    logLevel: logLevel.WARN,
    ...(logger ? { logCreator: kafkaLogCreator(logger) } : {}),
  });
}
