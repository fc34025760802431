import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { LoggerModule } from 'nestjs-pino';
import { Pool } from 'pg';
import { LogAppends, openPool } from '@parity/event-store';
import { Logger } from 'pino';
import { Registry } from 'prom-client';
import { createKafka, KafkaHealth, PartitionOwnership } from '@parity/kafka';
import { HealthController, MetricsController, PostgresHealth } from '@parity/observability';
import { ClockTicks } from './clock-ticks';
import { FindingsRepository } from './findings.repository';
import { LogFollower } from './log-follower';
import { OutboxRelay } from './outbox-relay';
import { ReconcilerConfig } from './reconciler.config';
import { ReconcilerMetrics } from './reconciler.metrics';

@Module({})
export class ReconcilerModule {
  /** `partitions`: how many state partitions the partitions topic has (read from Kafka at start). */
  static register(config: ReconcilerConfig, partitions: number, logger: Logger): DynamicModule {
    return {
      module: ReconcilerModule,
      imports: [TerminusModule, LoggerModule.forRoot({ pinoHttp: { logger, autoLogging: false } })],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: Kafka, useValue: createKafka(config.kafka, logger) },
        {
          provide: Pool,
          useFactory: () => openPool(config.database.url, 4, (code, reason) => logger.warn({ code, reason }, 'idle PostgreSQL connection lost')),
        },
        { provide: Registry, useFactory: () => new Registry() },
        {
          provide: PartitionOwnership,
          useFactory: (kafka: Kafka) =>
            new PartitionOwnership(kafka, { topic: config.partitionsTopic, groupId: config.groupId, sessionTimeoutMs: config.sessionTimeoutMs }),
          inject: [Kafka],
        },
        {
          provide: LogFollower,
          useFactory: (pool: Pool, findings: FindingsRepository, ownership: PartitionOwnership, metrics: ReconcilerMetrics, relay: OutboxRelay) =>
            new LogFollower(
              pool,
              findings,
              ownership,
              { checkpoint: config.checkpoint, partitions, pageSize: config.pageSize, pollMs: config.pollMs, rules: config.rules },
              metrics,
              new LogAppends(config.database.url, (reason) => logger.warn(reason)),
              relay,
              new ClockTicks(pool, config.clockTickMs),
            ),
          inject: [Pool, FindingsRepository, PartitionOwnership, ReconcilerMetrics, OutboxRelay],
        },
        {
          provide: OutboxRelay,
          useFactory: (pool: Pool, kafka: Kafka, metrics: ReconcilerMetrics) =>
            new OutboxRelay(pool, kafka, { topic: config.findingsTopic, pollMs: config.pollMs, batchSize: 500 }, metrics),
          inject: [Pool, Kafka, ReconcilerMetrics],
        },
        FindingsRepository,
        ReconcilerMetrics,
        KafkaHealth,
        PostgresHealth,
      ],
    };
  }
}
