import { eventually } from '@parity/testing';
import { AlertsFixture, alertsFixture, KEYS } from './alerts-fixture';

interface Refusal {
  readonly what: string;
  readonly method?: string;
  readonly path: string;
  readonly body?: string;
  readonly contentType?: string;
  readonly role?: keyof typeof KEYS;
  readonly status: number;
  readonly code: string;
}

const FINDING = '0123456789abcdef0123456789abcdef';
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();
const silence = (matcher: Record<string, string>, fields: Record<string, string> = {}) =>
  JSON.stringify({ matchers: [matcher], comment: 'relabelling tonight', endsAt: inAnHour(), ...fields });

describe('alerts bad input: a 4xx with { statusCode, code, reason }, never a 500', () => {
  let fixture: AlertsFixture;
  let delivered: { id: string };

  beforeAll(async () => {
    fixture = await alertsFixture(`
receivers:
  - name: void
    log: {}
route:
  receiver: void
  group_by: ['...']
  group_wait: 1s
  group_interval: 10m
  repeat_interval: 24h
`);
    await fixture.start();
    await fixture.publish([{ id: FINDING, sku: 'SKU-B' }]);
    delivered = await eventually(
      'a delivered notification',
      async () => (await fixture.api('GET', '/alerts/notifications?status=delivered', 'auditor')).body[0] as { id: string } | undefined,
      60_000,
    );
  });
  afterAll(() => fixture?.close());

  const send = async (refusal: Pick<Refusal, 'method' | 'path' | 'body' | 'contentType' | 'role'>) => {
    const response = await fetch(`${fixture.baseUrl}${refusal.path}`, {
      method: refusal.method ?? 'GET',
      headers: { 'x-api-key': KEYS[refusal.role ?? 'ops'], ...(refusal.body === undefined ? {} : { 'content-type': refusal.contentType ?? 'application/json' }) },
      body: refusal.body,
    });
    return { status: response.status, body: (await response.json()) as { statusCode: number; code: string; reason: string } };
  };

  it('refuses every kind of invalid request with its own code and a reason', async () => {
    const refusals: Refusal[] = [
      { what: 'a body that is not JSON', method: 'POST', path: '/alerts/silences', body: '{bad', status: 400, code: 'invalid-json' },
      { what: 'a null body', method: 'POST', path: '/alerts/silences', body: 'null', status: 400, code: 'invalid-body' },
      { what: 'a body that is a JSON number', method: 'POST', path: '/alerts/silences', body: ' 3', status: 400, code: 'invalid-body' },
      { what: 'a silence as text', method: 'POST', path: '/alerts/silences', body: silence({ label: 'sku', op: '=', value: 'SKU-1' }), contentType: 'text/plain', status: 415, code: 'unsupported-media-type' },
      { what: 'a silence as a form', method: 'POST', path: '/alerts/silences', body: 'comment=relabelling', contentType: 'application/x-www-form-urlencoded', status: 415, code: 'unsupported-media-type' },
      { what: 'a body of 2 MB', method: 'POST', path: '/alerts/silences', body: JSON.stringify({ comment: 'x'.repeat(2_000_000) }), status: 413, code: 'body-too-large' },
      { what: 'a route that does not exist', path: '/alerts/nope', status: 404, code: 'route-not-found' },
      { what: 'a NUL in a notification id', path: '/alerts/notifications/%00', status: 400, code: 'unstorable-text' },
      { what: 'a NUL in a receiver filter', path: '/alerts/notifications?receiver=a%00b', status: 400, code: 'unstorable-text' },
      { what: 'a NUL in a matcher value', method: 'POST', path: '/alerts/silences', body: silence({ label: 'sku', op: '=', value: 'SKU\u0000' }), status: 400, code: 'unstorable-text' },
      { what: 'a NUL in a comment', method: 'POST', path: '/alerts/silences', body: silence({ label: 'sku', op: '=', value: 'SKU-1' }, { comment: 'a\u0000b' }), status: 400, code: 'unstorable-text' },
      { what: 'an unknown parameter', path: '/alerts/notifications?foo=1', status: 400, code: 'unknown-parameter' },
      { what: 'an encoded surrogate in a receiver filter', path: '/alerts/notifications?receiver=%ED%A0%80', status: 400, code: 'invalid-query-encoding' },
      { what: 'a limit in exponent form', path: '/alerts/notifications?limit=1e2', status: 400, code: 'invalid-parameter' },
      { what: 'a limit with a sign', path: '/alerts/notifications?limit=%2B5', status: 400, code: 'invalid-parameter' },
      { what: 'a parameter on the routing', path: '/alerts/routing?verbose=1', status: 400, code: 'unknown-parameter' },
      { what: 'a parameter on a new silence', method: 'POST', path: '/alerts/silences?dryRun=true', body: silence({ label: 'sku', op: '=', value: 'SKU-1' }), status: 400, code: 'unknown-parameter' },
      { what: 'an unknown parameter of the history', path: `/alerts/findings/${FINDING}/notifications?foo=1`, status: 400, code: 'unknown-parameter' },
      { what: 'a finding id that is not 32 hex digits', path: '/alerts/findings/zzz/notifications', status: 400, code: 'invalid-finding-id' },
      { what: 'a label findings do not have', method: 'POST', path: '/alerts/silences', body: silence({ label: 'nolabel', op: '=', value: 'x' }), status: 400, code: 'invalid-silence' },
      { what: 'an end that is a date, not a time', method: 'POST', path: '/alerts/silences', body: silence({ label: 'sku', op: '=', value: 'SKU-1' }, { endsAt: '2026-12-05' }), status: 400, code: 'invalid-time' },
      { what: 'a start that is a date, not a time', method: 'POST', path: '/alerts/silences', body: silence({ label: 'sku', op: '=', value: 'SKU-1' }, { startsAt: '2026-12-05' }), status: 400, code: 'invalid-time' },
      { what: 'a retry of a delivered notification', method: 'POST', path: `/alerts/notifications/${delivered.id}/retry`, status: 409, code: 'notification-not-parked' },
      { what: 'a retry of no notification', method: 'POST', path: '/alerts/notifications/ntf_nope/retry', status: 404, code: 'notification-not-found' },
      { what: 'a reload by ops', method: 'POST', path: '/alerts/routing/reload', status: 403, code: 'role-not-allowed' },
    ];
    const answers = [];
    for (const refusal of refusals) {
      const { status, body } = await send(refusal);
      answers.push({ what: refusal.what, status, keys: Object.keys(body), statusCode: body.statusCode, code: body.code, reason: typeof body.reason === 'string' && body.reason.length > 10 });
    }
    expect(answers).toEqual(refusals.map(({ what, status, code }) => ({ what, status, keys: ['statusCode', 'code', 'reason'], statusCode: status, code, reason: true })));
  });

  it('says in the reason what would be accepted', async () => {
    const reason = async (refusal: Pick<Refusal, 'method' | 'path' | 'body' | 'contentType' | 'role'>) => (await send(refusal)).body.reason;
    expect(await reason({ path: '/alerts/notifications?foo=1' })).toBe('"foo" is not a parameter of this route; it takes status, receiver, limit');
    expect(await reason({ path: '/alerts/findings/zzz/notifications' })).toBe('a finding id is 32 hexadecimal digits, got "zzz"');
    expect(await reason({ method: 'POST', path: '/alerts/silences', body: silence({ label: 'nolabel', op: '=', value: 'x' }) })).toBe(
      'matchers[0]: "nolabel" is not a label; labels are id, rule, severity, category, subject, subjectKind, sku, promotionId, policyId, channel, store',
    );
    expect(await reason({ method: 'POST', path: '/alerts/silences', body: silence({ label: 'sku', op: '=', value: 'SKU-1' }, { endsAt: '2026-12-05' }) })).toBe(
      'endsAt: "2026-12-05" is not an RFC 3339 time (e.g. 2026-12-05T18:00:00Z)',
    );
    expect(await reason({ method: 'POST', path: '/alerts/routing/reload', role: 'ops' })).toBe('role ops may not do this; allowed: admin');
    expect(await reason({ method: 'POST', path: '/alerts/silences', body: 'null' })).toBe('the body must be a JSON object, got null');
    expect(await reason({ method: 'POST', path: '/alerts/silences', body: '{}', contentType: 'text/plain' })).toBe('send the body as application/json, not text/plain');
  });

  it('reads a finding id in upper case as the same finding', async () => {
    const lower = await fixture.api('GET', `/alerts/findings/${FINDING}/notifications`, 'auditor');
    expect(lower.status).toBe(200);
    expect(lower.body.map((n: { id: string }) => n.id)).toContain(delivered.id);
    expect(await fixture.api('GET', `/alerts/findings/${FINDING.toUpperCase()}/notifications`, 'auditor')).toEqual(lower);
  });

  it('is unharmed afterwards and still takes a valid silence', async () => {
    expect((await fetch(`${fixture.baseUrl}/health`)).status).toBe(200);
    const created = await fixture.api('POST', '/alerts/silences', 'pricing', { matchers: [{ label: 'sku', op: '=', value: 'SKU-1' }], comment: 'relabelling tonight', endsAt: inAnHour() });
    expect(created.status).toBe(201);
  });
});
