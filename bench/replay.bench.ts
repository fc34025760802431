import { Pool, PoolClient } from 'pg';
import { ReplayRun } from '@parity/audit';
import { LogRecord, ReplayRecord, streamLog, streamReplayRecords } from '@parity/event-store';
import { DEFAULT_RULES_CONFIG } from '@parity/rules';
import { createTestDatabase } from '@parity/testing';
import { replayWorkers } from '../apps/replay/src/partitioned-replay';
import { replayIntoSchema } from '../apps/replay/src/replay';
import { writeLog } from '../apps/replay/test/million-log';
import { exitOnFailure, Figure, figure, log, onBenchInfrastructure, saveResults } from './bench-run';
import { coreSpeed, stealAccount } from './cpu-time';

/**
 * Replay benchmark, on demand (`npm run bench:replay`): BENCH_EVENTS (1,000,000) channel events
 * from PostgreSQL through the projections and all rules, beside a raw baseline in the same run on
 * the same rows: COPY out of the log and JSON.parse of every event's data, nothing else. The
 * replay reads only the columns the engine needs (streamReplayRecords), so the baseline the ratio
 * is taken against reads those too; the baseline over every column (streamLog, as the replay read
 * before) is printed beside it. Targets: >= 150,000 events/s, and >= 0.5x the raw baseline.
 */
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 1_000_000);

/** The raw baseline: the same rows out of PostgreSQL by COPY, each event's data parsed. */
async function rawCopyAndParse(pool: Pool, name: string, read: (client: PoolClient) => AsyncIterable<readonly (LogRecord | ReplayRecord)[]>): Promise<Figure> {
  const client = await pool.connect();
  const started = performance.now();
  let events = 0;
  let keep = 0;
  try {
    for await (const batch of read(client)) {
      for (const record of batch) keep += (JSON.parse(record.dataJson) as object) ? 1 : 0;
      events += batch.length;
    }
  } finally {
    client.release();
  }
  if (keep !== events) throw new Error('parsed fewer events than read');
  return figure(name, events, performance.now() - started);
}

/** The engine in one thread over the same rows without writing anything: where the replay's time goes. */
async function engineOnly(pool: Pool): Promise<Figure & { changes: number }> {
  const client = await pool.connect();
  const run = new ReplayRun(DEFAULT_RULES_CONFIG);
  let changes = 0;
  const started = performance.now();
  try {
    for await (const batch of streamReplayRecords(client)) changes += run.feed(batch).length;
    changes += run.finish().length;
  } finally {
    client.release();
  }
  return { ...figure('engine, one thread: COPY out + projections + rules (no writes)', run.replayed, performance.now() - started), changes };
}

exitOnFailure(async () => {
  await onBenchInfrastructure(1, async () => {
    const database = await createTestDatabase('parity_bench_replay');
    try {
      log(`writing ${EVENTS.toLocaleString('en')} events to the log...`);
      const written = performance.now();
      await writeLog(database.admin, EVENTS);
      log(`  written in ${((performance.now() - written) / 1000).toFixed(1)} s`);
      await database.admin.query('VACUUM ANALYZE event_log');

      // Warm-up of the JIT and the page cache on a tenth of the rows, not measured.
      const warm = await database.admin.connect();
      try {
        const run = new ReplayRun(DEFAULT_RULES_CONFIG);
        for await (const batch of streamReplayRecords(warm, { toPosition: Math.floor(EVENTS / 10) })) run.feed(batch);
      } finally {
        warm.release();
      }

      const speedBefore = coreSpeed();
      const steal = stealAccount();
      const measured = performance.now();
      const rawAll = await rawCopyAndParse(database.admin, 'raw, every column: COPY out + JSON.parse', (client) => streamLog(client));
      log(`${rawAll.name}: ${rawAll.perSecond.toLocaleString('en')} events/s (${rawAll.seconds.toFixed(2)} s)`);
      const raw = await rawCopyAndParse(database.admin, "raw, the replay's columns: COPY out + JSON.parse", (client) => streamReplayRecords(client));
      log(`${raw.name}: ${raw.perSecond.toLocaleString('en')} events/s (${raw.seconds.toFixed(2)} s)`);
      const engine = await engineOnly(database.admin);
      log(`${engine.name}: ${engine.perSecond.toLocaleString('en')} events/s (${engine.seconds.toFixed(2)} s), ${engine.changes} finding changes`);

      const started = performance.now();
      const report = await replayIntoSchema(database.admin, { range: { from: 1, to: EVENTS }, schema: 'bench_replay', rules: DEFAULT_RULES_CONFIG });
      const replay = figure(`replay: into an isolated schema, compared with live (the CLI's work, ${replayWorkers()} workers)`, report.events, performance.now() - started);
      log(`${replay.name}: ${replay.perSecond.toLocaleString('en')} events/s (${replay.seconds.toFixed(2)} s), ${report.changes} finding changes written`);

      // The same replay with the engine in one worker thread, unsplit: what the split itself gives here.
      const oneStarted = performance.now();
      const one = await replayIntoSchema(database.admin, { range: { from: 1, to: EVENTS }, schema: 'bench_replay_one', rules: DEFAULT_RULES_CONFIG, workers: 1 });
      const replayOne = figure('replay, the engine in 1 worker', one.events, performance.now() - oneStarted);
      log(`${replayOne.name}: ${replayOne.perSecond.toLocaleString('en')} events/s (${replayOne.seconds.toFixed(2)} s), ${one.changes} finding changes written`);

      const stolen = steal.stop();
      log(`taken by the hypervisor (steal) while measuring: ${stolen.toFixed(1)} of ${((2 * (performance.now() - measured)) / 1000).toFixed(1)} CPU s`);
      const speed = { before: speedBefore, after: coreSpeed() };
      log(`core speed (JSON.parse/s of a price's data, see bench/cpu-time.ts): ${speed.before.toLocaleString('en')} before, ${speed.after.toLocaleString('en')} after`);
      const ratio = replay.perSecond / raw.perSecond;
      const verdict = { eventsPerSecond: replay.perSecond >= 150_000, ratioToRaw: ratio >= 0.5 };
      log(`replay / raw: ${ratio.toFixed(2)}x; targets: >= 150,000 events/s ${verdict.eventsPerSecond ? 'met' : 'NOT met'}, >= 0.5x raw ${verdict.ratioToRaw ? 'met' : 'NOT met'}`);
      saveResults('replay', { events: EVENTS, rawAll, raw, engine, replay, workers: replayWorkers(), replayOne, ratio, targets: verdict, changes: report.changes, stealSeconds: stolen, coreSpeed: speed });
    } finally {
      await database.drop();
    }
  });
});
