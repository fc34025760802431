import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { createKafka } from '@parity/kafka';

/** What the bench asks a watcher thread to watch. */
export interface WatchOrder {
  readonly brokers: string[];
  readonly topic: string;
  readonly groupId: string;
  readonly minBytes: number;
  readonly maxWaitTimeInMs: number;
  /** What identifies an arrival: the record key, or the probe events a finding was opened for. */
  readonly pick: 'key' | 'probe-findings';
}

export type WatchNews = { readonly type: 'joined' } | { readonly type: 'arrived'; readonly at: number; readonly ids: string[] } | { readonly type: 'stopped' };

/**
 * A consumer on a thread of its own, so that the load generator's encoding on the main thread
 * does not delay the moment an arrival is noted. Times are absolute (timeOrigin + now).
 */
async function watch(order: WatchOrder, port: NonNullable<typeof parentPort>): Promise<void> {
  const kafka = createKafka({ brokers: order.brokers, clientId: 'bench-watch' }, pino({ level: 'fatal' }));
  const consumer = kafka.consumer({ groupId: order.groupId, minBytes: order.minBytes, maxWaitTimeInMs: order.maxWaitTimeInMs });
  consumer.on(consumer.events.GROUP_JOIN, () => port.postMessage({ type: 'joined' } satisfies WatchNews));
  await consumer.connect();
  await consumer.subscribe({ topic: order.topic, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      const at = performance.timeOrigin + performance.now();
      const ids: string[] = [];
      for (const message of batch.messages) {
        if (order.pick === 'key') {
          if (message.key) ids.push(message.key.toString());
          continue;
        }
        // evidence: the ids of the events behind the finding (the contract's field).
        const event = JSON.parse(message.value?.toString() ?? 'null') as { type: string; data: { rule: string; evidence: string[] } } | null;
        if (event?.type !== 'parity.finding.opened.v1' || event.data.rule !== 'price-mismatch') continue;
        for (const id of event.data.evidence) if (id.startsWith('probe-')) ids.push(id);
      }
      if (ids.length > 0) port.postMessage({ type: 'arrived', at, ids } satisfies WatchNews);
    },
  });
  port.on('message', () => {
    void consumer.disconnect().then(() => port.postMessage({ type: 'stopped' } satisfies WatchNews));
  });
}

if (parentPort) void watch(workerData as WatchOrder, parentPort);
