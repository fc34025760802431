import { parentPort, workerData } from 'node:worker_threads';
// The modules it needs, not the libraries' whole barrels (TypeORM, report rendering, ...): every
// replay starts its workers anew, and loading those cost each about a fifth of a second of CPU.
import { ReplayRun } from '@parity/audit/replay-run';
import { ReplayLines } from '@parity/event-store/stream';
import { partitionOf, RulesConfig } from '@parity/rules';
import { encodedChangeRows } from './change-rows';

/** What a replay worker is started with: the rules, and which of the partitions of the keys it judges. */
export interface ReplayWorkerData {
  readonly rules: RulesConfig;
  readonly partition: number;
  readonly partitions: number;
}

/** To a worker: the next chunk of streamReplayText, or the end of the stream. */
export type ToReplayWorker = { readonly chunk: Uint8Array } | { readonly end: true };

/** From a worker, once per message it got: the rows of its keys the chunk caused, as COPY text (changeRowsText). */
export interface FromReplayWorker {
  readonly rows: number;
  readonly bytes: Uint8Array;
  readonly replayed: number;
}

// A worker thread of PartitionedReplay: reads every record of the log (the clock and the channels
// known are the whole log's), keeps and judges only its partition's keys.
if (parentPort) {
  const port = parentPort;
  const { rules, partition, partitions } = workerData as ReplayWorkerData;
  const run = new ReplayRun(rules, (key) => partitionOf(key, partitions) === partition);
  const lines = new ReplayLines();
  port.on('message', (message: ToReplayWorker) => {
    // The end of the stream closes the log's last instant too.
    const { rows, bytes } = encodedChangeRows('chunk' in message ? run.feed(lines.push(message.chunk)) : [...run.feed(lines.end()), ...run.finish()]);
    const reply: FromReplayWorker = { rows, bytes, replayed: run.replayed };
    port.postMessage(reply, [bytes.buffer]);
  });
}
