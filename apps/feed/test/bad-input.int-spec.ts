import { connect } from 'node:net';
import { feedFixture, FeedFixture, FindingData } from './feed-fixture';
import { iso } from './scenario';

interface Refusal {
  readonly what: string;
  readonly method?: string;
  readonly path: string;
  readonly body?: string;
  readonly headers?: Record<string, string>;
  readonly status: number;
  readonly code: string;
}

describe('bad input: a 4xx with a code and a reason, and the feed unharmed', () => {
  let f: FeedFixture;
  let finding: FindingData;

  beforeAll(async () => {
    f = await feedFixture({ FEED_SIGN_IN_LIMIT_PER_MINUTE: '3' });
    await f.publish('prices', 'eshop', { sku: 'SKU-X', amount: '10.00', currency: 'PLN' }, { time: iso(-7_200_000) });
    await f.publish('prices', 'app', { sku: 'SKU-X', amount: '11.00', currency: 'PLN' }, { time: iso(-3_600_000) });
    finding = await f.finding('the SKU-X price mismatch', 'sku=SKU-X', (x) => x.rule === 'price-mismatch');
  });
  afterAll(() => f.close());

  it('refuses every kind of invalid request with its own code and a reason', async () => {
    const id = finding.id;
    const json = { 'content-type': 'application/json' };
    const refusals: Refusal[] = [
      { what: 'an unknown parameter', path: '/api/findings?colour=red', status: 400, code: 'unknown-parameter' },
      { what: 'a status that does not exist', path: '/api/findings?status=broken', status: 400, code: 'invalid-parameter' },
      { what: 'a parameter given twice', path: '/api/findings?status=open&status=resolved', status: 400, code: 'invalid-parameter' },
      { what: 'a time that is not RFC 3339', path: '/api/findings?impactFrom=yesterday', status: 400, code: 'invalid-parameter' },
      { what: 'a time PostgreSQL cannot hold', path: '/api/findings?impactFrom=0000-01-01T00:00:00Z', status: 400, code: 'invalid-parameter' },
      { what: 'an inverted impact window', path: `/api/findings/counts?impactFrom=${iso(1000)}&impactTo=${iso(0)}`, status: 400, code: 'invalid-range' },
      { what: 'a page size out of range', path: '/api/findings?limit=5000', status: 400, code: 'invalid-parameter' },
      { what: 'a sort that does not exist', path: '/api/findings?sort=price', status: 400, code: 'invalid-parameter' },
      { what: 'a NUL character in a SKU filter', path: '/api/findings?sku=%00', status: 400, code: 'unstorable-text' },
      { what: 'a NUL character in a channel filter', path: '/api/findings?channel=eshop%00', status: 400, code: 'unstorable-text' },
      { what: 'a NUL character in a counts filter', path: '/api/findings/counts?store=%00', status: 400, code: 'unstorable-text' },
      { what: 'a NUL character in a SKU path', path: '/api/skus/%00/timeline', status: 400, code: 'unstorable-text' },
      { what: 'a NUL character in a status filter', path: '/api/findings?status=open%00', status: 400, code: 'unstorable-text' },
      { what: 'an encoded surrogate in a filter', path: '/api/findings?sku=%ED%A0%80', status: 400, code: 'invalid-query-encoding' },
      { what: 'a cut escape in a stream filter', path: '/api/stream?sku=SKU-%E0%A4%A', status: 400, code: 'invalid-query-encoding' },
      { what: "a parameter on a finding's page", path: `/api/findings/${id}?expand=all`, status: 400, code: 'unknown-parameter' },
      { what: 'a parameter on an action', method: 'POST', path: `/api/findings/${id}/assign?dryRun=true`, body: '{"assignee":"dry-run-team"}', headers: json, status: 400, code: 'unknown-parameter' },
      { what: 'a forged cursor', path: '/api/findings?cursor=eyJub3BlIjp0cnVlfQ', status: 400, code: 'invalid-cursor' },
      { what: 'an edited cursor', path: `/api/findings?sort=severity&cursor=${Buffer.from(JSON.stringify(['severity', 1e308, id])).toString('base64url')}`, status: 400, code: 'invalid-cursor' },
      { what: 'a malformed finding id', path: "/api/findings/1'%20OR%201=1", status: 400, code: 'invalid-finding-id' },
      { what: 'a finding that does not exist', path: `/api/findings/${'0'.repeat(32)}`, status: 404, code: 'finding-not-found' },
      { what: 'a SKU with a space', path: '/api/skus/SKU%20X/timeline', status: 400, code: 'invalid-sku' },
      { what: 'a timeline window that is not a time', path: '/api/skus/SKU-X/timeline?from=soon', status: 400, code: 'invalid-parameter' },
      { what: 'a stream filter that does not exist', path: '/api/stream?severity=urgent', status: 400, code: 'invalid-parameter' },
      { what: 'a Last-Event-ID the stream never sent', path: '/api/stream', headers: { 'last-event-id': 'abc' }, status: 400, code: 'invalid-last-event-id' },
      { what: 'a body that is not JSON', method: 'POST', path: `/api/findings/${id}/assign`, body: '{"assignee": ', headers: json, status: 400, code: 'invalid-json' },
      { what: 'a body that is JSON but no object', method: 'POST', path: `/api/findings/${id}/acknowledge`, body: 'null', headers: json, status: 400, code: 'invalid-body' },
      { what: 'a body that is a JSON number', method: 'POST', path: `/api/findings/${id}/assign`, body: '3', headers: json, status: 400, code: 'invalid-body' },
      { what: 'a body that is not JSON at all', method: 'POST', path: `/api/findings/${id}/assign`, body: 'assignee=me', headers: { 'content-type': 'text/plain' }, status: 415, code: 'unsupported-media-type' },
      { what: 'a body over the size limit', method: 'POST', path: `/api/findings/${id}/assign`, body: JSON.stringify({ assignee: 'x'.repeat(20_000) }), headers: json, status: 413, code: 'body-too-large' },
      { what: 'an unknown body field', method: 'POST', path: `/api/findings/${id}/acknowledge`, body: '{"status":"resolved"}', headers: json, status: 400, code: 'unknown-field' },
      { what: 'an assignment to nobody', method: 'POST', path: `/api/findings/${id}/assign`, body: '{"assignee":"   "}', headers: json, status: 400, code: 'invalid-field' },
      { what: 'a suppression without an expiry', method: 'POST', path: `/api/findings/${id}/suppress`, body: '{"reason":"known"}', headers: json, status: 400, code: 'missing-field' },
      { what: 'a suppression until a non-time', method: 'POST', path: `/api/findings/${id}/suppress`, body: '{"reason":"known","until":"next week"}', headers: json, status: 400, code: 'invalid-field' },
      { what: 'a NUL character in the reason', method: 'POST', path: `/api/findings/${id}/suppress`, body: JSON.stringify({ reason: 'kno\u0000wn', until: iso(86_400_000) }), headers: json, status: 400, code: 'unstorable-text' },
      { what: 'a suppression for years', method: 'POST', path: `/api/findings/${id}/suppress`, body: JSON.stringify({ reason: 'known', until: iso(5 * 366 * 86_400_000) }), headers: json, status: 422, code: 'suppression-too-long' },
      { what: 'reopening an open finding', method: 'POST', path: `/api/findings/${id}/reopen`, body: '{}', headers: json, status: 409, code: 'already-open' },
      { what: 'a route that does not exist', path: '/api/findngs', status: 404, code: 'route-not-found' },
      { what: 'a path with a broken percent-encoding', path: '/api/skus/SKU-%E0%A4%A/timeline', status: 400, code: 'invalid-path-encoding' },
      { what: 'a path with a lone surrogate', path: '/api/skus/%ed%a0%80/timeline', status: 400, code: 'invalid-path-encoding' },
      { what: 'a sign-in without a credential', method: 'POST', path: '/api/session', body: '{}', headers: json, status: 400, code: 'missing-field' },
    ];
    for (const refusal of refusals) {
      const response = await fetch(`${f.base}${refusal.path}`, { method: refusal.method ?? 'GET', headers: { ...f.headers('ops'), ...refusal.headers }, body: refusal.body });
      const body = (await response.json()) as { statusCode: number; code: string; reason: string };
      expect([refusal.what, response.status, body.code]).toEqual([refusal.what, refusal.status, refusal.code]);
      expect([refusal.what, body.statusCode, typeof body.reason, body.reason.length > 10]).toEqual([refusal.what, refusal.status, 'string', true]);
    }
    expect(new Set(refusals.map((r) => r.code)).size).toBeGreaterThanOrEqual(15);
  });

  it("answers a Last-Event-ID that Node's parser refuses (a control character) with a JSON 400, not a bare one", async () => {
    const url = new URL(f.base);
    const response = await new Promise<string>((resolve, reject) => {
      // fetch refuses to send such a header: the request goes out as raw bytes (refused before any credential is read).
      const socket = connect(Number(url.port), url.hostname, () => socket.write(`GET /api/stream HTTP/1.1\r\nHost: ${url.host}\r\nLast-Event-ID: 12\u000734\r\n\r\n`));
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString()));
      socket.on('error', reject);
      socket.on('close', () => resolve(received));
    });
    const [head = '', body = ''] = response.split('\r\n\r\n');
    expect(head).toMatch(/^HTTP\/1\.1 400 Bad Request\r\nContent-Type: application\/json/);
    expect(JSON.parse(body)).toEqual({ statusCode: 400, code: 'bad-request', reason: 'the request is not valid HTTP: Invalid header value char' });
  });

  it('names the offending parameter in the reason', async () => {
    const reason = async (path: string) => ((await f.get<{ reason: string }>(path)).body).reason;
    expect(await reason('/api/findings?status=broken')).toMatch(/^status: expected comma-separated: open, acknowledged, suppressed, resolved, got "broken"$/);
    expect(await reason('/api/findings?colour=red')).toMatch(/^"colour" is not a parameter of this route; it takes [a-z, ]*status/);
    expect(await reason('/api/findings?status=open&status=resolved')).toBe('status: give it once, as text, got ["open","resolved"]');
    expect(await reason('/api/findings?when=later')).toContain('when: expected now');
  });

  it('treats a hostile but well-formed filter as data', async () => {
    const response = await f.get<{ findings: unknown[] }>(`/api/findings?sku=${encodeURIComponent("SKU-X' OR '1'='1")}`);
    expect(response).toEqual({ status: 200, body: { findings: [], nextCursor: null } });
  });

  it('limits sign-in attempts per minute', async () => {
    const attempt = () => fetch(`${f.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential: 'guess-0123456789abcdef' }) });
    const statuses: number[] = [];
    for (let n = 0; n < 4; n++) statuses.push((await attempt()).status);
    // The limit is 3 a minute here (the refusal test above may have spent one).
    const firstLimited = statuses.indexOf(429);
    expect(firstLimited).toBeGreaterThanOrEqual(2);
    expect(statuses.slice(0, firstLimited).every((s) => s === 401)).toBe(true);
    const limited = await attempt();
    expect([limited.status, ((await limited.json()) as { code: string }).code]).toEqual([429, 'rate-limited']);
    // Other routes have their own, larger budget.
    expect((await f.get('/api/findings')).status).toBe(200);
  });

  it('is unharmed afterwards: healthy, serving, and counting what it refused', async () => {
    expect(f.feed.child.exitCode).toBeNull();
    expect((await fetch(`${f.base}/health`)).status).toBe(200);
    const list = await f.get<{ findings: FindingData[] }>('/api/findings?sku=SKU-X');
    expect(list.body.findings.map((x) => x.id)).toContain(finding.id);
    expect((await f.post(`/api/findings/${finding.id}/acknowledge`, {})).status).toBe(202);
    const metrics = await (await fetch(`${f.base}/metrics`, { headers: f.headers('auditor') })).text();
    expect(metrics).toMatch(/parity_feed_requests_total\{method="GET",route="\/api\/findings",status="400"\} [1-9]/);
    expect(metrics).toMatch(/parity_feed_findings_open\{rule="price-mismatch"\} 1/);
  });
});
