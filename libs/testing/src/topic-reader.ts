import { Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { uniqueName } from './environment';

export type ReadMessage = KafkaMessage & { readonly partition: number };

/** Reads a topic from the beginning in the background; `messages` grows as records arrive. */
export async function readTopic(kafka: Kafka, topic: string): Promise<{ messages: ReadMessage[]; stop(): Promise<void> }> {
  const messages: ReadMessage[] = [];
  const consumer: Consumer = kafka.consumer({ groupId: uniqueName('reader'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      for (const message of batch.messages) messages.push({ ...message, partition: batch.partition });
    },
  });
  return { messages, stop: () => consumer.disconnect() };
}

export function header(message: KafkaMessage, name: string): string | undefined {
  const value = message.headers?.[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}
