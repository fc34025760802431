import { Controller, Get, Header } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public, Roles } from '@parity/auth';
import { PostgresHealth } from '@parity/observability';
import { Registry } from 'prom-client';

/** The replay service needs only PostgreSQL: readiness checks that, not Kafka. */
@Controller()
export class ReplayHealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly postgres: PostgresHealth,
    private readonly registry: Registry,
  ) {}

  @Get('health')
  @Public()
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.postgres.check()]);
  }

  @Get('health/live')
  @Public()
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('metrics')
  @Roles('auditor')
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
