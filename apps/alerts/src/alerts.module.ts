import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { Kafka } from 'kafkajs';
import { LoggerModule } from 'nestjs-pino';
import { Pool } from 'pg';
import { Logger } from 'pino';
import { Registry } from 'prom-client';
import { AuthModule } from '@parity/auth';
import { ConsumerOffsets, openPool } from '@parity/event-store';
import { createKafka, KafkaHealth } from '@parity/kafka';
import { HealthController, MetricsController, PostgresHealth } from '@parity/observability';
import { AlertsServiceConfig } from './alerts.config';
import { AlertsMetrics } from './alerts.metrics';
import { AlertsRepository } from './alerts.repository';
import { Delivery } from './delivery';
import { Evaluator } from './evaluator';
import { FindingsBatchController, FindingsIntake } from './findings-intake';
import { NotificationsController } from './notifications.controller';
import { RoutingController } from './routing.controller';
import { RoutingHolder } from './routing-holder';
import { Senders } from './senders';
import { SilencesController } from './silences.controller';

@Module({})
export class AlertsModule {
  static register(config: AlertsServiceConfig, routing: RoutingHolder, logger: Logger): DynamicModule {
    return {
      module: AlertsModule,
      imports: [TerminusModule, AuthModule.register(config.auth), LoggerModule.forRoot({ pinoHttp: { logger, autoLogging: false } })],
      controllers: [FindingsBatchController, SilencesController, NotificationsController, RoutingController, HealthController, MetricsController],
      providers: [
        { provide: Kafka, useValue: createKafka(config.kafka, logger) },
        {
          provide: Pool,
          useFactory: () => openPool(config.database.url, 8, (code, reason) => logger.warn({ code, reason }, 'idle PostgreSQL connection lost')),
        },
        { provide: Registry, useFactory: () => new Registry() },
        { provide: RoutingHolder, useValue: routing },
        AlertsRepository,
        { provide: ConsumerOffsets, useFactory: (pool: Pool) => new ConsumerOffsets(pool), inject: [Pool] },
        AlertsMetrics,
        {
          provide: FindingsIntake,
          useFactory: (repository: AlertsRepository, offsets: ConsumerOffsets, metrics: AlertsMetrics) => new FindingsIntake(repository, offsets, metrics, config.groupId, logger),
          inject: [AlertsRepository, ConsumerOffsets, AlertsMetrics],
        },
        {
          provide: Evaluator,
          useFactory: (repository: AlertsRepository, holder: RoutingHolder, metrics: AlertsMetrics) =>
            new Evaluator(repository, holder, metrics, { evaluationMs: config.evaluationMs, dashboardUrl: config.dashboardUrl }, logger),
          inject: [AlertsRepository, RoutingHolder, AlertsMetrics],
        },
        {
          provide: Senders,
          useFactory: () => new Senders({ timeoutMs: config.requestTimeoutMs, maxResponseBytes: config.maxResponseBytes, policy: { allowedNetworks: config.allowedNetworks } }, logger),
        },
        {
          provide: Delivery,
          useFactory: (repository: AlertsRepository, holder: RoutingHolder, senders: Senders, metrics: AlertsMetrics) =>
            new Delivery(
              repository,
              holder,
              senders,
              metrics,
              { concurrency: config.deliveryConcurrency, pollMs: config.deliveryPollMs, leaseMs: config.deliveryLeaseMs, retry: config.retry },
              logger,
            ),
          inject: [AlertsRepository, RoutingHolder, Senders, AlertsMetrics],
        },
        KafkaHealth,
        PostgresHealth,
      ],
    };
  }
}
