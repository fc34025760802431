import { binary, structured, WireRecord } from '@parity/contracts/fixtures';
import { TrafficEvent } from './channel-fact';
import { Random } from './random';

/** One topic's share of a producer batch, in the shape kafkajs' sendBatch takes. */
export interface TopicBatch {
  readonly topic: string;
  readonly messages: WireRecord[];
}

/**
 * Puts events on the wire grouped by topic, in generation order within a topic. A share of them
 * goes in binary mode, since channel teams use both CloudEvents Kafka bindings.
 */
export function toTopicBatches(events: readonly TrafficEvent[], binaryShare: number, random: Random): TopicBatch[] {
  const byTopic = new Map<string, WireRecord[]>();
  for (const { topic, key, cloudEvent } of events) {
    const record = random.chance(binaryShare) ? binary(cloudEvent, key) : structured(cloudEvent, key);
    const messages = byTopic.get(topic);
    if (messages) messages.push(record);
    else byTopic.set(topic, [record]);
  }
  return [...byTopic].map(([topic, messages]) => ({ topic, messages }));
}

/** The same batches on the topics they are renamed to (SIMULATOR_TOPICS); others unchanged. */
export function onTopics(batches: readonly TopicBatch[], renames: ReadonlyMap<string, string>): TopicBatch[] {
  return batches.map((batch) => ({ topic: renames.get(batch.topic) ?? batch.topic, messages: batch.messages }));
}
