import { Pool } from 'pg';
import { decodeChannelEvent } from '@parity/contracts';
import { syntheticEvent, WireRecord } from '@parity/contracts/fixtures';
import { appendToLog, chainHash, copyLogRecords, GENESIS_HASH, lockLogHead, LogRecord, logHead, NewLogEvent } from '@parity/event-store';
import { createTestDatabase, createTopics, startService, uniqueName } from '@parity/testing';
import { exitOnFailure, Figure, figure, log, onBenchInfrastructure, saveResults } from './bench-run';
import { coreSpeed, cpuAccount, processTree, stealAccount } from './cpu-time';
import { rawDrain } from './raw-drain';
import { BacklogTopics, drainingIngestEnv, produceBacklog } from './synthetic-backlog';

/**
 * Ingest benchmark, on demand (`npm run bench:ingest`), everything measured in one run on the
 * same broker and database: a raw kafkajs eachBatch drain that does nothing, ingest end to end
 * (the real service process), a raw COPY of the same rows into the same table, and the append
 * stage alone (head lock, duplicate check, hash chain, COPY) with the same batch size.
 */
const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 200_000);
const PARTITIONS = Number(process.env['BENCH_PARTITIONS'] ?? 3);
const APPEND_BATCH = Number(process.env['BENCH_APPEND_BATCH'] ?? 2_000);

/** The real ingest process, from its first appended batch to the last event in the log. */
async function ingestEndToEnd(topics: BacklogTopics, expected: number): Promise<Figure> {
  const database = await createTestDatabase('parity_bench');
  const app = appPool(database.url);
  const service = startService('ingest', await drainingIngestEnv(database.url, topics));
  let first = 0;
  let end = 0;
  let cpu: ReturnType<typeof cpuAccount> | undefined;
  let steal: ReturnType<typeof stealAccount> | undefined;
  for (;;) {
    const { position: head } = await logHead(app);
    if (head > 0 && first === 0) {
      first = performance.now();
      const runDir = `test-run-${process.pid}/`;
      cpu = cpuAccount({ ingest: () => [service.child.pid!], postgres: () => processTree(`${runDir}postgres`), kafka: () => processTree(`${runDir}kafka`) });
      steal = stealAccount();
    }
    if (head >= expected) {
      end = performance.now();
      const used = cpu?.stop() ?? {};
      const seconds = (end - first) / 1000;
      log(
        `ingest used ${Object.entries(used).map(([name, s]) => `${name} ${s.toFixed(2)} CPU s (${Math.round((s * 1e6) / expected)} µs/event)`).join(', ')} in ${seconds.toFixed(2)} s on 2 cores; taken by the hypervisor (steal): ${(steal?.stop() ?? 0).toFixed(2)} s`,
      );
      break;
    }
    if (service.child.exitCode !== null) throw new Error(`ingest exited: ${service.output().slice(-2000)}`);
    await new Promise((done) => setTimeout(done, 20));
  }
  await service.kill('SIGTERM');
  await app.end();
  await database.drop();
  return figure('ingest end to end (decode, validate, append, offsets; a fetch per group commit)', expected, end - first);
}

function appPool(url: string): Pool {
  const pool = new Pool({ connectionString: url, max: 1 });
  pool.on('error', (error) => log(`pool: ${error.message}`));
  return pool;
}

function decodeAll(records: { record: WireRecord }[]): NewLogEvent[] {
  return records.map(({ record }, n) => {
    const decoded = decodeChannelEvent({ value: record.value, headers: record.headers }, { maxEventBytes: 262_144 });
    if (!decoded.ok) throw new Error(`synthetic event ${n} does not decode: ${decoded.detail}`);
    const { event } = decoded;
    return { source: event.source, id: event.id, type: event.type, subject: event.subject, eventTime: event.eventTime, dataJson: event.dataJson, kafka: { topic: 'bench', partition: 0, offset: n } };
  });
}

async function inBatches(pool: Pool, events: readonly NewLogEvent[], work: (client: import('pg').PoolClient, batch: readonly NewLogEvent[], offset: number) => Promise<void>): Promise<number> {
  const client = await pool.connect();
  const started = performance.now();
  for (let start = 0; start < events.length; start += APPEND_BATCH) {
    await client.query('BEGIN');
    await work(client, events.slice(start, start + APPEND_BATCH), start);
    await client.query('COMMIT');
  }
  const ms = performance.now() - started;
  client.release();
  return ms;
}

async function rawCopy(events: readonly NewLogEvent[]): Promise<Figure> {
  const database = await createTestDatabase('parity_bench');
  const recordedAt = Date.now();
  // Hashes are computed before the clock starts: the baseline is the COPY alone.
  let hash: Buffer = GENESIS_HASH;
  const records: LogRecord[] = events.map((event, n) => {
    const unsealed = { ...event, position: n + 1, recordedAt };
    hash = chainHash(hash, unsealed);
    return { ...unsealed, hash };
  });
  const ms = await inBatches(database.admin, events, async (client, batch, offset) => {
    await copyLogRecords(client, records.slice(offset, offset + batch.length));
  });
  await database.drop();
  return figure(`raw COPY into event_log (${APPEND_BATCH} rows per transaction)`, events.length, ms);
}

async function appendStage(events: readonly NewLogEvent[]): Promise<Figure> {
  const database = await createTestDatabase('parity_bench');
  const app = appPool(database.url);
  const recordedAt = Date.now();
  const ms = await inBatches(app, events, async (client, batch) => {
    await appendToLog(client, await lockLogHead(client), batch, recordedAt);
  });
  await app.end();
  await database.drop();
  return figure(`append stage (head lock, duplicate check, hash chain, COPY; ${APPEND_BATCH} per transaction)`, events.length, ms);
}

exitOnFailure(() =>
  onBenchInfrastructure(PARTITIONS, async (kafka) => {
    const prefix = uniqueName('bench');
    const topics = { prices: `${prefix}.prices`, stock: `${prefix}.stock`, deadLetter: `${prefix}.dead-letter` };
    await createTopics(kafka, Object.values(topics), PARTITIONS);
    const records = Array.from({ length: EVENTS }, (_, n) => syntheticEvent(n, prefix));
    const valueBytes = records.reduce((sum, { record }) => sum + (record.value?.length ?? 0), 0) / EVENTS;
    const headerBytes = records.reduce((sum, { record }) => sum + Object.entries(record.headers).reduce((s, [k, v]) => s + k.length + v.length, 0), 0) / EVENTS;
    log(`events: ${EVENTS}, mean value ${valueBytes.toFixed(0)} bytes + ${headerBytes.toFixed(0)} bytes of headers, ${PARTITIONS} partitions x 2 topics`);
    log(`core speed (JSON.parse/s of a price's data, see bench/cpu-time.ts): ${coreSpeed().toLocaleString('en')}`);

    const figures: Figure[] = [];
    figures.push(await produceBacklog(kafka, topics, records));
    figures.push(await rawDrain(kafka, [topics.prices, topics.stock], EVENTS));
    figures.push(await ingestEndToEnd(topics, EVENTS));
    const events = decodeAll(records);
    figures.push(await rawCopy(events));
    figures.push(await appendStage(events));

    const [, drain, ingest, copy, append] = figures as [Figure, Figure, Figure, Figure, Figure];
    log('');
    for (const f of figures) log(`${f.perSecond.toLocaleString('en-US').padStart(10)} events/s  ${f.seconds.toFixed(2).padStart(7)} s  ${f.name}`);
    const ratios = { ingestVsDrain: ingest.perSecond / drain.perSecond, appendVsCopy: append.perSecond / copy.perSecond };
    log('');
    log(`ingest / raw drain = ${ratios.ingestVsDrain.toFixed(2)} (target >= 0.4); ingest ${ingest.perSecond} events/s (target >= 20,000)`);
    log(`append stage / raw COPY = ${ratios.appendVsCopy.toFixed(2)} (target >= 0.5)`);
    saveResults('ingest', { events: EVENTS, partitions: PARTITIONS, valueBytes, headerBytes, figures, ratios });
  }),
);
