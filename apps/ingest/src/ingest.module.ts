import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { LoggerModule } from 'nestjs-pino';
import { Pool } from 'pg';
import { ConsumerOffsets, openPool } from '@parity/event-store';
import { Logger } from 'pino';
import { Registry } from 'prom-client';
import { createKafka, KafkaHealth } from '@parity/kafka';
import { HealthController, MetricsController, PostgresHealth } from '@parity/observability';
import { BatchIngestion } from './batch-ingestion';
import { ChannelBatchController } from './channel-batch.controller';
import { DeadLetterPublisher } from './dead-letter.publisher';
import { FactClock } from './fact-clock';
import { IngestConfig } from './ingest.config';
import { IngestMetrics } from './ingest.metrics';

@Module({})
export class IngestModule {
  static register(config: IngestConfig, logger: Logger): DynamicModule {
    return {
      module: IngestModule,
      imports: [TerminusModule, LoggerModule.forRoot({ pinoHttp: { logger, autoLogging: false } })],
      controllers: [ChannelBatchController, HealthController, MetricsController],
      providers: [
        { provide: Kafka, useValue: createKafka(config.kafka, logger) },
        {
          provide: Pool,
          useFactory: () => openPool(config.database.url, 8, (code, reason) => logger.warn({ code, reason }, 'idle PostgreSQL connection lost')),
        },
        { provide: Registry, useFactory: () => new Registry() },
        {
          provide: DeadLetterPublisher,
          useFactory: (kafka: Kafka) => new DeadLetterPublisher(kafka, config.deadLetterTopic),
          inject: [Kafka],
        },
        {
          provide: BatchIngestion,
          useFactory: (...deps: [Pool, ConsumerOffsets, FactClock, DeadLetterPublisher, IngestMetrics]) =>
            new BatchIngestion(deps[0], { groupId: config.groupId, maxEventBytes: config.maxEventBytes }, deps[1], deps[2], deps[3], deps[4]),
          inject: [Pool, ConsumerOffsets, FactClock, DeadLetterPublisher, IngestMetrics],
        },
        { provide: ConsumerOffsets, useFactory: (pool: Pool) => new ConsumerOffsets(pool), inject: [Pool] },
        { provide: FactClock, useFactory: () => new FactClock(config.factClockCapacity) },
        IngestMetrics,
        KafkaHealth,
        PostgresHealth,
      ],
    };
  }
}
