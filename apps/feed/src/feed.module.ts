import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { Kafka } from 'kafkajs';
import { LoggerModule } from 'nestjs-pino';
import { Pool } from 'pg';
import { Logger } from 'pino';
import { Registry } from 'prom-client';
import { AuthModule } from '@parity/auth';
import { openPool } from '@parity/event-store';
import { createKafka, KafkaHealth } from '@parity/kafka';
import { HealthController, MetricsController, PostgresHealth } from '@parity/observability';
import { DashboardController } from './dashboard/dashboard.controller';
import { FeedConfig } from './feed.config';
import { FeedMetrics } from './feed.metrics';
import { ActionLog } from './findings/action-log';
import { FindingsController } from './findings/findings.controller';
import { FindingsRepository } from './findings/findings.repository';
import { SessionController, SIGN_IN_KEY } from './session.controller';
import { ChangeFeed } from './stream/change-feed';
import { StreamController, StreamSettings } from './stream/stream.controller';
import { TimelineController } from './timeline/timeline.controller';
import { TimelineRepository } from './timeline/timeline.repository';

const MINUTE_MS = 60_000;

@Module({})
export class FeedModule {
  static register(config: FeedConfig, logger: Logger): DynamicModule {
    const isSignIn = (handler: object) => Reflect.getMetadata(SIGN_IN_KEY, handler) === true;
    return {
      module: FeedModule,
      imports: [
        AuthModule.register(config.auth, { sessions: true }),
        TerminusModule,
        LoggerModule.forRoot({ pinoHttp: { logger, autoLogging: false } }),
        ThrottlerModule.forRoot({
          throttlers: [
            { name: 'requests', ttl: MINUTE_MS, limit: config.rateLimitPerMinute },
            // Sign-in checks credentials: a much lower limit keeps guessing keys slow.
            { name: 'sign-in', ttl: MINUTE_MS, limit: config.signInLimitPerMinute, skipIf: (context) => !isSignIn(context.getHandler()) },
          ],
        }),
      ],
      controllers: [FindingsController, TimelineController, StreamController, SessionController, DashboardController, HealthController, MetricsController],
      providers: [
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: Kafka, useValue: createKafka(config.kafka, logger) },
        {
          provide: Pool,
          useFactory: () => openPool(config.database.url, 8, (code, reason) => logger.warn({ code, reason }, 'idle PostgreSQL connection lost')),
        },
        { provide: Registry, useFactory: () => new Registry() },
        {
          provide: FeedMetrics,
          useFactory: (registry: Registry, findings: FindingsRepository) => new FeedMetrics(registry, () => findings.openByRule()),
          inject: [Registry, FindingsRepository],
        },
        {
          provide: ChangeFeed,
          useFactory: (pool: Pool, metrics: FeedMetrics) => new ChangeFeed(pool, config.pollMs, metrics),
          inject: [Pool, FeedMetrics],
        },
        { provide: StreamSettings, useValue: new StreamSettings(config.heartbeatMs) },
        FindingsRepository,
        TimelineRepository,
        ActionLog,
        KafkaHealth,
        PostgresHealth,
      ],
    };
  }
}
