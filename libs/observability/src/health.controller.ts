import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { KafkaHealth } from '@parity/kafka';
import { Public } from '@parity/auth';
import { PostgresHealth } from './postgres.health';

/** Probes are open to anyone, also where a service authenticates: they reveal only up or down. */
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly kafka: KafkaHealth,
    private readonly postgres: PostgresHealth,
  ) {}

  /** Readiness: Kafka and PostgreSQL both answer. 503 with the failing one named otherwise. */
  @Get()
  @HealthCheck()
  ready(): Promise<HealthCheckResult> {
    return this.health.check([() => this.kafka.check(), () => this.postgres.check()]);
  }

  /** Liveness: the process serves HTTP. */
  @Get('live')
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
