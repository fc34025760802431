import { createHash } from 'node:crypto';
import { ReplayRun } from '@parity/audit';
import { LogRecord } from '@parity/event-store';
import { DEFAULT_RULES_CONFIG } from '@parity/rules';
import { millionLogRecord } from '../apps/replay/test/million-log';
import { exitOnFailure, log, saveResults } from './bench-run';
import { memoryPerState } from './memory-per-state';

/**
 * Engine benchmark, in process (`npm run bench:engine`, no Kafka or PostgreSQL): the replay
 * bench's log (millionLogRecord) fed through ReplayRun, for each count in BENCH_EVENTS
 * (200,000 and 1,000,000). Prints events/s of the engine alone and a SHA-256 over every finding
 * change's CloudEvent in order: the same hash before and after a change to the engine means the
 * same history, byte for byte. Also memory per (SKU, channel) state, as bench:pipeline measures it.
 */
const COUNTS = (process.env['BENCH_EVENTS'] ?? '200000,1000000').split(',').map(Number);
const STATES = Number(process.env['BENCH_STATES'] ?? 1_000_000);
const BATCH = 1_000;

interface EngineFigure {
  readonly events: number;
  readonly seconds: number;
  readonly perSecond: number;
  /** Events per second of this process's own CPU time: steadier than wall time on a shared machine. */
  readonly perCpuSecond: number;
  readonly changes: number;
  readonly sha256: string;
}

function run(count: number): EngineFigure {
  const replay = new ReplayRun(DEFAULT_RULES_CONFIG);
  const history = createHash('sha256');
  const placeholder = Buffer.alloc(32); // the engine never reads the chain hash
  let changes = 0;
  let engineMs = 0;
  let engineCpuMicros = 0;
  for (let from = 1; from <= count; from += BATCH) {
    const batch: LogRecord[] = [];
    for (let position = from; position < from + BATCH && position <= count; position += 1) batch.push({ ...millionLogRecord(position), hash: placeholder });
    // Only the engine is timed: generating the records and hashing the history are not its work.
    const started = performance.now();
    const cpu = process.cpuUsage();
    const rows = replay.feed(batch);
    const used = process.cpuUsage(cpu);
    engineMs += performance.now() - started;
    engineCpuMicros += used.user + used.system;
    for (const row of rows) history.update(row.cloudEvent).update('\n');
    changes += rows.length;
  }
  return { events: count, seconds: engineMs / 1000, perSecond: Math.round(count / (engineMs / 1000)), perCpuSecond: Math.round(count / (engineCpuMicros / 1e6)), changes, sha256: history.digest('hex') };
}

exitOnFailure(async () => {
  const figures: EngineFigure[] = [];
  for (const count of COUNTS) {
    const figure = run(count);
    figures.push(figure);
    log(`engine: ${figure.events.toLocaleString('en')} events in ${figure.seconds.toFixed(2)} s = ${figure.perSecond.toLocaleString('en')} events/s (${figure.perCpuSecond.toLocaleString('en')} per CPU second), ${figure.changes} finding changes, history sha256 ${figure.sha256}`);
  }
  const memory = memoryPerState(STATES);
  log(`memory: ${memory.bytesPerState} bytes per (SKU, channel) state over ${memory.states.toLocaleString('en')} states`);
  saveResults('engine', { figures, memory });
});
