import { Kafka } from 'kafkajs';
import { DEAD_LETTER_TOPIC, FINDINGS_TOPIC, INBOUND_TOPICS } from '@parity/contracts';

export interface TopicSpec {
  readonly topic: string;
  readonly numPartitions: number;
}

/** Partitions of state the reconciler instances divide between them (see PartitionOwnership). */
export const RECONCILER_PARTITIONS_TOPIC = 'parity.reconciler.partitions.v1';
export const DEFAULT_RECONCILER_PARTITIONS = 12;

/** The contract's topics with the partitions the local stack gives them, and the reconciler's. */
export function contractTopics(partitions: number): TopicSpec[] {
  return [
    ...[...INBOUND_TOPICS, FINDINGS_TOPIC, DEAD_LETTER_TOPIC].map((topic) => ({ topic, numPartitions: partitions })),
    { topic: RECONCILER_PARTITIONS_TOPIC, numPartitions: DEFAULT_RECONCILER_PARTITIONS },
  ];
}

/** Creates the topics that do not exist yet; existing ones are left as they are. */
export async function ensureTopics(kafka: Kafka, topics: readonly TopicSpec[]): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = topics.filter((spec) => !existing.has(spec.topic));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((spec) => ({ topic: spec.topic, numPartitions: spec.numPartitions, replicationFactor: 1 })),
      });
    }
    return missing.map((spec) => spec.topic);
  } finally {
    await admin.disconnect();
  }
}

/** Waits until the broker answers metadata requests (it may open its port before it serves). */
export async function waitForKafka(kafka: Kafka, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return;
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }
  throw new Error(`Kafka did not answer within ${timeoutMs} ms: ${String(lastError)}`);
}

/**
 * Waits until the broker can coordinate consumer groups: its offsets topic is created on first
 * use, and until then every group join fails (kafkajs logs each retry as an error).
 */
export async function waitForGroupCoordinator(kafka: Kafka, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (;;) {
      try {
        await admin.describeGroups(['parity-coordinator-probe']);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`no group coordinator within ${timeoutMs} ms: ${String(error)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/** How many partitions a topic has; fails naming the topic when it does not exist. */
export async function partitionCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    const count = metadata.topics[0]?.partitions.length ?? 0;
    if (count === 0) throw new Error(`topic ${topic} has no partitions`);
    return count;
  } catch (error) {
    throw new Error(`cannot read the partitions of ${topic} (create it first; npm start does): ${(error as Error).message}`);
  } finally {
    await admin.disconnect();
  }
}
