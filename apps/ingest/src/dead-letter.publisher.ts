import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { IDEMPOTENT_PRODUCER } from '@parity/kafka';
import { DeadLetter, OriginalHeader } from '@parity/contracts';

/** Publishes rejected records to the dead-letter topic, acknowledged by all replicas. */
@Injectable()
export class DeadLetterPublisher implements OnModuleDestroy {
  private producer: Producer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
  ) {}

  async publish(letters: readonly DeadLetter[]): Promise<void> {
    if (letters.length === 0) return;
    const producer = await this.connected();
    await producer.send({
      topic: this.topic,
      acks: -1,
      messages: letters.map((letter) => ({ key: letter.key, value: letter.value ? Buffer.from(letter.value) : null, headers: toBuffers(letter.headers) })),
    });
  }

  private async connected(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer(IDEMPOTENT_PRODUCER);
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  async onModuleDestroy(): Promise<void> {
    await this.producer?.disconnect();
  }
}

/** kafkajs writes an array as the same header repeated, in order: as the original record had it. */
function toBuffers(headers: Record<string, OriginalHeader>): Record<string, Buffer | Buffer[]> {
  const result: Record<string, Buffer | Buffer[]> = {};
  for (const [name, value] of Object.entries(headers)) result[name] = isList(value) ? value.map((item) => Buffer.from(item)) : Buffer.from(value);
  return result;
}

function isList(value: OriginalHeader): value is readonly (string | Uint8Array)[] {
  return Array.isArray(value);
}
