import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { BatchHandedOff, CONSUMED_BATCH, ConsumedBatch } from '@parity/kafka';
import { BatchIngestion } from './batch-ingestion';

/** Kafka side of ingest: every consumed partition batch goes to the log, with the others of its fetch. */
@Controller()
export class ChannelBatchController {
  constructor(private readonly ingestion: BatchIngestion) {}

  @EventPattern(CONSUMED_BATCH)
  ingest(@Payload() batch: ConsumedBatch): BatchHandedOff {
    return this.ingestion.ingest(batch);
  }
}
