import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

@Injectable()
export class ReconcilerMetrics {
  readonly events: Counter;
  readonly changes: Counter<'type' | 'rule'>;
  readonly position: Gauge;
  readonly published: Counter;
  readonly unpublished: Gauge;
  readonly pageSeconds: Histogram;
  readonly ownedPartitions: Gauge;
  readonly clockTicks: Counter;

  constructor(registry: Registry) {
    this.events = new Counter({ name: 'parity_reconciler_events_total', help: 'Log events reconciled', registers: [registry] });
    this.changes = new Counter({
      name: 'parity_reconciler_finding_changes_total',
      help: 'Finding changes by type (opened, updated, resolved) and rule',
      labelNames: ['type', 'rule'],
      registers: [registry],
    });
    this.position = new Gauge({ name: 'parity_reconciler_checkpoint', help: 'Log position the findings are current with', registers: [registry] });
    this.published = new Counter({ name: 'parity_reconciler_published_total', help: 'Finding changes published to Kafka', registers: [registry] });
    this.unpublished = new Gauge({ name: 'parity_reconciler_outbox_pending', help: 'Committed finding changes not yet published', registers: [registry] });
    this.ownedPartitions = new Gauge({ name: 'parity_reconciler_owned_partitions', help: 'State partitions this instance owns', registers: [registry] });
    this.clockTicks = new Counter({
      name: 'parity_reconciler_clock_ticks_total',
      help: 'Clock ticks appended to the quiet log because a recheck was due',
      registers: [registry],
    });
    this.pageSeconds = new Histogram({
      name: 'parity_reconciler_page_seconds',
      help: 'Time to reconcile and save one page of the log',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }
}
