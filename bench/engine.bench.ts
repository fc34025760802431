import { createHash } from 'node:crypto';
import { ChangeRow, ReplayRun } from '@parity/audit';
import { copyText, ReplayRecord } from '@parity/event-store';
import { DEFAULT_RULES_CONFIG } from '@parity/rules';
import { changeRowsOf, ChangeRowsText } from '../apps/replay/src/change-rows';
import { PartitionedReplay } from '../apps/replay/src/partitioned-replay';
import { millionLogRecord } from '../apps/replay/test/million-log';
import { exitOnFailure, log, saveResults } from './bench-run';
import { memoryPerState } from './memory-per-state';

/**
 * Engine benchmark, in process (`npm run bench:engine`, no Kafka or PostgreSQL): the replay
 * bench's log (millionLogRecord) fed through ReplayRun, for each count in BENCH_EVENTS
 * (200,000 and 1,000,000), in this thread and split by key over BENCH_WORKERS worker threads (2)
 * as the replay runs it. Prints events/s of the engine alone and SHA-256s of the history: over
 * every finding change's CloudEvent in the order of the one-thread run (`sha256`), and over the
 * rows (finding, version, change, position, CloudEvent) sorted by position, finding and version
 * (`canonical`), which a split run must give too. The same hashes before and after a change to
 * the engine mean the same history, byte for byte. Also memory per (SKU, channel) state, as
 * bench:pipeline measures it.
 */
const COUNTS = (process.env['BENCH_EVENTS'] ?? '200000,1000000').split(',').map(Number);
const WORKERS = Number(process.env['BENCH_WORKERS'] ?? 2);
const STATES = Number(process.env['BENCH_STATES'] ?? 1_000_000);
const BATCH = 1_000;

interface EngineFigure {
  readonly path: string;
  readonly events: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Events per second of this process's own CPU time (all its threads): steadier than wall time on a shared machine. */
  readonly perCpuSecond: number;
  readonly changes: number;
  /** In the order the rows came (one thread: the history's order). */
  readonly sha256: string;
  readonly canonical: string;
}

/** The records of the log from `from`, one batch. */
function batchAt(from: number, count: number): ReplayRecord[] {
  const batch: ReplayRecord[] = [];
  for (let position = from; position < from + BATCH && position <= count; position += 1) batch.push(millionLogRecord(position));
  return batch;
}

/** The log as streamReplayText gives it, COPY text, one chunk per batch, made before any timing. */
function copyChunks(count: number): Buffer[] {
  const line = (r: ReplayRecord) => [r.position, copyText(r.source), copyText(r.id), copyText(r.type), r.eventTime, r.recordedAt, copyText(r.dataJson), r.subject === undefined ? '\\N' : copyText(r.subject)].join('\t');
  const chunks: Buffer[] = [];
  for (let from = 1; from <= count; from += BATCH) chunks.push(Buffer.from(`${batchAt(from, count).map(line).join('\n')}\n`));
  return chunks;
}

function figure(path: string, count: number, ms: number, cpuMicros: number, rows: readonly ChangeRow[]): EngineFigure {
  const history = createHash('sha256');
  for (const row of rows) history.update(row.cloudEvent).update('\n');
  const canonical = createHash('sha256');
  const sorted = [...rows].sort((a, b) => a.logPosition - b.logPosition || (a.findingId < b.findingId ? -1 : a.findingId > b.findingId ? 1 : a.version - b.version));
  for (const r of sorted) canonical.update(`${r.findingId}\t${r.version}\t${r.change}\t${r.logPosition}\t`).update(r.cloudEvent).update('\n');
  return {
    path,
    events: count,
    seconds: ms / 1000,
    perSecond: Math.round(count / (ms / 1000)),
    perCpuSecond: Math.round(count / (cpuMicros / 1e6)),
    changes: rows.length,
    sha256: history.digest('hex'),
    canonical: canonical.digest('hex'),
  };
}

function oneThread(count: number): EngineFigure {
  const replay = new ReplayRun(DEFAULT_RULES_CONFIG);
  const rows: ChangeRow[] = [];
  let ms = 0;
  let cpuMicros = 0;
  for (let from = 1; from <= count; from += BATCH) {
    const batch = batchAt(from, count);
    // Only the engine is timed: generating the records is not its work.
    const started = performance.now();
    const cpu = process.cpuUsage();
    for (const row of replay.feed(batch)) rows.push(row);
    if (from + BATCH > count) for (const row of replay.finish()) rows.push(row);
    const used = process.cpuUsage(cpu);
    ms += performance.now() - started;
    cpuMicros += used.user + used.system;
  }
  return figure('one thread', count, ms, cpuMicros, rows);
}

async function split(count: number): Promise<EngineFigure> {
  const chunks = copyChunks(count);
  const replay = new PartitionedReplay(DEFAULT_RULES_CONFIG, WORKERS);
  // The workers' rows as they send them (COPY text), read back into rows after the clock stops.
  const text: Uint8Array[] = [];
  try {
    // Workers started and warm before the clock starts, as a long replay has them.
    text.push(...(await replay.feed(Buffer.alloc(0))).bytes);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const ahead: Promise<ChangeRowsText>[] = [];
    for (const chunk of chunks) {
      ahead.push(replay.feed(chunk));
      if (ahead.length >= 8) text.push(...(await ahead.shift()!).bytes);
    }
    ahead.push(replay.end());
    for (const pending of ahead) text.push(...(await pending).bytes);
    const used = process.cpuUsage(cpu);
    const ms = performance.now() - started;
    return figure(`${WORKERS} workers`, count, ms, used.user + used.system, changeRowsOf(Buffer.concat(text).toString('utf8')));
  } finally {
    await replay.close();
  }
}

exitOnFailure(async () => {
  const figures: EngineFigure[] = [];
  for (const count of COUNTS) {
    for (const run of [() => Promise.resolve(oneThread(count)), () => split(count)]) {
      const f = await run();
      figures.push(f);
      log(
        `engine (${f.path}): ${f.events.toLocaleString('en')} events in ${f.seconds.toFixed(2)} s = ${f.perSecond.toLocaleString('en')} events/s (${f.perCpuSecond.toLocaleString('en')} per CPU second), ${f.changes} finding changes, history sha256 ${f.sha256}, canonical ${f.canonical}`,
      );
    }
  }
  const memory = memoryPerState(STATES);
  log(`memory: ${memory.bytesPerState} bytes per (SKU, channel) state over ${memory.states.toLocaleString('en')} states`);
  saveResults('engine', { figures, memory });
});
