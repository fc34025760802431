import { Controller, Injectable } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Logger } from 'pino';
import { ConsumerOffsets } from '@parity/event-store';
import { BatchCommitted, CONSUMED_BATCH, ConsumedBatch } from '@parity/kafka';
import { AlertsRepository } from './alerts.repository';
import { AlertsMetrics } from './alerts.metrics';
import { AlertFinding, decodeFindingEvent } from './core/alert-finding';

/**
 * Findings from parity.findings.v1, exactly once: the batch's findings (newest version per id)
 * and the group's next offset are written in one transaction, as ingest does with the log.
 */
@Injectable()
export class FindingsIntake {
  constructor(
    private readonly repository: AlertsRepository,
    private readonly offsets: ConsumerOffsets,
    private readonly metrics: AlertsMetrics,
    private readonly groupId: string,
    private readonly logger: Logger,
  ) {}

  async take(batch: ConsumedBatch): Promise<BatchCommitted> {
    const lastOffset = Number(batch.messages[batch.messages.length - 1]?.offset ?? -1);
    const outcome = await this.repository.inTransaction(async (client) => {
      const stored = await this.offsets.lockNextOffset(client, this.groupId, batch.topic, batch.partition);
      const fresh = batch.messages.filter((message) => stored === undefined || Number(message.offset) >= stored);
      const newest = new Map<string, AlertFinding>();
      let rejected = 0;
      for (const message of fresh) {
        const decoded = decodeFindingEvent(message.value?.toString('utf8') ?? '');
        if (!decoded.ok) {
          rejected += 1;
          this.logger.warn({ topic: batch.topic, partition: batch.partition, offset: message.offset, reason: decoded.reason }, 'not a finding event: skipped');
          continue;
        }
        const previous = newest.get(decoded.finding.id);
        if (!previous || previous.version < decoded.finding.version) newest.set(decoded.finding.id, decoded.finding);
      }
      const saved = await this.repository.saveFindings(client, [...newest.values()]);
      const nextOffset = Math.max(stored ?? 0, lastOffset + 1);
      await this.offsets.save(client, this.groupId, batch.topic, batch.partition, nextOffset);
      return { nextOffset, saved, stale: fresh.length - rejected - saved, rejected };
    });
    this.metrics.findingsConsumed.inc({ outcome: 'stored' }, outcome.saved);
    this.metrics.findingsConsumed.inc({ outcome: 'stale' }, outcome.stale);
    this.metrics.findingsConsumed.inc({ outcome: 'rejected' }, outcome.rejected);
    return { nextOffset: outcome.nextOffset };
  }
}

@Controller()
export class FindingsBatchController {
  constructor(private readonly intake: FindingsIntake) {}

  @EventPattern(CONSUMED_BATCH)
  take(@Payload() batch: ConsumedBatch): Promise<BatchCommitted> {
    return this.intake.take(batch);
  }
}
