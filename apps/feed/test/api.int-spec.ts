import { verifyLog } from '@parity/event-store';
import { eventually } from '@parity/testing';
import { Pool } from 'pg';
import { feedFixture, FeedFixture, FindingData } from './feed-fixture';
import { iso, publishScenario, ScenarioFindings, scenarioFindings } from './scenario';

const DAY = 24 * 3_600_000;
type Page = { findings: FindingData[]; nextCursor: string | null };
type Counts = { total: number; byRule: Record<string, number>; byChannel: Record<string, number>; byStore: Record<string, number>; byCategory: Record<string, number>; bySeverity: Record<string, number> };
const ids = (findings: readonly FindingData[]) => findings.map((x) => x.id).sort();

describe('feed API on findings made by ingest and the reconciler from contract events', () => {
  let f: FeedFixture;
  let s: ScenarioFindings;
  let all: FindingData[];

  beforeAll(async () => {
    f = await feedFixture();
    await publishScenario(f);
    s = await scenarioFindings(f);
    all = (await f.get<Page>('/api/findings?limit=200')).body.findings;
  });
  afterAll(() => f.close());

  const list = async (query: string) => {
    const response = await f.get<Page>(`/api/findings?limit=200&${query}`);
    expect(response.status).toBe(200);
    return response.body.findings;
  };

  it('filters by status, rule, severity, channel, store, category, SKU and impactAt, alone and combined', async () => {
    const now = Date.now();
    const cases: [string, (x: FindingData) => boolean][] = [
      ['status=open', (x) => x.status === 'open'],
      ['status=resolved', (x) => x.status === 'resolved'],
      ['rule=price-mismatch', (x) => x.rule === 'price-mismatch'],
      ['rule=stock-mismatch,promotion-mismatch', (x) => ['stock-mismatch', 'promotion-mismatch'].includes(x.rule)],
      [`severity=${s.stockC.severity}`, (x) => x.severity === s.stockC.severity],
      ['channel=app', (x) => x.channels.some((c) => c.channel === 'app')],
      ['channel=store/KRK-001,app', (x) => x.channels.some((c) => ['store/KRK-001', 'app'].includes(c.channel))],
      ['store=WAW-012', (x) => x.channels.some((c) => c.channel === 'store/WAW-012')],
      ['category=phones', (x) => x.category === 'phones'],
      ['category=tv', (x) => x.category === 'tv'],
      ['sku=SKU-A,SKU-C', (x) => x.sku === 'SKU-A' || x.sku === 'SKU-C'],
      // A resolved finding is a dead end neither now nor ahead, unless status asks for it.
      ['when=now', (x) => Date.parse(x.impactAt) <= now && x.status !== 'resolved'],
      ['when=upcoming', (x) => Date.parse(x.impactAt) > now && x.status !== 'resolved'],
      ['when=now&status=resolved', (x) => Date.parse(x.impactAt) <= now && x.status === 'resolved'],
      [`impactFrom=${iso(DAY)}&impactTo=${iso(7 * DAY)}`, (x) => Date.parse(x.impactAt) >= now + DAY && Date.parse(x.impactAt) < now + 7 * DAY],
      ['store=WAW-012&category=tv&status=open', (x) => x.channels.some((c) => c.channel === 'store/WAW-012') && x.category === 'tv' && x.status === 'open'],
    ];
    for (const [query, predicate] of cases) {
      expect([query, ids(await list(query))]).toEqual([query, ids(all.filter(predicate))]);
    }
    // Not vacuous: the scenario's findings land where they belong.
    expect(ids(await list('when=upcoming'))).toEqual([s.priceB.id]);
    expect(ids(await list('category=phones'))).toEqual([s.priceB.id]);
    expect(ids(await list('store=WAW-012'))).toEqual(expect.arrayContaining([s.priceA.id, s.promotion.id, s.returns.id]));
    expect(ids(await list('store=WAW-012'))).not.toContain(s.stockC.id);
    expect(ids(await list('store=KRK-001&rule=stock-mismatch'))).toEqual([s.stockC.id]);
    expect(ids(await list('sku=SKU-A&rule=price-mismatch'))).toEqual([s.priceA.id]);
    expect(ids(await list('when=now&rule=price-mismatch'))).toEqual([s.priceA.id]);
  });

  it('sorts and pages by cursor through every finding once, in order', async () => {
    for (const [sort, key] of [
      ['impactAt', (x: FindingData) => Date.parse(x.impactAt)],
      ['-impactAt', (x: FindingData) => -Date.parse(x.impactAt)],
      ['-severity', (x: FindingData) => -['low', 'medium', 'high', 'critical'].indexOf(x.severity)],
    ] as const) {
      const seen: FindingData[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Page = (await f.get<Page>(`/api/findings?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)).body;
        seen.push(...page.findings);
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor);
      expect(pages).toBe(Math.ceil(all.length / 2));
      expect(ids(seen)).toEqual(ids(all));
      const keys = seen.map(key);
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
    }
    const bySeverity = await list('sort=-severity');
    expect(bySeverity[0]!.severity).toBe('critical');
  });

  it('counts by rule, channel, store, category and severity, under the same filters', async () => {
    const tally = (findings: readonly FindingData[], keys: (x: FindingData) => (string | null)[]) => {
      const counts: Record<string, number> = {};
      for (const x of findings) for (const k of new Set(keys(x))) if (k !== null) counts[k] = (counts[k] ?? 0) + 1;
      return counts;
    };
    const expected = (findings: FindingData[]): Counts => ({
      total: findings.length,
      byRule: tally(findings, (x) => [x.rule]),
      byChannel: tally(findings, (x) => x.channels.map((c) => c.channel)),
      byStore: tally(findings, (x) => x.channels.filter((c) => c.channel.startsWith('store/')).map((c) => c.channel.slice(6))),
      byCategory: tally(findings, (x) => [x.category]),
      bySeverity: tally(findings, (x) => [x.severity]),
    });
    expect((await f.get<Counts>('/api/findings/counts')).body).toEqual(expected(all));
    const open = await f.get<Counts>('/api/findings/counts?status=open&category=tv');
    expect(open.body).toEqual(expected(all.filter((x) => x.status === 'open' && x.category === 'tv')));
    expect(open.body.byStore['WAW-012']).toBeGreaterThanOrEqual(2);
    expect(open.body.byRule['stock-mismatch']).toBe(1);
  });

  it('shows one finding in full: channel values, parameters, evidence events, history', async () => {
    const detail = await f.get<{ finding: FindingData & { parameters: Record<string, unknown>; evidence: string[]; evidenceEvents: { source: string; id: string }[] }; evidence: { source: string; id: string; type: string; data: Record<string, unknown> }[]; history: { version: number; change: string; status: string }[]; actions: unknown[] }>(
      `/api/findings/${s.priceA.id}`,
      'auditor',
    );
    expect(detail.status).toBe(200);
    expect(detail.body.finding).toMatchObject({ id: s.priceA.id, rule: 'price-mismatch', sku: 'SKU-A', category: 'tv' });
    expect(detail.body.finding.channels).toEqual([
      { channel: 'eshop', value: '129.99 PLN' },
      { channel: 'store/WAW-012', value: '139.99 PLN' },
    ]);
    expect(detail.body.finding.parameters).toMatchObject({ referenceChannel: 'eshop', differencePercent: 7.69 });
    // The finding names its evidence by id (the contract) and by source and id; the detail lists the events.
    expect(detail.body.finding.evidence).toEqual(detail.body.evidence.map((e) => e.id));
    expect(detail.body.finding.evidenceEvents).toEqual(detail.body.evidence.map((e) => ({ source: e.source, id: e.id })));
    expect(detail.body.evidence.map((e) => [e.source, e.type, e.data['amount']])).toEqual([
      ['eshop', 'retail.price.set.v1', '129.99'],
      ['store/WAW-012', 'retail.price.set.v1', '139.99'],
    ]);
    expect(detail.body.history[0]).toMatchObject({ version: 1, change: 'opened', status: 'open' });
    expect(detail.body.actions).toEqual([]);
    // An id in upper case is the same finding.
    expect(await f.get(`/api/findings/${s.priceA.id.toUpperCase()}`, 'auditor')).toEqual(detail);
  });

  it('records acknowledge, assign, suppress and reopen in the log with who and when; the reconciler applies them', async () => {
    const statusOf = (id: string, status: string) =>
      eventually(`${id} to be ${status}`, async () => {
        const detail = await f.get<{ finding: FindingData & { handling: { by: string; at: string; assignee: string | null; reason: string | null; until: string | null } } }>(`/api/findings/${id}`);
        return detail.body.finding.status === status ? detail.body.finding : undefined;
      });
    const id = s.priceA.id;
    const before = Date.now();
    const ack = await f.post<{ action: { id: string; type: string; by: string; at: string; logPosition: number } }>(`/api/findings/${id}/acknowledge`, {});
    expect(ack.status).toBe(202);
    expect(ack.body.action).toMatchObject({ type: 'parity.finding.acknowledged.v1', by: 'ops-tester' });
    const acknowledged = await statusOf(id, 'acknowledged');
    expect(acknowledged.handling.by).toBe('ops-tester');
    // The answer's time is the log's, the one the reconciler applied the action at.
    expect(acknowledged.handling.at).toBe(ack.body.action.at);
    expect(Date.parse(acknowledged.handling.at)).toBeGreaterThanOrEqual(before - 1000);
    expect((await f.post(`/api/findings/${id}/acknowledge`, {})).body).toMatchObject({ code: 'already-acknowledged' });

    expect((await f.post(`/api/findings/${id}/assign`, { assignee: 'pricing-team' })).status).toBe(202);
    await eventually('the assignee', async () => ((await f.get<{ finding: FindingData & { handling: { assignee: string } } }>(`/api/findings/${id}`)).body.finding.handling.assignee === 'pricing-team' ? true : undefined));
    expect((await f.post(`/api/findings/${id}/assign`, { assignee: 'pricing-team' })).body).toMatchObject({ statusCode: 409, code: 'already-assigned' });

    expect((await f.post(`/api/findings/${id}/suppress`, { reason: 'relabelling tonight' })).body).toMatchObject({ code: 'missing-field', reason: expect.stringContaining('until') });
    expect((await f.post(`/api/findings/${id}/suppress`, { until: iso(DAY) })).body).toMatchObject({ code: 'missing-field', reason: expect.stringContaining('reason') });
    expect((await f.post(`/api/findings/${id}/suppress`, { reason: 'late', until: iso(-DAY) })).body).toMatchObject({ statusCode: 422, code: 'suppression-expiry-not-in-future' });
    const until = iso(DAY);
    expect((await f.post(`/api/findings/${id}/suppress`, { reason: 'relabelling tonight', until })).status).toBe(202);
    const suppressed = await statusOf(id, 'suppressed');
    expect(suppressed.handling).toMatchObject({ by: 'ops-tester', reason: 'relabelling tonight', until: new Date(Date.parse(until)).toISOString(), assignee: 'pricing-team' });
    expect((await f.post(`/api/findings/${id}/suppress`, { reason: 'relabelling tonight', until })).body).toMatchObject({ statusCode: 409, code: 'already-suppressed' });

    expect((await f.post(`/api/findings/${id}/reopen`, {})).status).toBe(202);
    await statusOf(id, 'open');

    const detail = await f.get<{ history: { version: number; change: string; status: string }[]; actions: { source: string; type: string; data: { by: string; role: string } }[] }>(`/api/findings/${id}`);
    expect(detail.body.actions.map((a) => [a.source, a.type.replace('parity.finding.', ''), a.data.by, a.data.role])).toEqual([
      ['parity/feed', 'acknowledged.v1', 'ops-tester', 'ops'],
      ['parity/feed', 'assigned.v1', 'ops-tester', 'ops'],
      ['parity/feed', 'suppressed.v1', 'ops-tester', 'ops'],
      ['parity/feed', 'reopened.v1', 'ops-tester', 'ops'],
    ]);
    expect(detail.body.history.map((h) => h.status)).toEqual(['open', 'acknowledged', 'acknowledged', 'suppressed', 'open']);
    // Appended on the hash chain like any channel event.
    const pool = new Pool({ connectionString: f.pipeline.database.url, max: 1 });
    try {
      expect(await verifyLog(pool)).toMatchObject({ ok: true });
    } finally {
      await pool.end();
    }
  });

  it('refuses an action on a resolved finding, after the channels converge', async () => {
    await f.publish('stock', 'store/KRK-001', { sku: 'SKU-C', location: 'store/KRK-001', available: 4 });
    await eventually('the stock mismatch resolved', async () => ((await f.get<{ finding: FindingData }>(`/api/findings/${s.stockC.id}`)).body.finding.status === 'resolved' ? true : undefined));
    const refused = await f.post(`/api/findings/${s.stockC.id}/acknowledge`, {});
    expect(refused).toEqual({ status: 409, body: { statusCode: 409, code: 'finding-resolved', reason: expect.stringContaining('resolved') } });
    expect(ids(await list('status=resolved&rule=stock-mismatch'))).toContain(s.stockC.id);
  });

  it('accepts one of identical actions sent at once (a double click) and refuses the others as a repeat', async () => {
    const id = s.returns.id;
    const N = 5;
    type Detail = { actions: { type: string }[]; history: { change: string }[] };
    const changesBefore = (await f.get<Detail>(`/api/findings/${id}`)).body.history.length;
    const all = (path: string, body: unknown) => Promise.all(Array.from({ length: N }, () => f.post<{ code?: string }>(`/api/findings/${id}/${path}`, body)));
    const acks = await all('acknowledge', {});
    expect(acks.map((r) => r.status).sort()).toEqual([202, ...Array<number>(N - 1).fill(409)]);
    expect(acks.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array<string>(N - 1).fill('already-acknowledged'));
    // Sent before the reconciler applied the acknowledgement: still decided against the log.
    const assigns = await all('assign', { assignee: 'team-x' });
    expect(assigns.map((r) => r.status).sort()).toEqual([202, ...Array<number>(N - 1).fill(409)]);
    expect(assigns.filter((r) => r.status === 409).map((r) => r.body.code)).toEqual(Array<string>(N - 1).fill('already-assigned'));

    const finding = await eventually('the assignee', async () => {
      const detail = (await f.get<{ finding: FindingData & { handling: { assignee: string | null } | null } }>(`/api/findings/${id}`)).body.finding;
      return detail.handling?.assignee === 'team-x' ? detail : undefined;
    });
    expect(finding.status).toBe('acknowledged');
    const detail = await f.get<Detail>(`/api/findings/${id}`);
    expect(detail.body.actions.map((a) => a.type)).toEqual(['parity.finding.acknowledged.v1', 'parity.finding.assigned.v1']);
    expect(detail.body.history.slice(changesBefore).map((h) => h.change)).toEqual(['updated', 'updated']);
  });

  it('draws a SKU timeline: each channel over time, and when its findings were open', async () => {
    type Timeline = { sku: string; category: string; lanes: { channel: string; entries: { kind: string; value: string; at: string }[] }[]; findings: { id: string; rule: string; intervals: { from: string; to: string | null }[] }[] };
    const a = (await f.get<Timeline>('/api/skus/SKU-A/timeline', 'pricing')).body;
    expect(a.category).toBe('tv');
    const lane = (t: Timeline, channel: string) => t.lanes.find((l) => l.channel === channel)?.entries.map((e) => [e.kind, e.value]);
    expect(lane(a, 'eshop')).toEqual([
      ['catalog', 'TV A in tv'],
      ['returns-policy', 'RET-E: 30 days, receipt required, refund original-payment'],
      ['price', '129.99 PLN'],
      ['promotion', expect.stringMatching(/^BF-A runs: 20% off/)],
    ]);
    expect(lane(a, 'store/WAW-012')).toEqual([
      ['returns-policy', 'RET-S: 14 days, receipt required, refund original-payment'],
      ['price', '139.99 PLN'],
    ]);
    expect(a.findings.find((x) => x.id === s.priceA.id)?.intervals).toEqual([{ from: expect.any(String), to: null }]);

    const c = (await f.get<Timeline>('/api/skus/SKU-C/timeline')).body;
    expect(lane(c, 'store/KRK-001')?.filter(([kind]) => kind === 'stock')).toEqual([
      ['stock', '0 at store/KRK-001 (in-store)'],
      ['stock', '4 at store/KRK-001 (in-store)'],
    ]);
    const stock = c.findings.find((x) => x.id === s.stockC.id)!;
    expect(stock.intervals).toHaveLength(1);
    expect(Date.parse(stock.intervals[0]!.to!)).toBeGreaterThan(Date.parse(stock.intervals[0]!.from));

    const windowed = (await f.get<Timeline>(`/api/skus/SKU-A/timeline?from=${iso(-90 * 60_000)}&to=${iso(0)}`)).body;
    expect(windowed.lanes.flatMap((l) => l.entries.map((e) => e.kind)).sort()).toEqual(['price', 'promotion']);
    expect((await f.get<Timeline>('/api/skus/NOPE/timeline')).body).toMatchObject({ sku: 'NOPE', lanes: [], findings: [] });
  });

  it('serves its OpenAPI document, generated from the routes', async () => {
    const docs = await f.get<{ paths: Record<string, Record<string, { parameters?: { name: string }[] }>> }>('/docs/json', 'auditor');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/findings', '/api/findings/counts', '/api/findings/{id}', '/api/findings/{id}/suppress', '/api/skus/{sku}/timeline', '/api/stream']),
    );
    expect(docs.body.paths['/api/findings']!['get']!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['status', 'rule', 'severity', 'channel', 'store', 'category', 'sku', 'when', 'impactFrom', 'impactTo', 'sort', 'limit', 'cursor']),
    );
    const ui = await fetch(`${f.base}/docs`, { headers: f.headers('auditor') });
    expect(await ui.text()).toContain('swagger');
  });
});
