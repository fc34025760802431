import { Kafka, logLevel, Partitioners, ProducerConfig } from 'kafkajs';
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

/**
 * What every producer of the services sets: topics are created on purpose, never by a send, and
 * the partitioner is named (kafkajs' murmur2, as Java clients key), which also keeps kafkajs from
 * warning about its v2 default at every start.
 */
export const PRODUCER_DEFAULTS: ProducerConfig = { allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner };

/** A producer whose sends are acknowledged in order, without duplicates from its own retries. */
export const IDEMPOTENT_PRODUCER: ProducerConfig = { ...PRODUCER_DEFAULTS, idempotent: true, maxInFlightRequests: 1 };
