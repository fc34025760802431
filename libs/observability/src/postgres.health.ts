import { Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { Pool } from 'pg';

/** Readiness: PostgreSQL answers a query within the pool's connection timeout. */
@Injectable()
export class PostgresHealth {
  constructor(
    private readonly pool: Pool,
    private readonly indicators: HealthIndicatorService,
  ) {}

  async check(key = 'postgres'): Promise<HealthIndicatorResult> {
    const indicator = this.indicators.check(key);
    try {
      await this.pool.query('SELECT 1');
      return indicator.up();
    } catch (error) {
      return indicator.down({ message: (error as Error).message });
    }
  }
}
