import { Kafka } from 'kafkajs';
import { SyntheticEvent } from '@parity/contracts/fixtures';
import { Figure, figure } from './bench-run';

/** Puts the synthetic channel mix on a prices and a stock topic, 5,000 records a request. */
export async function produceBacklog(kafka: Kafka, topics: { prices: string; stock: string }, records: readonly SyntheticEvent[]): Promise<Figure> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = performance.now();
  for (let start = 0; start < records.length; start += 5_000) {
    const chunk = records.slice(start, start + 5_000);
    await producer.sendBatch({
      topicMessages: [
        { topic: topics.prices, messages: chunk.filter((r) => r.kind === 'prices').map((r) => r.record) },
        { topic: topics.stock, messages: chunk.filter((r) => r.kind === 'stock').map((r) => r.record) },
      ],
    });
  }
  const result = figure('produce (kafkajs producer, acks=all)', records.length, performance.now() - started);
  await producer.disconnect();
  return result;
}
