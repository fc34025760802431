import { Controller, Get, INestApplication, Module, Post } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { authConfig } from './auth.config';
import { SESSION_COOKIE } from './auth.guard';
import { AuthModule } from './auth.module';
import { Credentials } from './credentials';
import { CurrentPrincipal, Public, Roles } from './decorators';
import { Principal, READERS } from './roles';

@Controller()
class ProbeController {
  @Public() @Get('live') live() { return { status: 'ok' }; }
  @Roles(...READERS) @Get('read') read(@CurrentPrincipal() who: Principal) { return who; }
  @Roles('ops') @Post('write') write() { return { done: true }; }
  @Get('unmarked') unmarked() { return { admin: true }; }
}

const config = authConfig({ PARITY_AUTH_SECRET: 'a-test-secret-that-is-long-enough-0123' });
@Module({ imports: [AuthModule.register(config, { sessions: true })], controllers: [ProbeController] })
class ProbeModule {}

describe('AuthGuard over HTTP', () => {
  let app: INestApplication;
  let base: string;
  const credentials = new Credentials(config);
  const as = (role: 'ops' | 'pricing' | 'auditor' | 'admin') => ({ authorization: `Bearer ${credentials.issue(`${role}-user`, role, 60)}` });

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1');
    base = await app.getUrl();
  });
  afterAll(() => app.close());

  const status = async (method: string, path: string, headers: Record<string, string> = {}) => (await fetch(`${base}${path}`, { method, headers })).status;

  it('lets anyone reach a public route and no one reach the others without a credential', async () => {
    expect(await status('GET', '/live')).toBe(200);
    const refused = await fetch(`${base}/read`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'credential-missing' });
  });

  it('authorises by role; admin passes every check; a route with no roles is admin only', async () => {
    expect(await status('GET', '/read', as('auditor'))).toBe(200);
    expect(await status('POST', '/write', as('auditor'))).toBe(403);
    expect(await status('POST', '/write', as('pricing'))).toBe(403);
    expect(await status('POST', '/write', as('ops'))).toBe(201);
    expect(await status('POST', '/write', as('admin'))).toBe(201);
    expect(await status('GET', '/unmarked', as('ops'))).toBe(403);
    expect(await status('GET', '/unmarked', as('admin'))).toBe(200);
    const who = await fetch(`${base}/read`, { headers: as('pricing') });
    expect(await who.json()).toEqual({ name: 'pricing-user', role: 'pricing', via: 'token' });
  });

  it('accepts the session cookie of a signed-in browser until it is signed out, and a header over the cookie', async () => {
    const cookie = (value: string) => ({ cookie: `theme=dark; ${SESSION_COOKIE}=${encodeURIComponent(value)}` });
    const sessions = app.get(Credentials);
    const opened = sessions.openSession(credentials.issue('browser-user', 'auditor', 60), new Date());
    if (!opened.ok) throw new Error(opened.code);
    const who = await fetch(`${base}/read`, { headers: cookie(opened.session) });
    expect(await who.json()).toEqual({ name: 'browser-user', role: 'auditor', via: 'token' });
    expect(await status('POST', '/write', cookie(opened.session))).toBe(403);
    const forged = await fetch(`${base}/read`, { headers: cookie(`${opened.session}x`) });
    expect([forged.status, await forged.json()]).toMatchObject([401, { code: 'session-invalid' }]);
    expect(await status('POST', '/write', { ...cookie(opened.session), ...as('ops') })).toBe(201);
    sessions.endSession(opened.session, new Date());
    const ended = await fetch(`${base}/read`, { headers: cookie(opened.session) });
    expect([ended.status, await ended.json()]).toMatchObject([401, { code: 'session-ended' }]);
    expect(await status('GET', '/read', { ...cookie(opened.session), ...as('auditor') })).toBe(200);
  });

  it('tells a forbidden caller which roles may', async () => {
    const response = await fetch(`${base}/write`, { method: 'POST', headers: as('auditor') });
    expect(await response.json()).toMatchObject({ statusCode: 403, code: 'role-not-allowed', reason: expect.stringContaining('allowed: ops, admin') });
  });
});
