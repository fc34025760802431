import { DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { Pool } from 'pg';
import { Logger } from 'pino';
import { Registry } from 'prom-client';
import { AuthModule } from '@parity/auth';
import { openPool } from '@parity/event-store';
import { PostgresHealth } from '@parity/observability';
import { AuditController } from './audit.controller';
import { ReplayServiceConfig } from './replay.config';
import { ReplayHealthController } from './replay-health.controller';
import { PeriodicSealer } from './sealer';
import { SealKeyring } from './seal-keys.config';

@Module({})
export class ReplayModule {
  static register(config: ReplayServiceConfig, logger: Logger): DynamicModule {
    return {
      module: ReplayModule,
      imports: [TerminusModule, LoggerModule.forRoot({ pinoHttp: { logger, autoLogging: false } }), AuthModule.register(config.auth)],
      controllers: [AuditController, ReplayHealthController],
      providers: [
        { provide: Pool, useFactory: () => openPool(config.database.url, 4, (code, reason) => logger.warn({ code, reason }, 'idle PostgreSQL connection lost')) },
        { provide: Registry, useFactory: () => new Registry() },
        { provide: SealKeyring, useValue: new SealKeyring(config.sealKeys) },
        {
          provide: PeriodicSealer,
          useFactory: (pool: Pool, registry: Registry) => new PeriodicSealer(pool, config.sealKeys, config.sealIntervalMs, logger, registry),
          inject: [Pool, Registry],
        },
        PostgresHealth,
      ],
    };
  }
}
