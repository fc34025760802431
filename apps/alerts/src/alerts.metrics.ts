import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { AlertsRepository } from './alerts.repository';

@Injectable()
export class AlertsMetrics {
  readonly findingsConsumed: Counter<'outcome'>;
  readonly notificationsPlanned: Counter<'receiver' | 'kind'>;
  readonly attempts: Counter<'receiver' | 'outcome'>;
  readonly deliverySeconds: Histogram<'receiver'>;
  readonly evaluationSeconds: Histogram;
  readonly muted: Gauge<'by'>;
  readonly reloads: Counter<'outcome'>;

  constructor(registry: Registry, repository: AlertsRepository) {
    this.findingsConsumed = new Counter({
      name: 'parity_alerts_findings_consumed_total',
      help: 'Finding events read from the findings topic: stored (newer version), stale (an older or repeated version), rejected (not a finding event)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    this.notificationsPlanned = new Counter({
      name: 'parity_alerts_notifications_planned_total',
      help: 'Notifications queued in the outbox, by receiver and kind (firing, resolved, escalation)',
      labelNames: ['receiver', 'kind'],
      registers: [registry],
    });
    this.attempts = new Counter({
      name: 'parity_alerts_notifications_total',
      help: 'Delivery attempts by receiver and outcome: delivered, retry (failed, tried again later), parked (failed for good)',
      labelNames: ['receiver', 'outcome'],
      registers: [registry],
    });
    this.deliverySeconds = new Histogram({
      name: 'parity_alerts_delivery_seconds',
      help: 'Time of one delivery attempt',
      labelNames: ['receiver'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    });
    this.evaluationSeconds = new Histogram({
      name: 'parity_alerts_evaluation_seconds',
      help: 'Time of one evaluation of every group',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [registry],
    });
    this.muted = new Gauge({ name: 'parity_alerts_muted_findings', help: 'Findings muted at the last evaluation, by silence, inhibition or suppressed', labelNames: ['by'], registers: [registry] });
    this.reloads = new Counter({ name: 'parity_alerts_routing_reloads_total', help: 'Routing reloads by outcome (applied, refused)', labelNames: ['outcome'], registers: [registry] });
    // Read from the outbox at scrape time: the truth across restarts and instances.
    new Gauge({
      name: 'parity_alerts_queue_depth',
      help: 'Notifications waiting to be delivered (pending or being sent)',
      registers: [registry],
      async collect() {
        this.set((await repository.queueDepth()).pending);
      },
    });
    new Gauge({
      name: 'parity_alerts_parked',
      help: 'Notifications parked after their last attempt failed (see GET /alerts/notifications?status=parked)',
      registers: [registry],
      async collect() {
        this.set((await repository.queueDepth()).parked);
      },
    });
  }
}
