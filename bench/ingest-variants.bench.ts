import { join } from 'node:path';
import { Pool } from 'pg';
import { syntheticEvent } from '@parity/contracts/fixtures';
import { logHead } from '@parity/event-store';
import { createTestDatabase, createTopics, ServiceProcess, startService, uniqueName } from '@parity/testing';
import { exitOnFailure, log, onBenchInfrastructure, saveResults } from './bench-run';
import { coreSpeed, cpuSeconds } from './cpu-time';
import { BacklogTopics, drainingIngestEnv, produceBacklog } from './synthetic-backlog';

/**
 * Paired A/B of ingest variants, on demand (`npm run bench:ingest-variants`). This shared 2-core
 * machine changes speed by up to 2x within minutes, so one variant measured after another says
 * little. Here every variant is a real ingest process draining the same backlog into a database of
 * its own, all at the same time: they share the machine's good and bad moments, and their CPU per
 * event compares. Rounds repeat that on fresh databases.
 *
 * BENCH_VARIANTS (JSON), for example
 *   [{"name":"main"},{"name":"semi64","nodeArgs":"--max-semi-space-size=64"},
 *    {"name":"small-fetch","env":{"INGEST_MAX_BYTES_PER_PARTITION":"262144"}},
 *    {"name":"before","checkout":"/tmp/before"}]
 * where `checkout` is another built clone of this repository (its dist/ runs instead).
 */
interface Variant {
  readonly name: string;
  readonly nodeArgs?: string;
  readonly env?: Record<string, string>;
  readonly checkout?: string;
}

const EVENTS = Number(process.env['BENCH_EVENTS'] ?? 200_000);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 3);
const VARIANTS = parseVariants(process.env['BENCH_VARIANTS'] ?? '[{"name":"this checkout"}]');

function parseVariants(text: string): Variant[] {
  const parsed = JSON.parse(text) as unknown;
  if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((v) => typeof (v as Variant | null)?.name === 'string')) {
    throw new Error(`BENCH_VARIANTS must be a JSON array of {"name", "nodeArgs"?, "env"?, "checkout"?}, got ${text}`);
  }
  return parsed as Variant[];
}

interface Drain {
  readonly variant: Variant;
  readonly service: ServiceProcess;
  readonly pool: Pool;
  readonly drop: () => Promise<void>;
  cpuAtFirst?: number;
  firstAt?: number;
  result?: { readonly cpuMicrosPerEvent: number; readonly seconds: number };
}

async function start(variant: Variant, topics: BacklogTopics): Promise<Drain> {
  const database = await createTestDatabase('parity_variants');
  const launch = variant.checkout
    ? ((await import(join(variant.checkout, 'dist', 'libs', 'testing', 'src', 'index.js'))) as { startService: typeof startService }).startService
    : startService;
  // startService reads the node flags from the environment, as PARITY_SERVICE_NODE_ARGS documents.
  const flags = process.env['PARITY_SERVICE_NODE_ARGS'];
  process.env['PARITY_SERVICE_NODE_ARGS'] = variant.nodeArgs ?? '';
  const service = launch('ingest', { ...(await drainingIngestEnv(database.url, topics)), ...variant.env });
  if (flags === undefined) delete process.env['PARITY_SERVICE_NODE_ARGS'];
  else process.env['PARITY_SERVICE_NODE_ARGS'] = flags;
  return { variant, service, pool: new Pool({ connectionString: database.url, max: 1 }), drop: () => database.drop() };
}

/** Polls every drain's log head; CPU counts from its first appended batch to its last event. */
async function measure(drains: Drain[]): Promise<void> {
  const deadline = performance.now() + 600_000;
  while (drains.some((drain) => drain.result === undefined)) {
    for (const drain of drains.filter((d) => d.result === undefined)) {
      if (drain.service.child.exitCode !== null) throw new Error(`ingest (${drain.variant.name}) exited: ${drain.service.output().slice(-2000)}`);
      const { position: head } = await logHead(drain.pool);
      const cpu = cpuSeconds(drain.service.child.pid!);
      if (head > 0 && drain.firstAt === undefined) {
        drain.firstAt = performance.now();
        drain.cpuAtFirst = cpu;
      }
      if (head >= EVENTS) {
        drain.result = { cpuMicrosPerEvent: ((cpu - (drain.cpuAtFirst ?? 0)) * 1e6) / EVENTS, seconds: (performance.now() - (drain.firstAt ?? 0)) / 1000 };
      }
    }
    if (performance.now() > deadline) throw new Error('the drains did not finish within 10 minutes');
    await new Promise((done) => setTimeout(done, 20));
  }
}

exitOnFailure(() =>
  onBenchInfrastructure(3, async (kafka) => {
    const prefix = uniqueName('variants');
    const topics = { prices: `${prefix}.prices`, stock: `${prefix}.stock`, deadLetter: `${prefix}.dead-letter` };
    await createTopics(kafka, Object.values(topics), 3);
    await produceBacklog(kafka, topics, Array.from({ length: EVENTS }, (_, n) => syntheticEvent(n, prefix)));
    log(`${EVENTS} events, ${VARIANTS.length} variants at once, ${ROUNDS} rounds; core speed ${coreSpeed().toLocaleString('en')} JSON.parse/s`);
    const rounds: Record<string, { cpuMicrosPerEvent: number; seconds: number }>[] = [];
    for (let round = 1; round <= ROUNDS; round += 1) {
      const drains: Drain[] = [];
      for (const variant of VARIANTS) drains.push(await start(variant, topics));
      try {
        await measure(drains);
      } finally {
        for (const drain of drains) {
          await drain.service.kill('SIGTERM');
          await drain.pool.end();
          await drain.drop();
        }
      }
      rounds.push(Object.fromEntries(drains.map((drain) => [drain.variant.name, drain.result!])));
      log(`round ${round}: ${drains.map((d) => `${d.variant.name} ${d.result!.cpuMicrosPerEvent.toFixed(1)} µs/event (${d.result!.seconds.toFixed(1)} s)`).join(' | ')}`);
    }
    for (const variant of VARIANTS) {
      const values = rounds.map((round) => round[variant.name]!.cpuMicrosPerEvent);
      log(`${variant.name}: mean ${(values.reduce((a, b) => a + b, 0) / values.length).toFixed(1)} ingest CPU µs/event (${values.map((v) => v.toFixed(1)).join(', ')})`);
    }
    saveResults('ingest-variants', { events: EVENTS, variants: VARIANTS, rounds });
  }),
);
