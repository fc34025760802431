import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { Kafka, Producer } from 'kafkajs';
import { IDEMPOTENT_PRODUCER } from '@parity/kafka';
import { DeadLetter } from '@parity/contracts';

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

function toBuffers(headers: Record<string, string | Uint8Array>): Record<string, Buffer> {
  const result: Record<string, Buffer> = {};
  for (const [name, value] of Object.entries(headers)) result[name] = Buffer.from(value);
  return result;
}
