import { examples, structured, WireRecord } from '@parity/contracts/fixtures';
import { freePort } from '@parity/local-stack';
import { eventually, IngestFixture, ingestFixture, readTopic, ServiceProcess } from '@parity/testing';
import { byPositionAndId, cleanRun, storedChanges } from './clean-run';

const EVENTS = 12_000;
const KILLS = 5;

const CHANNELS = ['eshop', 'app', 'contact-center', 'store/WAW-001', 'store/WAW-002'];

/** Prices that drift apart and converge again: every round one channel restates 300 SKUs. */
function driftingPrice(n: number): WireRecord {
  const sku = `SKU-${n % 300}`;
  const round = Math.floor(n / 300);
  const source = CHANNELS[round % CHANNELS.length]!;
  const amount = (round + n) % 4 === 0 ? '105.00' : '100.00';
  const time = new Date(Date.UTC(2026, 10, 1) + n * 1000).toISOString();
  return structured({ ...examples.priceSet(), id: `drift-${n}`, source, time, subject: sku, data: { sku, amount, currency: 'PLN' } }, sku);
}

async function produce(fixture: IngestFixture, from: number, to: number, size = 500): Promise<void> {
  for (let start = from; start < to; start += size) {
    const chunk = Array.from({ length: Math.min(size, to - start) }, (_, n) => driftingPrice(start + n));
    await fixture.producer.send({ topic: fixture.topics.prices, messages: chunk });
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function settled(fixture: IngestFixture, expectedEvents: number): Promise<void> {
  const db = fixture.database.admin;
  await eventually('the log to hold every event', async () => ((await fixture.logCount()) >= expectedEvents ? true : undefined), 120_000, 200);
  await eventually(
    'every partition checkpoint at the head and the outbox empty',
    async () => {
      const result = await db.query<{ behind: string; pending: string }>(
        `SELECT (SELECT count(*) FROM reconciler_checkpoints c, event_log_head h WHERE c.position < h.position) AS behind,
                (SELECT count(*) FROM finding_changes WHERE published_at IS NULL) AS pending,
                (SELECT count(*) FROM reconciler_checkpoints) AS partitions`,
      );
      const row = result.rows[0] as { behind: string; pending: string; partitions: string };
      return Number(row.partitions) === 6 && Number(row.behind) === 0 && Number(row.pending) === 0 ? true : undefined;
    },
    180_000,
    200,
  );
}

/** The partitions the instance serving metrics on `port` owns (0 while it is not up). */
function ownedPartitions(port: number): Promise<number> {
  return fetch(`http://127.0.0.1:${port}/metrics`)
    .then((response) => response.text())
    .then((metrics) => Number(/^parity_reconciler_owned_partitions (\d+)/m.exec(metrics)?.[1] ?? 0), () => 0);
}

describe('reconciler: same findings however it is run', () => {
  it(`survives ${KILLS} SIGKILLs of reconciler and relay: findings identical to a clean run, none missing on Kafka`, async () => {
    const fixture = await ingestFixture();
    const findings = await readTopic(fixture.kafka, fixture.topics.findings);
    try {
      fixture.start();
      const port = await freePort();
      let reconciler: ServiceProcess = fixture.start('reconciler', { RECONCILER_HTTP_PORT: String(port), RECONCILER_PAGE_SIZE: '500' });
      // The events go in slices, one per kill: each instance is killed once it has committed a page
      // of its slice, while the rest of the slice is still coming, and the next slice only comes
      // after its restart. So every kill lands while the log is being reconciled, after the
      // restarted instance did work of its own (a kill before it got going, or after the whole
      // log, would prove nothing).
      const slice = EVENTS / (KILLS + 1);
      const kills: number[] = [];
      for (let kill = 1; kill <= KILLS; kill += 1) {
        await eventually('the instance to own every partition', async () => ((await ownedPartitions(port)) === 6 ? true : undefined), 90_000, 100);
        // In small sends (about 2,000 events/s), so the instance is at work when it is killed.
        const producing = produce(fixture, (kill - 1) * slice, kill * slice, 100);
        const reached = await eventually(`a committed page of slice ${kill}`, async () => {
          const row = await fixture.database.admin.query<{ position: string | null }>('SELECT min(position) AS position FROM reconciler_checkpoints');
          const position = Number(row.rows[0]?.position ?? 0);
          return position > (kill - 1) * slice ? position : undefined;
        }, 180_000, 20);
        await reconciler.kill('SIGKILL');
        kills.push(reached);
        await producing;
        reconciler = fixture.start('reconciler', { RECONCILER_HTTP_PORT: String(port), RECONCILER_PAGE_SIZE: '500' });
      }
      await produce(fixture, KILLS * slice, EVENTS);
      await settled(fixture, EVENTS);
      process.stdout.write(`kill test: SIGKILLed the reconciler at checkpoints ${kills.join(', ')} of ${EVENTS}\n`);
      // Each kill after the one before, by the restarted instance's own work.
      expect(kills.every((at, n) => n === 0 || at > kills[n - 1]!)).toBe(true);

      const expected = await cleanRun(fixture.database.admin);
      const stored = await storedChanges(fixture.database.admin);
      expect(expected.length).toBeGreaterThan(1000);
      expect(stored.length).toBe(expected.length);
      expect(stored).toEqual(byPositionAndId(expected));

      await eventually('every change on the findings topic', async () => {
        const published = new Set(findings.messages.map((m) => (JSON.parse(m.value!.toString()) as { id: string }).id));
        return expected.every((row) => published.has(`${row.finding_id}:${row.version}`)) ? true : undefined;
      }, 60_000);
    } finally {
      await findings.stop();
      await fixture.close();
    }
  });

  it('gives the same findings with two instances in one group as with one', async () => {
    const fixture = await ingestFixture();
    try {
      fixture.start();
      const ports = [await freePort(), await freePort()];
      const instances = ports.map((port) => fixture.start('reconciler', { RECONCILER_HTTP_PORT: String(port) }));
      const ownedBy = ownedPartitions;
      // The group splits the 6 partitions between both instances before any event arrives.
      const owned = await eventually('both instances to own partitions', async () => {
        const counts = await Promise.all(ports.map(ownedBy));
        return counts.every((count) => count > 0) && counts[0]! + counts[1]! === 6 ? counts : undefined;
      }, 90_000, 500);
      process.stdout.write(`two instances own ${owned.join(' and ')} of 6 partitions\n`);
      await produce(fixture, 0, 6_000);
      await settled(fixture, 6_000);
      expect(instances.map((instance) => instance.child.exitCode)).toEqual([null, null]);
      expect(await Promise.all(ports.map(ownedBy))).toEqual(owned);
      const owners = await fixture.database.admin.query<{ count: string }>('SELECT count(*) FROM reconciler_checkpoints');
      expect(Number(owners.rows[0]?.count)).toBe(6);
      const expected = await cleanRun(fixture.database.admin);
      expect(expected.length).toBeGreaterThan(500);
      expect(await storedChanges(fixture.database.admin)).toEqual(byPositionAndId(expected));
    } finally {
      await fixture.close();
    }
  });
});
