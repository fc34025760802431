import { Kafka } from 'kafkajs';
import { SyntheticEvent } from '@parity/contracts/fixtures';
import { freePort } from '@parity/local-stack';
import { uniqueName } from '@parity/testing';
import { Figure, figure } from './bench-run';

/** Where the synthetic backlog goes: two contract-like topics and a dead-letter topic. */
export interface BacklogTopics {
  readonly prices: string;
  readonly stock: string;
  readonly deadLetter: string;
}

/** An ingest process's settings to drain the backlog into `databaseUrl`, in a group of its own. */
export async function drainingIngestEnv(databaseUrl: string, topics: BacklogTopics): Promise<Record<string, string>> {
  return {
    DATABASE_URL: databaseUrl,
    INGEST_TOPICS: `${topics.prices},${topics.stock}`,
    DEAD_LETTER_TOPIC: topics.deadLetter,
    INGEST_GROUP_ID: uniqueName('bench-ingest'),
    INGEST_HTTP_PORT: String(await freePort()),
  };
}

/** Puts the synthetic channel mix on a prices and a stock topic, 5,000 records a request. */
export async function produceBacklog(kafka: Kafka, topics: BacklogTopics, records: readonly SyntheticEvent[]): Promise<Figure> {
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
