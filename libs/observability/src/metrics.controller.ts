import { Controller, Get, Header } from '@nestjs/common';
import { Registry } from 'prom-client';
import { READERS, Roles } from '@parity/auth';

/**
 * Prometheus scrape endpoint of a service. Where a service authenticates (AuthModule), a scraper
 * needs a reader's credential (an API key in its `authorization` config); elsewhere it is open.
 */
@Roles(...READERS)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
