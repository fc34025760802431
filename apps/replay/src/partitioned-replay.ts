import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { RulesConfig } from '@parity/rules';
import { ChangeRowsText } from './change-rows';
import { FromReplayWorker, ReplayWorkerData, ToReplayWorker } from './replay-worker';

const WORKER_FILE = join(__dirname, 'replay-worker.js');

/**
 * Worker threads a replay uses by default: one per core, at most MOST_WORKERS; none (0: all in the
 * calling thread) when running from sources (a test runner's TypeScript), where there is no
 * compiled worker to start. Every worker reads and parses every record (about 3 us of the ~16 us
 * an event costs here), so past a few the shared reading outweighs the split rules. On this 2-core
 * machine, quiet: 2 workers 112k events/s against 63k in one thread (bench:engine, 1M events); with
 * PostgreSQL and other work on the same cores, 2 were no faster than 1.
 */
export function replayWorkers(): number {
  return existsSync(WORKER_FILE) ? Math.min(MOST_WORKERS, availableParallelism()) : 0;
}

const MOST_WORKERS = 8;

/**
 * A replay split by key over worker threads, each a ReplayRun owning one partition of the keys
 * (partitionOf, as reconciler instances split them). Every worker reads every chunk of the log;
 * the rows of a chunk are the union of theirs: the rows of one run, in another order.
 */
export class PartitionedReplay {
  private readonly workers: Worker[] = [];
  private readonly waiting: { resolve: (reply: FromReplayWorker) => void; reject: (error: Error) => void }[][] = [];
  private failure: Error | undefined;
  private done = 0;

  constructor(rules: RulesConfig, partitions: number) {
    for (let partition = 0; partition < partitions; partition += 1) {
      const data: ReplayWorkerData = { rules, partition, partitions };
      // A young generation larger than the default: the engine's garbage mostly dies there.
      const worker = new Worker(WORKER_FILE, { workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 96 } });
      const waiting: (typeof this.waiting)[number] = [];
      worker.on('message', (reply: FromReplayWorker) => waiting.shift()?.resolve(reply));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`replay worker ${partition} stopped with code ${code}`));
      });
      this.workers.push(worker);
      this.waiting.push(waiting);
    }
  }

  /** Events every worker has read so far. */
  get replayed(): number {
    return this.done;
  }

  /** Hands the next chunk of streamReplayText to every worker; resolves with the rows it caused. */
  feed(chunk: Uint8Array): Promise<ChangeRowsText> {
    return this.ask({ chunk });
  }

  /** The end of the stream: the rows of a last line without a newline, if any. */
  end(): Promise<ChangeRowsText> {
    return this.ask({ end: true });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  private async ask(message: ToReplayWorker): Promise<ChangeRowsText> {
    if (this.failure) throw this.failure;
    const replies = await Promise.all(
      this.workers.map(
        (worker, i) =>
          new Promise<FromReplayWorker>((resolve, reject) => {
            this.waiting[i]!.push({ resolve, reject });
            if (!('chunk' in message)) return worker.postMessage(message);
            // Each worker its own copy of just the chunk's bytes, moved rather than cloned.
            const bytes = new Uint8Array(message.chunk);
            worker.postMessage({ chunk: bytes }, [bytes.buffer]);
          }),
      ),
    );
    this.done = Math.min(...replies.map((reply) => reply.replayed));
    return { rows: replies.reduce((sum, reply) => sum + reply.rows, 0), bytes: replies.filter((reply) => reply.rows > 0).map((reply) => reply.bytes) };
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.waiting) for (const pending of waiting.splice(0)) pending.reject(error);
  }
}
