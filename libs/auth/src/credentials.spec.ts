import { JwtService } from '@nestjs/jwt';
import { ConfigError } from '@parity/config';
import { authConfig } from './auth.config';
import { Credentials } from './credentials';
import { EndedSessions, SESSION_SECONDS } from './sessions';

const SECRET = 'a-test-secret-that-is-long-enough-0123';
const env = { PARITY_AUTH_SECRET: SECRET, PARITY_API_KEYS: 'ci-bot:ops:ops-key-0123456789abcdef,board:auditor:audit-key-0123456789ab' };

describe('Credentials', () => {
  const credentials = new Credentials(authConfig(env));

  it('accepts a configured API key from X-API-Key or as a bearer credential', () => {
    expect(credentials.authenticate({ apiKey: 'ops-key-0123456789abcdef', authorization: undefined })).toEqual({
      ok: true,
      principal: { name: 'ci-bot', role: 'ops', via: 'api-key' },
    });
    expect(credentials.authenticate({ apiKey: undefined, authorization: 'Bearer audit-key-0123456789ab' })).toMatchObject({ ok: true, principal: { role: 'auditor' } });
  });

  it('accepts a token it issued and reads name and role from it', () => {
    const token = credentials.issue('alice', 'pricing', 60);
    expect(credentials.authenticate({ apiKey: undefined, authorization: `Bearer ${token}` })).toEqual({ ok: true, principal: { name: 'alice', role: 'pricing', via: 'token' } });
  });

  it('says what is wrong: missing, malformed, unknown key, forged, expired, foreign role', () => {
    const forged = new JwtService({ secret: 'another-secret-that-is-long-enough-xyz' }).sign({ role: 'admin' }, { subject: 'mallory', issuer: 'parity' });
    const expired = new JwtService({ secret: SECRET }).sign({ role: 'ops', exp: Math.floor(Date.now() / 1000) - 10 }, { subject: 'bob', issuer: 'parity' });
    const strangeRole = new JwtService({ secret: SECRET }).sign({ role: 'root' }, { subject: 'eve', issuer: 'parity', expiresIn: 60 });
    const codeOf = (authorization: string | undefined, apiKey?: string) => {
      const result = credentials.authenticate({ authorization, apiKey });
      return result.ok ? 'ok' : result.code;
    };
    expect(codeOf(undefined)).toBe('credential-missing');
    expect(codeOf('Basic dXNlcjpwYXNz')).toBe('credential-malformed');
    expect(codeOf('Bearer not-a-key-at-all-but-long')).toBe('api-key-unknown');
    expect(codeOf(undefined, 'ops-key-0123456789abcdeX')).toBe('api-key-unknown');
    expect(codeOf(`Bearer ${forged}`)).toBe('token-invalid');
    expect(codeOf(`Bearer ${expired}`)).toBe('token-expired');
    expect(codeOf(`Bearer ${strangeRole}`)).toBe('token-invalid');
  });
});

describe('Credentials: browser sessions', () => {
  const OPS_KEY = 'ops-key-0123456789abcdef';
  const signedInAt = new Date('2026-12-03T09:00:00Z');
  const later = (seconds: number) => new Date(signedInAt.getTime() + seconds * 1000);
  const sessionCredentials = () => new Credentials(authConfig(env), new EndedSessions());
  const bySession = (credentials: Credentials, session: string, at: Date) => credentials.authenticate({ apiKey: undefined, authorization: undefined, session }, at);
  const codeOf = (authentication: ReturnType<Credentials['authenticate']>) => (authentication.ok ? 'ok' : authentication.code);
  const opened = (credentials: Credentials, credential: string, at = signedInAt) => {
    const session = credentials.openSession(credential, at);
    if (!session.ok) throw new Error(`sign-in refused: ${session.code}`);
    return session;
  };

  it('opens a session of its own for an API key: the cookie never holds the key, and lasts 8 hours', () => {
    const credentials = sessionCredentials();
    const session = opened(credentials, OPS_KEY);
    expect(session.principal).toEqual({ name: 'ci-bot', role: 'ops', via: 'api-key' });
    expect(session.session).not.toContain(OPS_KEY);
    expect(Buffer.from(session.session.split('.')[1]!, 'base64url').toString()).not.toContain(OPS_KEY);
    expect(session.expiresAt).toEqual(later(SESSION_SECONDS));
    expect(bySession(credentials, session.session, later(SESSION_SECONDS - 1))).toEqual({ ok: true, principal: { name: 'ci-bot', role: 'ops', via: 'api-key' } });
    expect(codeOf(bySession(credentials, session.session, later(SESSION_SECONDS)))).toBe('session-expired');
    expect(bySession(credentials, session.session, later(SESSION_SECONDS + 60))).toMatchObject({ code: 'session-expired', reason: expect.stringContaining('sign in again') });
  });

  it("ends a token's session with the token, or after 8 hours if the token lives longer", () => {
    const credentials = sessionCredentials();
    const shortToken = new JwtService({ secret: SECRET }).sign({ role: 'pricing', iat: Math.floor(signedInAt.getTime() / 1000), exp: Math.floor(later(600).getTime() / 1000) }, { subject: 'alice', issuer: 'parity' });
    const short = opened(credentials, shortToken);
    expect([short.principal, short.expiresAt]).toEqual([{ name: 'alice', role: 'pricing', via: 'token' }, later(600)]);
    expect(short.session).not.toBe(shortToken);
    expect(codeOf(bySession(credentials, short.session, later(599)))).toBe('ok');
    expect(codeOf(bySession(credentials, short.session, later(600)))).toBe('session-expired');
    const longToken = new JwtService({ secret: SECRET }).sign({ role: 'ops', iat: Math.floor(signedInAt.getTime() / 1000), exp: Math.floor(later(30 * 86_400).getTime() / 1000) }, { subject: 'bob', issuer: 'parity' });
    expect(opened(credentials, longToken).expiresAt).toEqual(later(SESSION_SECONDS));
  });

  it('refuses a signed-out session until it would have expired; other sessions of the same key go on', () => {
    const credentials = sessionCredentials();
    const first = opened(credentials, OPS_KEY);
    const second = opened(credentials, OPS_KEY);
    credentials.endSession(first.session, later(60));
    expect(bySession(credentials, first.session, later(61))).toMatchObject({ ok: false, code: 'session-ended', reason: expect.stringContaining('signed out') });
    expect(codeOf(bySession(credentials, second.session, later(61)))).toBe('ok');
    expect(codeOf(bySession(credentials, first.session, later(SESSION_SECONDS)))).toBe('session-expired');
  });

  it('accepts a session only from the cookie, and only a session there: never a key, a token or a forgery', () => {
    const credentials = sessionCredentials();
    const session = opened(credentials, OPS_KEY);
    const token = credentials.issue('alice', 'pricing', 60);
    expect(codeOf(credentials.authenticate({ apiKey: undefined, authorization: `Bearer ${session.session}` }, signedInAt))).toBe('token-invalid');
    expect(codeOf(bySession(credentials, OPS_KEY, signedInAt))).toBe('session-invalid');
    expect(codeOf(bySession(credentials, token, new Date()))).toBe('session-invalid');
    expect(codeOf(bySession(credentials, `${session.session}x`, signedInAt))).toBe('session-invalid');
    expect(codeOf(credentials.openSession(session.session, signedInAt))).toBe('token-invalid');
    // A header still wins over the cookie, as before.
    expect(credentials.authenticate({ apiKey: undefined, authorization: 'Bearer audit-key-0123456789ab', session: session.session }, signedInAt)).toMatchObject({ ok: true, principal: { role: 'auditor' } });
  });

  it("ends a key's sessions when the key is no longer configured", () => {
    const session = opened(sessionCredentials(), OPS_KEY);
    const rotated = new Credentials(authConfig({ ...env, PARITY_API_KEYS: 'ci-bot:ops:ops-key-new-0123456789ab' }), new EndedSessions());
    expect(codeOf(bySession(rotated, session.session, later(1)))).toBe('api-key-unknown');
  });

  it('refuses a wrong credential at sign-in with the usual code', () => {
    const credentials = sessionCredentials();
    expect(codeOf(credentials.openSession('guessed-key-0123456789abc', signedInAt))).toBe('api-key-unknown');
    const token = credentials.issue('alice', 'ops', 60);
    expect(codeOf(credentials.openSession(token, new Date(Date.now() + 3_600_000)))).toBe('token-expired');
  });

  it('a service that keeps no sessions ignores the cookie and opens none', () => {
    const session = opened(sessionCredentials(), OPS_KEY);
    const alerts = new Credentials(authConfig(env));
    expect(codeOf(alerts.authenticate({ apiKey: undefined, authorization: undefined, session: session.session }, signedInAt))).toBe('credential-missing');
    expect(() => alerts.openSession(OPS_KEY, signedInAt)).toThrow(/keeps no sessions/);
    expect(() => alerts.endSession(session.session, signedInAt)).toThrow(/keeps no sessions/);
  });
});

describe('EndedSessions', () => {
  it('forgets a signed-out session once it would have expired anyway', () => {
    const ended = new EndedSessions();
    ended.end('a', 1_000, 100);
    ended.end('b', 2_000, 100);
    ended.end('c', 50, 100);
    expect([ended.has('a'), ended.has('b'), ended.has('c'), ended.size]).toEqual([true, true, false, 2]);
    ended.end('d', 3_000, 1_500);
    expect([ended.has('a'), ended.has('b'), ended.has('d'), ended.size]).toEqual([false, true, true, 2]);
  });
});

describe('authConfig', () => {
  it('names the variable and the problem', () => {
    expect(() => authConfig({})).toThrow(ConfigError);
    expect(() => authConfig({})).toThrow(/PARITY_AUTH_SECRET: is not set/);
    expect(() => authConfig({ PARITY_AUTH_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(() => authConfig({ PARITY_AUTH_SECRET: SECRET, PARITY_API_KEYS: 'x:root:0123456789abcdefgh' })).toThrow(/role "root"/);
    expect(() => authConfig({ PARITY_AUTH_SECRET: SECRET, PARITY_API_KEYS: 'x:ops' })).toThrow(/name:role:key/);
    expect(() => authConfig({ PARITY_AUTH_SECRET: SECRET, PARITY_API_KEYS: 'a:ops:0123456789abcdefgh,b:admin:0123456789abcdefgh' })).toThrow(/used twice/);
  });
});
