import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

@Injectable()
export class FeedMetrics {
  readonly requests: Counter<'method' | 'route' | 'status'>;
  readonly requestSeconds: Histogram<'route'>;
  readonly liveClients: Gauge;
  readonly streamedChanges: Counter;
  readonly actions: Counter<'type'>;
  readonly openFindings: Gauge<'rule'>;

  constructor(registry: Registry, openByRule: () => Promise<Map<string, number>>) {
    this.requests = new Counter({ name: 'parity_feed_requests_total', help: 'HTTP requests by method, route and status', labelNames: ['method', 'route', 'status'], registers: [registry] });
    this.requestSeconds = new Histogram({
      name: 'parity_feed_request_seconds',
      help: 'Time to answer an HTTP request (streams excluded)',
      labelNames: ['route'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
    this.liveClients = new Gauge({ name: 'parity_feed_live_clients', help: 'Open live streams (SSE connections)', registers: [registry] });
    this.streamedChanges = new Counter({ name: 'parity_feed_stream_changes_total', help: 'Committed finding changes the stream followed', registers: [registry] });
    this.actions = new Counter({ name: 'parity_feed_actions_total', help: 'Operator actions appended to the log, by type', labelNames: ['type'], registers: [registry] });
    this.openFindings = new Gauge({
      name: 'parity_feed_findings_open',
      help: 'Findings not resolved, by rule (read from PostgreSQL at scrape time)',
      labelNames: ['rule'],
      registers: [registry],
      async collect() {
        // PostgreSQL down: the scrape still answers (health says why); the gauge is just absent.
        const counts = await openByRule().catch(() => new Map<string, number>());
        this.reset();
        for (const [rule, count] of counts) this.set({ rule }, count);
      },
    });
  }
}
