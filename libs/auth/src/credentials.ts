import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { JsonWebTokenError, JwtService, NotBeforeError, TokenExpiredError } from '@nestjs/jwt';
import { ApiKey, AuthConfig } from './auth.config';
import { isRole, Principal, Role } from './roles';
import { EndedSessions, SESSION_SECONDS } from './sessions';

export type AuthFailureCode =
  | 'credential-missing'
  | 'credential-malformed'
  | 'api-key-unknown'
  | 'token-invalid'
  | 'token-expired'
  | 'token-not-yet-valid'
  | 'session-invalid'
  | 'session-expired'
  | 'session-ended';

type Refusal = { readonly ok: false; readonly code: AuthFailureCode; readonly reason: string };

export type Authentication = { readonly ok: true; readonly principal: Principal } | Refusal;

const NO_SESSIONS = 'this service keeps no sessions: register AuthModule with { sessions: true }';

/** A browser session opened with a credential: `session` is what the session cookie holds. */
export type OpenedSession = { readonly ok: true; readonly principal: Principal; readonly session: string; readonly expiresAt: Date } | Refusal;

/** A credential that checked out, and when it stops being valid (an API key does not expire). */
type Verified = { readonly ok: true; readonly principal: Principal; readonly expiresAt: number | undefined } | Refusal;

interface TokenClaims {
  readonly sub?: unknown;
  readonly role?: unknown;
  readonly exp?: unknown;
  readonly jti?: unknown;
  /** 'session' in a session credential: accepted only from the session cookie. */
  readonly kind?: unknown;
  /** In a session opened with an API key: the key's fingerprint, so removing the key ends the session. */
  readonly key?: unknown;
}

/** The headers a caller may prove itself with. */
export interface PresentedCredentials {
  readonly authorization: string | undefined;
  readonly apiKey: string | undefined;
  /**
   * The session credential from the session cookie, which a browser gets at sign-in: a page and its
   * EventSource cannot set headers. Used only when neither header is sent, and only by a service
   * that keeps sessions (the feed).
   */
  readonly session?: string | undefined;
}

/**
 * Checks what a caller presented: `X-API-Key: <key>`, `Authorization: Bearer <key>`,
 * `Authorization: Bearer <signed token>` or a browser's session cookie. A failure says why, in
 * words a client can act on. `endedSessions` is given only to a service that opens sessions.
 */
export class Credentials {
  private readonly jwt: JwtService;
  private readonly keysByFingerprint: ReadonlyMap<string, ApiKey>;

  constructor(
    private readonly config: AuthConfig,
    private readonly endedSessions?: EndedSessions,
  ) {
    this.jwt = new JwtService({ secret: config.tokenSecret, signOptions: { algorithm: 'HS256', issuer: config.tokenIssuer }, verifyOptions: { algorithms: ['HS256'], issuer: config.tokenIssuer } });
    this.keysByFingerprint = new Map(config.apiKeys.map((apiKey) => [this.fingerprint(apiKey.key), apiKey]));
  }

  authenticate(presented: PresentedCredentials, now: Date = new Date()): Authentication {
    if (presented.apiKey !== undefined) return this.byApiKey(presented.apiKey);
    if (presented.authorization === undefined && presented.session !== undefined && this.endedSessions) {
      return this.bySession(presented.session, seconds(now), this.endedSessions);
    }
    if (presented.authorization === undefined) {
      return { ok: false, code: 'credential-missing', reason: 'send Authorization: Bearer <token or API key>, or X-API-Key: <key>' };
    }
    const match = /^Bearer\s+(\S+)$/i.exec(presented.authorization.trim());
    if (!match?.[1]) return { ok: false, code: 'credential-malformed', reason: 'the Authorization header must be "Bearer <token or API key>"' };
    const verified = this.byBearer(match[1], seconds(now));
    return verified.ok ? { ok: true, principal: verified.principal } : verified;
  }

  /** A signed token for a caller, valid for `ttlSeconds`. */
  issue(name: string, role: Role, ttlSeconds: number): string {
    return this.jwt.sign({ role }, { subject: name, expiresIn: ttlSeconds });
  }

  /**
   * Signs a browser in with a token or an API key: the session is a signed credential of its own,
   * with its own id, valid for SESSION_SECONDS or until the token expires, whichever is first.
   * The key or token itself is never handed back.
   */
  openSession(credential: string, now: Date): OpenedSession {
    if (!this.endedSessions) throw new Error(NO_SESSIONS);
    const nowSeconds = seconds(now);
    const verified = this.byBearer(credential, nowSeconds);
    if (!verified.ok) return verified;
    const { principal } = verified;
    const exp = Math.min(nowSeconds + SESSION_SECONDS, verified.expiresAt ?? Number.POSITIVE_INFINITY);
    const binding = principal.via === 'api-key' ? { key: this.fingerprint(credential) } : { role: principal.role };
    const session = this.jwt.sign({ kind: 'session', ...binding, iat: nowSeconds, exp }, { subject: principal.name, jwtid: randomUUID() });
    return { ok: true, principal, session, expiresAt: new Date(exp * 1000) };
  }

  /** Signs a session out: from now on its credential is refused, until it would have expired anyway. */
  endSession(session: string, now: Date): void {
    if (!this.endedSessions) throw new Error(NO_SESSIONS);
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims & object>(session, { ignoreExpiration: true });
    } catch (error) {
      // A cookie that does not verify opened no session here: there is nothing to end.
      if (error instanceof JsonWebTokenError) return;
      throw error;
    }
    if (claims.kind !== 'session' || typeof claims.jti !== 'string' || typeof claims.exp !== 'number') return;
    this.endedSessions.end(claims.jti, claims.exp, seconds(now));
  }

  /** A bearer credential: a signed token (three dot-separated parts) or an API key. */
  private byBearer(credential: string, nowSeconds: number): Verified {
    if (credential.split('.').length === 3) return this.byToken(credential, nowSeconds);
    const authentication = this.byApiKey(credential);
    return authentication.ok ? { ...authentication, expiresAt: undefined } : authentication;
  }

  private byApiKey(presented: string): Authentication {
    const given = Buffer.from(presented);
    // Constant-time comparison: the time taken must not tell how much of a key was right.
    const found = this.config.apiKeys.find((apiKey) => {
      const expected = Buffer.from(apiKey.key);
      return expected.length === given.length && timingSafeEqual(expected, given);
    });
    if (!found) return { ok: false, code: 'api-key-unknown', reason: 'the API key is not one of PARITY_API_KEYS' };
    return { ok: true, principal: { name: found.name, role: found.role, via: 'api-key' } };
  }

  private byToken(token: string, nowSeconds: number): Verified {
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims & object>(token, { clockTimestamp: nowSeconds });
    } catch (error) {
      if (error instanceof TokenExpiredError) return { ok: false, code: 'token-expired', reason: `the token expired at ${error.expiredAt.toISOString()}: get a new one` };
      if (error instanceof NotBeforeError) return { ok: false, code: 'token-not-yet-valid', reason: `the token is valid from ${error.date.toISOString()}` };
      if (error instanceof JsonWebTokenError) return { ok: false, code: 'token-invalid', reason: `the token does not verify: ${error.message}` };
      throw error;
    }
    // A session goes through its cookie only, where a signed-out one is refused.
    if (claims.kind === 'session') return { ok: false, code: 'token-invalid', reason: 'a session credential is not a bearer token: send a token from npm run token, or an API key' };
    const principal = this.tokenPrincipal(claims, 'token-invalid');
    if (!principal.ok) return principal;
    return { ...principal, expiresAt: typeof claims.exp === 'number' ? claims.exp : undefined };
  }

  private bySession(session: string, nowSeconds: number, ended: EndedSessions): Authentication {
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims & object>(session, { clockTimestamp: nowSeconds });
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        return { ok: false, code: 'session-expired', reason: `the session expired at ${error.expiredAt.toISOString()} (a session lasts at most 8 hours): sign in again` };
      }
      if (error instanceof JsonWebTokenError) return { ok: false, code: 'session-invalid', reason: 'the session cookie is not a session of this service: sign in again' };
      throw error;
    }
    if (claims.kind !== 'session' || typeof claims.jti !== 'string') {
      return { ok: false, code: 'session-invalid', reason: 'the session cookie is not a session of this service: sign in again' };
    }
    if (ended.has(claims.jti)) return { ok: false, code: 'session-ended', reason: 'this session was signed out: sign in again' };
    if (claims.key === undefined) return this.tokenPrincipal(claims, 'session-invalid');
    const apiKey = typeof claims.key === 'string' ? this.keysByFingerprint.get(claims.key) : undefined;
    if (!apiKey) return { ok: false, code: 'api-key-unknown', reason: 'the API key this session was opened with is no longer one of PARITY_API_KEYS: sign in again' };
    return { ok: true, principal: { name: apiKey.name, role: apiKey.role, via: 'api-key' } };
  }

  private tokenPrincipal(claims: TokenClaims, code: 'token-invalid' | 'session-invalid'): Authentication {
    if (typeof claims.sub !== 'string' || !claims.sub) return { ok: false, code, reason: 'the token names no subject (sub)' };
    if (!isRole(claims.role)) return { ok: false, code, reason: `the token's role ${JSON.stringify(claims.role)} is not a Parity role` };
    return { ok: true, principal: { name: claims.sub, role: claims.role, via: 'token' } };
  }

  /** Names an API key inside a session credential without carrying the key. */
  private fingerprint(key: string): string {
    return createHmac('sha256', this.config.tokenSecret).update(`api-key:${key}`).digest('base64url');
  }
}

function seconds(at: Date): number {
  return Math.floor(at.getTime() / 1000);
}
