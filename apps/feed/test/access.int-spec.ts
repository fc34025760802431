import { JwtService } from '@nestjs/jwt';
import { Role, ROLES } from '@parity/auth';
import { eventually } from '@parity/testing';
import { API_KEYS, AUTH_SECRET, feedFixture, FeedFixture, FindingData } from './feed-fixture';
import { iso } from './scenario';

type Caller = 'anonymous' | 'forged' | 'expired' | Role;
const CALLERS: Caller[] = ['anonymous', 'forged', 'expired', ...ROLES];
const READERS: Role[] = ['ops', 'pricing', 'auditor', 'admin'];
const OPERATORS: Role[] = ['ops', 'admin'];

const forged = new JwtService({ secret: 'not-the-feed-secret-0123456789abcdefgh' }).sign({ role: 'admin' }, { subject: 'mallory', issuer: 'parity', expiresIn: 600 });
const expired = new JwtService({ secret: AUTH_SECRET }).sign({ role: 'admin', exp: Math.floor(Date.now() / 1000) - 60 }, { subject: 'bob', issuer: 'parity' });

interface Route {
  readonly method: 'GET' | 'POST' | 'DELETE';
  readonly path: string;
  /** undefined: open to anyone (probes, the dashboard's static page, sign-in). */
  readonly allowed: readonly Role[] | undefined;
  readonly ok: number;
  readonly body?: unknown;
}

describe('authorization: every route, every kind of caller', () => {
  let f: FeedFixture;
  let finding: FindingData;

  beforeAll(async () => {
    f = await feedFixture({ FEED_SIGN_IN_LIMIT_PER_MINUTE: '100' });
    await f.publish('prices', 'eshop', { sku: 'SKU-Z', amount: '10.00', currency: 'PLN' }, { time: iso(-7_200_000) });
    await f.publish('prices', 'store/WAW-001', { sku: 'SKU-Z', amount: '12.00', currency: 'PLN' }, { time: iso(-3_600_000) });
    finding = await f.finding('the SKU-Z price mismatch', 'sku=SKU-Z', (x) => x.rule === 'price-mismatch');
  });
  afterAll(() => f.close());

  const headersOf = (caller: Caller): Record<string, string> => {
    switch (caller) {
      case 'anonymous':
        return {};
      case 'forged':
        return { authorization: `Bearer ${forged}` };
      case 'expired':
        return { authorization: `Bearer ${expired}` };
      default:
        return f.headers(caller);
    }
  };

  /** Status (and error code) of one call; a stream is read up to its headers, then dropped. */
  const call = async (route: Route, caller: Caller, extra: Record<string, string> = {}) => {
    const abort = new AbortController();
    const response = await fetch(`${f.base}${route.path}`, {
      method: route.method,
      headers: { ...headersOf(caller), ...extra, ...(route.body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: route.body === undefined ? undefined : JSON.stringify(route.body),
      signal: abort.signal,
    });
    let code: string | undefined;
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) abort.abort();
    else {
      const text = await response.text();
      if (response.status >= 400) code = (JSON.parse(text) as { code: string }).code;
    }
    return { status: response.status, code };
  };

  const expectation = (route: Route, caller: Caller) => {
    if (route.allowed === undefined) return { status: route.ok, code: undefined };
    if (caller === 'anonymous') return { status: 401, code: 'credential-missing' };
    if (caller === 'forged') return { status: 401, code: 'token-invalid' };
    if (caller === 'expired') return { status: 401, code: 'token-expired' };
    return route.allowed.includes(caller) ? { status: route.ok, code: undefined } : { status: 403, code: 'role-not-allowed' };
  };

  it('reads: 401 without a good credential, 200 for every reader role, open probes and static page', async () => {
    const id = finding.id;
    const routes: Route[] = [
      { method: 'GET', path: '/api/findings', allowed: READERS, ok: 200 },
      { method: 'GET', path: '/api/findings/counts', allowed: READERS, ok: 200 },
      { method: 'GET', path: `/api/findings/${id}`, allowed: READERS, ok: 200 },
      { method: 'GET', path: '/api/skus/SKU-Z/timeline', allowed: READERS, ok: 200 },
      { method: 'GET', path: '/api/stream', allowed: READERS, ok: 200 },
      { method: 'GET', path: '/api/session', allowed: READERS, ok: 200 },
      { method: 'DELETE', path: '/api/session', allowed: READERS, ok: 204 },
      { method: 'GET', path: '/metrics', allowed: READERS, ok: 200 },
      { method: 'GET', path: '/docs', allowed: READERS, ok: 200 },
      { method: 'GET', path: '/docs/json', allowed: READERS, ok: 200 },
      { method: 'POST', path: '/api/session', allowed: undefined, ok: 200, body: { credential: API_KEYS.auditor } },
      { method: 'GET', path: '/health', allowed: undefined, ok: 200 },
      { method: 'GET', path: '/health/live', allowed: undefined, ok: 200 },
      { method: 'GET', path: '/', allowed: undefined, ok: 200 },
      { method: 'GET', path: '/dashboard.js', allowed: undefined, ok: 200 },
      { method: 'GET', path: '/dashboard.css', allowed: undefined, ok: 200 },
    ];
    const seen: string[] = [];
    for (const route of routes) {
      for (const caller of CALLERS) {
        const got = await call(route, caller);
        seen.push(`${route.method} ${route.path} ${caller} ${got.status}`);
        expect([route.method, route.path, caller, got]).toEqual([route.method, route.path, caller, expectation(route, caller)]);
      }
    }
    expect(seen).toHaveLength(routes.length * CALLERS.length);
  });

  it('writes: only ops and admin act, each action taking effect; the auditor and pricing succeed at none', async () => {
    const id = finding.id;
    const statusIs = (status: string) =>
      eventually(`the finding to be ${status}`, async () => ((await f.get<{ finding: FindingData }>(`/api/findings/${id}`)).body.finding.status === status ? true : undefined));
    const route = (action: string, body: unknown = {}): Route => ({ method: 'POST', path: `/api/findings/${id}/${action}`, allowed: OPERATORS, ok: 202, body });
    const suppress = route('suppress', { reason: 'checked with the store', until: iso(86_400_000) });
    const writes = [route('acknowledge'), route('assign', { assignee: 'team-a' }), suppress, route('reopen')];
    // Everyone who must not write is refused before anything happens.
    for (const write of writes) {
      for (const caller of CALLERS.filter((c) => !OPERATORS.includes(c as Role))) {
        expect([write.path, caller, await call(write, caller)]).toEqual([write.path, caller, expectation(write, caller)]);
      }
    }
    // Each allowed role succeeds at each action, in an order where each applies.
    const steps: [Route, Role, string | undefined][] = [
      [route('acknowledge'), 'ops', 'acknowledged'],
      [route('reopen'), 'ops', 'open'],
      [route('acknowledge'), 'admin', 'acknowledged'],
      [route('reopen'), 'admin', 'open'],
      [route('assign', { assignee: 'team-a' }), 'ops', undefined],
      [route('assign', { assignee: 'team-b' }), 'admin', undefined],
      [suppress, 'ops', 'suppressed'],
      // A suppression that changes nothing is refused (already-suppressed): admin's changes the reason.
      [route('suppress', { reason: 'checked again with the store manager', until: iso(86_400_000) }), 'admin', undefined],
    ];
    for (const [write, caller, then] of steps) {
      expect([write.path, caller, await call(write, caller)]).toEqual([write.path, caller, { status: 202, code: undefined }]);
      if (then) await statusIs(then);
    }
    const actions = await f.pipeline.database.admin.query<{ by: string; role: string }>(
      "SELECT data->>'by' AS by, data->>'role' AS role FROM event_log WHERE source = 'parity/feed' ORDER BY position",
    );
    expect(actions.rows.map((row) => row.role)).toEqual(['ops', 'ops', 'admin', 'admin', 'ops', 'admin', 'ops', 'admin']);
  });

  it('the feed will not start without PARITY_AUTH_SECRET, and says so', async () => {
    const unconfigured = f.pipeline.start('feed', { PARITY_AUTH_SECRET: '', FEED_HTTP_PORT: '0' });
    expect(await unconfigured.exited).toBe(1);
    expect(unconfigured.output()).toContain('feed failed to start: configuration: PARITY_AUTH_SECRET: is not set');
  });

  it('nothing in the API changes or deletes the log: no such route exists, for admin either', async () => {
    for (const method of ['DELETE', 'PUT', 'PATCH']) {
      for (const path of [`/api/findings/${finding.id}`, '/api/events', '/api/log']) {
        const response = await fetch(`${f.base}${path}`, { method, headers: f.headers('admin') });
        expect([method, path, response.status]).toEqual([method, path, 404]);
      }
    }
    const docs = await f.get<{ paths: Record<string, Record<string, unknown>> }>('/docs/json', 'admin');
    const methods = new Set(Object.values(docs.body.paths).flatMap((operations) => Object.keys(operations)));
    expect([...methods].sort()).toEqual(['delete', 'get', 'post']);
    expect(Object.entries(docs.body.paths).filter(([, operations]) => 'delete' in operations).map(([path]) => path)).toEqual(['/api/session']);
  });

  it('accepts API keys (X-API-Key or bearer) and a signed-in browser session cookie, with their roles', async () => {
    const findings = { method: 'GET', path: '/api/findings', allowed: READERS, ok: 200 } as const;
    const acknowledge: Route = { method: 'POST', path: `/api/findings/${finding.id}/acknowledge`, allowed: OPERATORS, ok: 202, body: {} };
    expect(await call(findings, 'anonymous', { 'x-api-key': API_KEYS.auditor })).toEqual({ status: 200, code: undefined });
    expect(await call(acknowledge, 'anonymous', { 'x-api-key': API_KEYS.auditor })).toEqual({ status: 403, code: 'role-not-allowed' });
    expect(await call(acknowledge, 'anonymous', { 'x-api-key': API_KEYS.pricing })).toEqual({ status: 403, code: 'role-not-allowed' });
    expect(await call(findings, 'anonymous', { authorization: `Bearer ${API_KEYS.ops}` })).toEqual({ status: 200, code: undefined });
    expect(await call(findings, 'anonymous', { 'x-api-key': 'guessed-key-0123456789abc' })).toEqual({ status: 401, code: 'api-key-unknown' });

    const signIn = await fetch(`${f.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential: API_KEYS.auditor }) });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^parity_credential=.+; Max-Age=\d+; Path=\/; Expires=.+; HttpOnly; SameSite=Strict$/);
    const session = { cookie: cookie.split(';')[0]! };
    expect(await call(findings, 'anonymous', session)).toEqual({ status: 200, code: undefined });
    expect(await call(acknowledge, 'anonymous', session)).toEqual({ status: 403, code: 'role-not-allowed' });
    const refused = await fetch(`${f.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential: forged }) });
    expect([refused.status, refused.headers.get('set-cookie'), ((await refused.json()) as { code: string }).code]).toEqual([401, null, 'token-invalid']);
  });

  it('a sign-in keeps a session of its own in the cookie, never the key; sign-out ends it on the server', async () => {
    const whoAmI = { method: 'GET', path: '/api/session', allowed: READERS, ok: 200 } as const;
    const signIn = await fetch(`${f.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential: API_KEYS.ops }) });
    expect(await signIn.json()).toEqual({ name: 'ops-bot', role: 'ops', via: 'api-key' });
    const setCookie = signIn.headers.get('set-cookie') ?? '';
    // 8 hours, less the part of a second the sign-in took.
    expect(setCookie).toMatch(/; Max-Age=(28799|28800); Path=\/; Expires=.+; HttpOnly; SameSite=Strict$/);
    const value = decodeURIComponent(setCookie.split(';')[0]!.slice('parity_credential='.length));
    expect(value).not.toContain(API_KEYS.ops);
    expect(Buffer.from(value.split('.')[1] ?? '', 'base64url').toString()).not.toContain(API_KEYS.ops);
    const session = { cookie: setCookie.split(';')[0]! };
    expect(await call(whoAmI, 'anonymous', session)).toEqual({ status: 200, code: undefined });
    // The session is a cookie only: as a bearer credential it is refused.
    expect(await call(whoAmI, 'anonymous', { authorization: `Bearer ${value}` })).toEqual({ status: 401, code: 'token-invalid' });

    const signOut = await fetch(`${f.base}/api/session`, { method: 'DELETE', headers: session });
    expect(signOut.status).toBe(204);
    expect(signOut.headers.get('set-cookie')).toMatch(/^parity_credential=; Path=\/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Strict$/);
    expect(await call(whoAmI, 'anonymous', session)).toEqual({ status: 401, code: 'session-ended' });
    expect(await call({ method: 'GET', path: '/api/findings', allowed: READERS, ok: 200 }, 'anonymous', session)).toEqual({ status: 401, code: 'session-ended' });
    // The key itself, and a new sign-in with it, still work.
    expect(await call(whoAmI, 'anonymous', { 'x-api-key': API_KEYS.ops })).toEqual({ status: 200, code: undefined });
    const again = await fetch(`${f.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ credential: API_KEYS.ops }) });
    expect(await call(whoAmI, 'anonymous', { cookie: (again.headers.get('set-cookie') ?? '').split(';')[0]! })).toEqual({ status: 200, code: undefined });
    // A cookie that holds a key (as the feed once set) is no session.
    expect(await call(whoAmI, 'anonymous', { cookie: `parity_credential=${API_KEYS.ops}` })).toEqual({ status: 401, code: 'session-invalid' });
  });
});
