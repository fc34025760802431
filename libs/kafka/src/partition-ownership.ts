import { Consumer, Kafka } from 'kafkajs';

/**
 * Divides work the Kafka way: instances join a consumer group on a topic whose partitions stand
 * for state partitions; whatever the group assigns an instance is what it owns. The topic carries
 * no messages. Ownership can overlap briefly during a rebalance: writers must fence (check their
 * checkpoints in the same transaction as their writes).
 */
export class PartitionOwnership {
  private consumer: Consumer | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly options: { topic: string; groupId: string; sessionTimeoutMs: number },
  ) {}

  async start(onAssigned: (partitions: number[]) => void): Promise<void> {
    const consumer = this.kafka.consumer({
      groupId: this.options.groupId,
      sessionTimeout: this.options.sessionTimeoutMs,
      heartbeatInterval: Math.min(3_000, Math.floor(this.options.sessionTimeoutMs / 6)),
      allowAutoTopicCreation: false,
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, ({ payload }) => {
      onAssigned([...(payload.memberAssignment[this.options.topic] ?? [])].sort((a, b) => a - b));
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [this.options.topic] });
    await consumer.run({ eachBatch: async () => undefined });
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
  }
}
