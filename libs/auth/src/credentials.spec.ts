import { JwtService } from '@nestjs/jwt';
import { ConfigError } from '@parity/config';
import { authConfig } from './auth.config';
import { Credentials } from './credentials';

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

  it('reads a session credential (token or key) only when no header is sent', () => {
    const token = credentials.issue('alice', 'pricing', 60);
    expect(credentials.authenticate({ apiKey: undefined, authorization: undefined, session: token })).toMatchObject({ ok: true, principal: { name: 'alice', via: 'token' } });
    expect(credentials.authenticate({ apiKey: undefined, authorization: undefined, session: 'ops-key-0123456789abcdef' })).toMatchObject({ ok: true, principal: { name: 'ci-bot' } });
    expect(credentials.authenticate({ apiKey: undefined, authorization: 'Bearer audit-key-0123456789ab', session: token })).toMatchObject({ ok: true, principal: { role: 'auditor' } });
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
