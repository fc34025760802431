import { Kafka } from 'kafkajs';
import { uniqueName } from '@parity/testing';
import { Figure, figure } from './bench-run';

/**
 * A raw kafkajs eachBatch drain that does nothing, in a group of its own, from the first batch to
 * the `expected`-th record: what reading the topics alone costs on this machine at this moment.
 */
export async function rawDrain(kafka: Kafka, topics: string[], expected: number): Promise<Figure> {
  const consumer = kafka.consumer({ groupId: uniqueName('bench-drain'), maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topics, fromBeginning: true });
  let seen = 0;
  let first = 0;
  const done = new Promise<number>((resolveDone) => {
    void consumer.run({
      eachBatch: async ({ batch }) => {
        if (first === 0) first = performance.now();
        seen += batch.messages.length;
        if (seen >= expected) resolveDone(performance.now());
      },
    });
  });
  const end = await done;
  await consumer.disconnect();
  return figure('raw kafkajs eachBatch drain (no work)', seen, end - first);
}
