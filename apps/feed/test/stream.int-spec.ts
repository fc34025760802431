import { eventually } from '@parity/testing';
import { feedFixture, FeedFixture } from './feed-fixture';
import { connect as connectTo, EventStreamConnection, ServerSentEvent } from './sse-client';

interface Change {
  change: string;
  findingId: string;
  version: number;
  finding: { sku: string | null; status: string; rule: string };
}

const parse = (events: readonly ServerSentEvent[]) => events.map((e) => ({ id: e.id!, event: e.event, ...(JSON.parse(e.data) as Change) }));
const keys = (changes: readonly { findingId: string; version: number }[]) => changes.map((c) => `${c.findingId}:${c.version}`);

describe('live stream of finding changes (SSE)', () => {
  let f: FeedFixture;
  let published = 0;
  const base = Date.now() - 3_600_000;
  let tick = 0;

  // Every connection a test opened, dropped at the end even when the test failed half way: an
  // open stream would keep the feed from closing and hide the failure behind a hook timeout.
  const connections: EventStreamConnection[] = [];
  const connect = async (...args: Parameters<typeof connectTo>) => {
    const connection = await connectTo(...args);
    connections.push(connection);
    return connection;
  };

  beforeAll(async () => {
    // No clock ticks: these prices are an hour old, so staleness windows run out by the wall clock
    // while the test runs, and the changes ticks cause would race the stream against the table.
    f = await feedFixture({}, { RECONCILER_CLOCK_TICK_MS: '0' });
  });
  afterAll(async () => {
    for (const connection of connections) connection.drop();
    await f.close();
  });

  /** Channel events in the log: ingest has taken in everything published. */
  const appended = () =>
    eventually('ingest to append everything published', async () => {
      const log = await f.pipeline.database.admin.query<{ channel: string }>("SELECT count(*) FILTER (WHERE type NOT LIKE 'parity.%') AS channel FROM event_log");
      return Number(log.rows[0]!.channel) === published ? true : undefined;
    });
  /**
   * Store prices that diverge, change and converge again: opened, updated and resolved changes.
   * A round is appended before the next is sent: the events of one append are judged together, so
   * a SKU's 110 and 120 in one append would be one change.
   */
  const traffic = async (rounds: number) => {
    const prices = ['110.00', '120.00', '100.00'];
    for (let round = 0; round < rounds; round++) {
      for (let sku = 0; sku < 5; sku++) {
        tick += 1;
        await f.publish('prices', 'store/WAW-001', { sku: `SKU-S${sku}`, amount: prices[tick % 3]!, currency: 'PLN' }, { time: new Date(base + tick * 1000).toISOString() });
        published += 1;
      }
      await appended();
    }
  };
  const settled = () =>
    eventually('ingest and the reconciler to take in everything published', async () => {
      const db = f.pipeline.database.admin;
      // Channel events only: the reconciler appends clock ticks of its own once a staleness window
      // runs out by the wall clock (these prices are an hour old), and it must have read those too.
      const log = (await db.query<{ channel: string; head: string | null }>("SELECT count(*) FILTER (WHERE type NOT LIKE 'parity.%') AS channel, max(position) AS head FROM event_log")).rows[0]!;
      const done = Number((await db.query<{ p: string | null }>('SELECT min(position) AS p FROM reconciler_checkpoints')).rows[0]!.p ?? 0);
      return Number(log.channel) === published && done >= Number(log.head ?? 0) ? true : undefined;
    });
  const truth = async () =>
    (
      await f.pipeline.database.admin.query<{ finding_id: string; version: number; cloud_event: string }>(
        'SELECT finding_id, version, cloud_event FROM finding_changes ORDER BY seq',
      )
    ).rows.map((row) => ({ findingId: row.finding_id, version: row.version, finding: (JSON.parse(row.cloud_event) as { data: Change['finding'] }).data }));

  it('resumes after a dropped connection with Last-Event-ID: no change lost, none repeated; a filtered stream gets exactly its share', async () => {
    const stream = `${f.base}/api/stream`;
    for (let sku = 0; sku < 5; sku++) {
      await f.publish('prices', 'eshop', { sku: `SKU-S${sku}`, amount: '100.00', currency: 'PLN' }, { time: new Date(base).toISOString() });
      published += 1;
    }
    const first = await connect(stream, f.headers('auditor'));
    const filtered = await connect(`${stream}?sku=SKU-S1,SKU-S3&status=open`, f.headers('pricing'));
    expect([first.status, filtered.status]).toEqual([200, 200]);

    await traffic(3);
    await eventually('the first connection to receive some changes', async () => (first.events.length >= 8 ? true : undefined));
    first.drop();
    await first.ended;
    const beforeDrop = parse(first.events);
    // Changes committed while nobody listens on this connection.
    await traffic(3);
    await settled();
    // The resumed stream must read these from the table: they were committed while it was away.
    const missed = (await truth()).length - beforeDrop.length;
    expect(missed).toBeGreaterThan(5);
    const resumed = await connect(stream, f.headers('auditor'), beforeDrop[beforeDrop.length - 1]!.id);
    await traffic(3);
    await settled();
    const all = await truth();
    expect(all.length).toBeGreaterThan(30);
    expect(new Set(all.map((c) => c.finding.status))).toEqual(new Set(['open', 'resolved']));
    await eventually('the resumed stream to catch up', async () => (beforeDrop.length + resumed.events.length >= all.length ? true : undefined));
    const afterDrop = parse(resumed.events);

    expect(keys([...beforeDrop, ...afterDrop])).toEqual(keys(all));
    expect(new Set([...beforeDrop, ...afterDrop].map((c) => c.id)).size).toBe(all.length);
    expect(afterDrop.every((c) => c.event === c.change && ['opened', 'updated', 'resolved'].includes(c.change))).toBe(true);
    expect(new Set(afterDrop.map((c) => c.change))).toEqual(new Set(['opened', 'updated', 'resolved']));

    const share = all.filter((c) => ['SKU-S1', 'SKU-S3'].includes(c.finding.sku ?? '') && c.finding.status === 'open');
    await eventually('the filtered stream to catch up', async () => (filtered.events.length >= share.length ? true : undefined));
    expect(share.length).toBeGreaterThan(0);
    expect(keys(parse(filtered.events))).toEqual(keys(share));
    for (const connection of [resumed, filtered] as EventStreamConnection[]) connection.drop();
  });

  it('does not skip a change whose transaction took its seq first and committed last', async () => {
    const db = f.pipeline.database.admin;
    const listener = await connect(`${f.base}/api/stream?sku=SKU-LATE`, f.headers('ops'));
    const fake = (id: string) => {
      const data = { id, rule: 'price-mismatch', status: 'open', severity: 'low', subject: { kind: 'sku', id: 'SKU-LATE' }, sku: 'SKU-LATE', promotionId: null, policyId: null, category: null, channels: [], impactAt: new Date().toISOString(), detectedAt: new Date().toISOString(), resolvedAt: null, evidence: [], evidenceEvents: [], handling: null, parameters: {}, version: 1 };
      return [id, JSON.stringify({ specversion: '1.0', id: `${id}:1`, source: 'test', type: 'parity.finding.opened.v1', data })];
    };
    const insert = "INSERT INTO finding_changes (finding_id, version, change, log_position, cloud_event) VALUES ($1, 1, 'opened', 0, $2) RETURNING seq";
    const slow = await db.connect();
    try {
      await slow.query('BEGIN');
      const early = await slow.query<{ seq: string }>(insert, fake('late-commit-first-seq'));
      const late = await db.query<{ seq: string }>(insert, fake('late-commit-second-seq'));
      expect(BigInt(early.rows[0]!.seq)).toBeLessThan(BigInt(late.rows[0]!.seq));
      // The committed row waits while the transaction holding the earlier seq runs: sending it
      // now would move the stream past that seq, which would then never be sent.
      await new Promise((done) => setTimeout(done, 600));
      expect(listener.events).toEqual([]);
      await slow.query('COMMIT');
    } finally {
      slow.release();
    }
    await eventually('both changes streamed', async () => (listener.events.length >= 2 ? true : undefined));
    expect(parse(listener.events).map((c) => c.findingId)).toEqual(['late-commit-first-seq', 'late-commit-second-seq']);
    listener.drop();
  });

  it('refuses a Last-Event-ID it never sent and counts live clients', async () => {
    const bad = await fetch(`${f.base}/api/stream`, { headers: { ...f.headers('ops'), 'last-event-id': '17.4' } });
    expect([bad.status, await bad.json()]).toEqual([400, { statusCode: 400, code: 'invalid-last-event-id', reason: expect.stringContaining('sequence number') }]);
    const open = await connect(`${f.base}/api/stream`, f.headers('ops'));
    const gauge = async () => Number(/^parity_feed_live_clients (\d+)/m.exec(await (await fetch(`${f.base}/metrics`, { headers: f.headers('auditor') })).text())?.[1]);
    expect(await gauge()).toBeGreaterThanOrEqual(1);
    open.drop();
    await eventually('the dropped client to be gone', async () => ((await gauge()) === 0 ? true : undefined));
  });
});
