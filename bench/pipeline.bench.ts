import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Kafka } from 'kafkajs';
import { Pool } from 'pg';
import { examples, structured, syntheticEvent, WireRecord } from '@parity/contracts/fixtures';
import { freePort } from '@parity/local-stack';
import { exitOnFailure, log, onBenchInfrastructure, saveResults } from './bench-run';
import type { WatchNews, WatchOrder } from './arrivals.worker';
import { coreSpeed, cpuAccount, processTree, stealAccount } from './cpu-time';
import { loopbackRoundTrip } from './loopback-round-trip';
import { memoryPerState } from './memory-per-state';
import { rawDrain } from './raw-drain';
import { createTestDatabase, createTopics, ServiceProcess, startService, uniqueName } from '@parity/testing';

/**
 * End-to-end benchmark, on demand (`npm run bench:pipeline`): event produced -> finding published.
 * In one run: the maximum sustained rate of ingest + reconciler with all rules on, latency
 * percentiles at half that rate, the raw kafkajs baselines beside them (before each drain a
 * do-nothing drain of the same backlog, which shows how fast this shared machine is at that
 * moment; produce -> consume latency at the same rate), and memory per (SKU, channel) state.
 */
const BACKLOG = Number(process.env['BENCH_EVENTS'] ?? 100_000);
const LATENCY_SECONDS = Number(process.env['BENCH_LATENCY_SECONDS'] ?? 20);
const STATES = Number(process.env['BENCH_STATES'] ?? 4_000_000);
// Drains of the backlog, each on fresh topics and a fresh database: the median is the max rate (one
// drain's figure moved by half between runs minutes apart on the shared 2-core machine).
const DRAINS = Math.max(1, Number(process.env['BENCH_DRAINS'] ?? 3));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Pipeline {
  kafka: Kafka;
  topics: { prices: string; stock: string; deadLetter: string; findings: string; partitions: string };
  pool: Pool;
  services: ServiceProcess[];
  stop(): Promise<void>;
}

/** Topics, a database and the real ingest + reconciler; `beforeStart` fills the topics first (a backlog). */
async function pipeline(kafka: Kafka, beforeStart: (topics: Pipeline['topics']) => Promise<void> = async () => undefined): Promise<Pipeline> {
  const prefix = uniqueName('bench-e2e');
  const topics = { prices: `${prefix}.prices`, stock: `${prefix}.stock`, deadLetter: `${prefix}.dlq`, findings: `${prefix}.findings`, partitions: `${prefix}.partitions` };
  await createTopics(kafka, [topics.prices, topics.stock, topics.deadLetter, topics.findings], 3);
  await createTopics(kafka, [topics.partitions], 12);
  await beforeStart(topics);
  const database = await createTestDatabase('parity_bench');
  const pool = new Pool({ connectionString: database.adminUrl, max: 2 });
  pool.on('error', () => undefined);
  const env = {
    DATABASE_URL: database.url,
    INGEST_TOPICS: `${topics.prices},${topics.stock}`,
    DEAD_LETTER_TOPIC: topics.deadLetter,
    INGEST_GROUP_ID: `${prefix}-ingest`,
    FINDINGS_TOPIC: topics.findings,
    RECONCILER_CHECKPOINT: prefix,
    RECONCILER_GROUP_ID: `${prefix}-reconciler`,
    RECONCILER_PARTITIONS_TOPIC: topics.partitions,
  };
  // The reconciler first, owning its partitions before ingest appends anything: a sustained rate
  // is the running pipeline's, not one process booting while the other drains.
  const reconcilerPort = await freePort();
  const reconciler = startService('reconciler', { ...env, RECONCILER_HTTP_PORT: String(reconcilerPort) });
  await ownsPartitions(reconciler, reconcilerPort);
  const services = [startService('ingest', { ...env, INGEST_HTTP_PORT: String(await freePort()) }), reconciler];
  return {
    kafka,
    topics,
    pool,
    services,
    stop: async () => {
      for (const service of services) await service.kill('SIGTERM');
      await pool.end();
      await database.drop();
    },
  };
}

/** Resolves once the reconciler's metrics say it owns state partitions (it joined its group and rebuilt). */
async function ownsPartitions(reconciler: ServiceProcess, port: number): Promise<void> {
  const deadline = performance.now() + 60_000;
  for (;;) {
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then((response) => response.text(), () => '');
    if (/^parity_reconciler_owned_partitions [1-9]/m.test(metrics)) return;
    if (reconciler.child.exitCode !== null || performance.now() > deadline) throw new Error(`the reconciler did not take its partitions: ${reconciler.output().slice(-2_000)}`);
    await sleep(100);
  }
}

async function send(kafka: Kafka, topic: string, records: WireRecord[]): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  for (let start = 0; start < records.length; start += 5_000) await producer.send({ topic, messages: records.slice(start, start + 5_000) });
  await producer.disconnect();
}

/** CPU seconds of each part of the pipeline (and of this process: the load generator) from now to stop(). */
function pipelineCpu(p: Pipeline | undefined): { stop(events: number): string } {
  const runDir = `test-run-${process.pid}/`;
  const account = cpuAccount({
    ...(p ? { ingest: () => [p.services[0]!.child.pid!], reconciler: () => [p.services[1]!.child.pid!] } : {}),
    kafka: () => processTree(`${runDir}kafka`),
    postgres: () => processTree(`${runDir}postgres`),
    'bench (load generator)': () => [process.pid],
  });
  const steal = stealAccount();
  const started = performance.now();
  return {
    stop: (events) => {
      const used = account.stop();
      const stolen = steal.stop();
      const seconds = (performance.now() - started) / 1000;
      const parts = Object.entries(used).map(([name, cpu]) => `${name} ${cpu.toFixed(1)} s (${Math.round((cpu * 1e6) / events)} µs/event)`);
      const all = Object.values(used).reduce((sum, cpu) => sum + cpu, 0);
      return `${all.toFixed(1)} of ${(2 * seconds).toFixed(1)} CPU s on 2 cores in ${seconds.toFixed(1)} s: ${parts.join(', ')}; taken by the hypervisor (steal): ${stolen.toFixed(1)} s`;
    },
  };
}

/** Backlog drained by ingest + reconciler: from the first event appended to the last one reconciled and its changes published. */
async function maxRate(kafka: Kafka): Promise<{ events: number; seconds: number; perSecond: number; changes: number; rawDrain: number; coreSpeed: number }> {
  const records = Array.from({ length: BACKLOG }, (_, n) => syntheticEvent(n, 'bench', true));
  let raw = 0;
  let speed = 0;
  const p = await pipeline(kafka, async (topics) => {
    await send(kafka, topics.prices, records.filter((r) => r.kind === 'prices').map((r) => r.record));
    await send(kafka, topics.stock, records.filter((r) => r.kind === 'stock').map((r) => r.record));
    // The same backlog read by a consumer that does nothing, just before: how fast the machine is now.
    raw = (await rawDrain(kafka, [topics.prices, topics.stock], BACKLOG)).perSecond;
    speed = coreSpeed();
  });
  let first = 0;
  // When ingest had appended the whole backlog: what the reconciler and relay took after it is their lag.
  let appended = 0;
  let cpu: ReturnType<typeof pipelineCpu> | undefined;
  for (;;) {
    // Every 10 ms while the pipeline runs, so it must cost the database next to nothing: counting
    // finding_changes here (a scan of every row, twice) was half the database's transactions and
    // about a tenth of its CPU in a drain. The unpublished ones are a partial index; the total is
    // counted once at the end.
    const row = (await p.pool.query<{ head: string; behind: string; owned: string; pending: boolean }>(
      `SELECT (SELECT position FROM event_log_head) AS head,
              (SELECT count(*) FROM reconciler_checkpoints c WHERE c.position < $1) AS behind,
              (SELECT count(*) FROM reconciler_checkpoints) AS owned,
              EXISTS (SELECT 1 FROM finding_changes WHERE published_at IS NULL) AS pending`,
      [BACKLOG],
    )).rows[0]!;
    if (first === 0 && Number(row.head) > 0) {
      first = performance.now();
      cpu = pipelineCpu(p);
    }
    if (appended === 0 && Number(row.head) >= BACKLOG) appended = performance.now();
    if (Number(row.head) >= BACKLOG && Number(row.behind) === 0 && !row.pending && Number(row.owned) > 0) {
      const seconds = (performance.now() - first) / 1000;
      log(`  CPU while draining: ${cpu?.stop(BACKLOG)}`);
      log(`  ingest appended the backlog in ${((appended - first) / 1000).toFixed(2)} s; the last change was published ${Math.round(performance.now() - appended)} ms after that`);
      const changes = Number((await p.pool.query<{ count: string }>('SELECT count(*) FROM finding_changes')).rows[0]!.count);
      await p.stop();
      return { events: BACKLOG, seconds, perSecond: Math.round(BACKLOG / seconds), changes, rawDrain: raw, coreSpeed: speed };
    }
    await sleep(10);
  }
}

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN) * 10) / 10;
  return { count: sorted.length, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: Math.round((sorted[sorted.length - 1] ?? NaN) * 10) / 10 };
}

const priceRecord = (id: string, source: string, sku: string, amount: string) =>
  structured({ ...examples.priceSet(), id, source, time: new Date(Date.now() - 60_000).toISOString(), subject: sku, data: { sku, amount, currency: 'PLN' } }, sku);

/**
 * Background traffic at `rate` (the synthetic channel mix) with probes among it: each probe is an
 * app price off the e-shop's that opens one price mismatch. Latency: probe produced -> its
 * finding received from the findings topic.
 */
async function latency(kafka: Kafka, rate: number): Promise<ReturnType<typeof percentiles>> {
  const p = await pipeline(kafka);
  const probesPerSecond = Math.max(10, Math.min(200, Math.floor(rate / 50)));
  const probes = probesPerSecond * LATENCY_SECONDS;
  await send(kafka, p.topics.prices, Array.from({ length: probes }, (_, n) => priceRecord(`ref-${n}`, 'eshop', `SKU-L${n}`, '100.00')));
  // The e-shop's reference prices are in and reconciled before the clock starts.
  for (;;) {
    const row = (await p.pool.query<{ reconciled: string | null }>('SELECT min(position) AS reconciled FROM reconciler_checkpoints')).rows[0];
    if (Number(row?.reconciled ?? 0) >= probes) break;
    await sleep(100);
  }
  const sentAt = new Map<string, number>();
  const findings = await watchTopic(p.topics.findings, 'probe-findings');
  const received = findings.arrivals;
  const total = rate * LATENCY_SECONDS;
  // Built before the clock starts: generating traffic as it is sent took a quarter of this
  // 2-core machine from the pipeline under test.
  const background = Array.from({ length: total }, (_, n) => syntheticEvent(1_000_000 + n, 'bg', true));
  const probeRecords = Array.from({ length: probes }, (_, i) => priceRecord(`probe-${i}`, 'app', `SKU-L${i}`, '105.00'));
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const cpu = pipelineCpu(p);
  const started = performance.now();
  let probe = 0;
  for (let n = 0; n < total; ) {
    // At most 2,000 a request: a stalled loop must not exceed the broker's request size.
    const due = Math.min(total, n + 2_000, Math.floor(((performance.now() - started) / 1000) * rate));
    if (due > n) {
      const slice = background.slice(n, due);
      const probesDue = Math.min(probes, Math.floor((due / total) * probes));
      const now = performance.now();
      for (let i = probe; i < probesDue; i += 1) sentAt.set(`probe-${i}`, now);
      await producer.sendBatch({
        topicMessages: [
          { topic: p.topics.prices, messages: [...probeRecords.slice(probe, probesDue), ...slice.filter((e) => e.kind === 'prices').map((e) => e.record)] },
          { topic: p.topics.stock, messages: slice.filter((e) => e.kind === 'stock').map((e) => e.record) },
        ],
      });
      probe = probesDue;
      n = due;
    }
    await sleep(10);
  }
  log(`  CPU while sending: ${cpu.stop(total)}`);
  const deadline = performance.now() + 30_000;
  while (received.size < probe && performance.now() < deadline) await sleep(50);
  await producer.disconnect();
  await findings.stop();
  if (process.env['BENCH_BREAKDOWN']) await breakdown(p.pool, sentAt, received, started);
  await p.stop();
  if (received.size < probe) log(`only ${received.size} of ${probe} probes reached the findings topic within 30 s`);
  return percentiles([...received].map(([id, at]) => at - (sentAt.get(id) ?? at)));
}

/** Where a probe's time goes: produce -> appended to the log -> finding change committed -> published -> received. */
async function breakdown(pool: Pool, sentAt: Map<string, number>, received: Map<string, number>, started: number): Promise<void> {
  const origin = Date.now() - (performance.now() - 0);
  const rows = await pool.query<{ id: string; recorded: string; committed: string; published: string }>(
    `SELECT l.id, extract(epoch FROM l.recorded_at) * 1000 AS recorded,
            extract(epoch FROM c.committed_at) * 1000 AS committed, extract(epoch FROM c.published_at) * 1000 AS published
       FROM event_log l JOIN finding_changes c ON c.log_position = l.position
      WHERE l.id LIKE 'probe-%'`,
  );
  const stages = { appended: [] as number[], committed: [] as number[], published: [] as number[], received: [] as number[] };
  for (const row of rows.rows) {
    const sent = (sentAt.get(row.id) ?? 0) + origin;
    const got = (received.get(row.id) ?? 0) + origin;
    stages.appended.push(Number(row.recorded) - sent);
    stages.committed.push(Number(row.committed) - Number(row.recorded));
    stages.published.push(Number(row.published) - Number(row.committed));
    stages.received.push(got - Number(row.published));
  }
  for (const [stage, values] of Object.entries(stages)) log(`  ${stage.padEnd(10)} ${JSON.stringify(percentiles(values))}`);
  // How many rounds each stage took for the whole run: every append transaction has one recorded
  // time, every reconciler commit one commit time, every relay round one publish time.
  const rounds = await pool.query<{ appends: string; commits: string; publishes: string }>(
    `SELECT (SELECT count(DISTINCT recorded_at) FROM event_log) AS appends,
            (SELECT count(DISTINCT committed_at) FROM finding_changes) AS commits,
            (SELECT count(DISTINCT published_at) FROM finding_changes) AS publishes`,
  );
  const round = rounds.rows[0];
  log(`  rounds: ${round?.appends} append transactions, ${round?.commits} reconciler commits with finding changes, ${round?.publishes} relay publishes`);
  void started;
}

/**
 * Notes when each record of a topic first arrives, on the bench's performance.now() clock, from
 * a consumer on a thread of its own; resolves once that consumer has joined its group.
 */
async function watchTopic(
  topic: string,
  pick: WatchOrder['pick'],
  fetch: { minBytes: number; maxWaitTimeInMs: number } = { minBytes: 1, maxWaitTimeInMs: 100 },
): Promise<{ arrivals: Map<string, number>; stop(): Promise<void> }> {
  const order: WatchOrder = { brokers: (process.env['KAFKA_BROKERS'] ?? '').split(','), topic, groupId: uniqueName('bench-watch'), pick, ...fetch };
  const worker = new Worker(join(__dirname, 'arrivals.worker.js'), { workerData: order });
  const arrivals = new Map<string, number>();
  let stopped: () => void = () => undefined;
  const joined = new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.on('message', (news: WatchNews) => {
      if (news.type === 'joined') resolve();
      else if (news.type === 'stopped') stopped();
      else for (const id of news.ids) if (!arrivals.has(id)) arrivals.set(id, news.at - performance.timeOrigin);
    });
  });
  await joined;
  return {
    arrivals,
    stop: async () => {
      await new Promise<void>((resolve) => {
        stopped = resolve;
        worker.postMessage('stop');
      });
      await worker.terminate();
    },
  };
}

/** Raw kafkajs: produce -> consume on a bare topic at the same rate. */
async function rawLatency(kafka: Kafka, rate: number): Promise<ReturnType<typeof percentiles>> {
  const topic = uniqueName('bench-raw');
  await createTopics(kafka, [topic], 3);
  // Fetched as ingest fetches (its default INGEST_FETCH_MIN_BYTES / _MAX_WAIT_MS): the same hop, the same settings.
  const consumer = await watchTopic(topic, 'key', { minBytes: 65_536, maxWaitTimeInMs: 20 });
  const received = consumer.arrivals;
  const total = rate * LATENCY_SECONDS;
  const records = Array.from({ length: total }, (_, n) => ({ key: `raw-${n}`, value: priceRecord(`raw-${n}`, 'app', 'SKU-R', '1.00').value }));
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const sentAt = new Map<string, number>();
  const cpu = pipelineCpu(undefined);
  const started = performance.now();
  for (let n = 0; n < total; ) {
    const due = Math.min(total, n + 2_000, Math.floor(((performance.now() - started) / 1000) * rate));
    if (due > n) {
      const now = performance.now();
      for (let i = n; i < due; i += 1) sentAt.set(`raw-${i}`, now);
      await producer.send({ topic, messages: records.slice(n, due) });
      n = due;
    }
    await sleep(10);
  }
  log(`  raw: CPU while sending: ${cpu.stop(total)}`);
  const deadline = performance.now() + 30_000;
  while (received.size < total && performance.now() < deadline) await sleep(50);
  await producer.disconnect();
  await consumer.stop();
  return percentiles([...received].map(([id, at]) => at - (sentAt.get(id) ?? at)));
}

exitOnFailure(async () => {
  const memory = memoryPerState(STATES);
  log(`memory: ${memory.bytesPerState} bytes per (SKU, channel) state over ${memory.states.toLocaleString('en-US')} states (target <= 200)`);
  await onBenchInfrastructure(3, async (kafka) => {
    // BENCH_RATE: measure latency at that rate only, without the max-rate phase (for iterating).
    const given = process.env['BENCH_RATE'];
    const drains: Awaited<ReturnType<typeof maxRate>>[] = [];
    for (let n = 0; given === undefined && n < DRAINS; n += 1) {
      const drain = await maxRate(kafka);
      log(
        `  drain ${n + 1} of ${DRAINS}: ${drain.perSecond.toLocaleString('en-US')} events/s (${drain.events} events in ${drain.seconds.toFixed(2)} s, ${drain.changes} finding changes published); raw kafkajs drain of the same backlog just before: ${drain.rawDrain.toLocaleString('en-US')} events/s; core speed ${drain.coreSpeed.toLocaleString('en-US')} JSON.parse/s`,
      );
      drains.push(drain);
    }
    const max = drains.length === 0 ? undefined : [...drains].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(drains.length / 2)];
    if (max) {
      log(
        `max sustained rate, all rules on: ${max.perSecond.toLocaleString('en-US')} events/s, the median of ${drains.length} drains (${max.changes} finding changes published; target >= 20,000); raw kafkajs drains beside them: ${drains.map((drain) => drain.rawDrain.toLocaleString('en-US')).join(', ')} events/s`,
      );
    }
    const rate = given === undefined ? Math.max(100, Math.floor(max!.perSecond / 2)) : Number(given);
    const e2e = await latency(kafka, rate);
    const raw = await rawLatency(kafka, rate);
    const loopback = await loopbackRoundTrip();
    log(`latency at ${rate} events/s (half the max; probes among the traffic), produced -> finding received, ms: p50 ${e2e.p50}, p99 ${e2e.p99}, p99.9 ${e2e.p999}, max ${e2e.max} over ${e2e.count} (target p99 <= 100)`);
    log(`raw kafkajs produce -> consume at the same rate, ms: p50 ${raw.p50}, p99 ${raw.p99}, p99.9 ${raw.p999}, max ${raw.max} over ${raw.count}`);
    log(`raw loopback round trip between two node processes (one byte over TCP, idle machine): ${loopback.microseconds} µs, ${loopback.cpuMicroseconds} µs of CPU`);
    saveResults('pipeline', { memory, drains, max, rate, e2e, raw, loopback });
  });
});
