import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BatchCommitted, CONSUMED_BATCH, ConsumedBatch } from '@parity/kafka';
import { BatchIngestion } from './batch-ingestion';

/** Kafka side of ingest: every consumed partition batch goes to the log in one transaction. */
@Controller()
export class ChannelBatchController {
  constructor(private readonly ingestion: BatchIngestion) {}

  @EventPattern(CONSUMED_BATCH)
  ingest(@Payload() batch: ConsumedBatch): Promise<BatchCommitted> {
    return this.ingestion.ingest(batch);
  }
}
