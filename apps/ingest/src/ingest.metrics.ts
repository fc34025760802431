import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RejectionReason } from '@parity/contracts';

/** What ops need to see of ingestion, as Prometheus series. */
@Injectable()
export class IngestMetrics {
  readonly accepted: Counter;
  readonly duplicates: Counter;
  readonly deadLettered: Counter<'reason'>;
  readonly late: Counter;
  readonly replaysSkipped: Counter;
  readonly lag: Gauge<'topic' | 'partition'>;
  readonly batchSeconds: Histogram;

  constructor(registry: Registry) {
    this.accepted = new Counter({ name: 'parity_ingest_accepted_total', help: 'Events appended to the log', registers: [registry] });
    this.duplicates = new Counter({
      name: 'parity_ingest_duplicates_total',
      help: 'Redelivered events already in the log (same source and id, same payload): no-ops',
      registers: [registry],
    });
    this.deadLettered = new Counter({
      name: 'parity_ingest_dead_lettered_total',
      help: 'Records sent to the dead-letter topic, by reason',
      labelNames: ['reason'],
      registers: [registry],
    });
    this.late = new Counter({
      name: 'parity_ingest_late_total',
      help: 'Events whose event time is older than the current fact of the same channel',
      registers: [registry],
    });
    this.replaysSkipped = new Counter({
      name: 'parity_ingest_replays_skipped_total',
      help: 'Records below the durable offset, redelivered by Kafka after a restart or rebalance: skipped',
      registers: [registry],
    });
    this.lag = new Gauge({
      name: 'parity_ingest_consumer_lag',
      help: 'Records behind the high watermark after the last batch',
      labelNames: ['topic', 'partition'],
      registers: [registry],
    });
    this.batchSeconds = new Histogram({
      name: 'parity_ingest_batch_seconds',
      help: 'Time to decode, append and commit one partition batch',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    });
  }

  rejected(reason: RejectionReason, count = 1): void {
    this.deadLettered.inc({ reason }, count);
  }
}
