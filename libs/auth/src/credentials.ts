import { timingSafeEqual } from 'node:crypto';
import { JsonWebTokenError, JwtService, NotBeforeError, TokenExpiredError } from '@nestjs/jwt';
import { AuthConfig } from './auth.config';
import { isRole, Principal, Role } from './roles';

export type AuthFailureCode = 'credential-missing' | 'credential-malformed' | 'api-key-unknown' | 'token-invalid' | 'token-expired' | 'token-not-yet-valid';

export type Authentication = { readonly ok: true; readonly principal: Principal } | { readonly ok: false; readonly code: AuthFailureCode; readonly reason: string };

interface TokenClaims {
  readonly sub?: unknown;
  readonly role?: unknown;
}

/** The headers a caller may prove itself with. */
export interface PresentedCredentials {
  readonly authorization: string | undefined;
  readonly apiKey: string | undefined;
  /**
   * The token or API key a browser signed in with, from the session cookie: a page and its
   * EventSource cannot set headers. Used only when neither header is sent.
   */
  readonly session?: string | undefined;
}

/**
 * Checks what a caller presented: `X-API-Key: <key>`, `Authorization: Bearer <key>` or
 * `Authorization: Bearer <signed token>`. A failure says why, in words a client can act on.
 */
export class Credentials {
  private readonly jwt: JwtService;

  constructor(private readonly config: AuthConfig) {
    this.jwt = new JwtService({ secret: config.tokenSecret, signOptions: { algorithm: 'HS256', issuer: config.tokenIssuer }, verifyOptions: { algorithms: ['HS256'], issuer: config.tokenIssuer } });
  }

  authenticate(presented: PresentedCredentials): Authentication {
    if (presented.apiKey !== undefined) return this.byApiKey(presented.apiKey);
    if (presented.authorization === undefined && presented.session !== undefined) return this.byBearer(presented.session);
    if (presented.authorization === undefined) {
      return { ok: false, code: 'credential-missing', reason: 'send Authorization: Bearer <token or API key>, or X-API-Key: <key>' };
    }
    const match = /^Bearer\s+(\S+)$/i.exec(presented.authorization.trim());
    if (!match?.[1]) return { ok: false, code: 'credential-malformed', reason: 'the Authorization header must be "Bearer <token or API key>"' };
    return this.byBearer(match[1]);
  }

  /** A bearer credential: a signed token (three dot-separated parts) or an API key. */
  private byBearer(credential: string): Authentication {
    return credential.split('.').length === 3 ? this.byToken(credential) : this.byApiKey(credential);
  }

  /** A signed token for a caller, valid for `ttlSeconds`. */
  issue(name: string, role: Role, ttlSeconds: number): string {
    return this.jwt.sign({ role }, { subject: name, expiresIn: ttlSeconds });
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

  private byToken(token: string): Authentication {
    let claims: TokenClaims;
    try {
      claims = this.jwt.verify<TokenClaims & object>(token);
    } catch (error) {
      if (error instanceof TokenExpiredError) return { ok: false, code: 'token-expired', reason: `the token expired at ${error.expiredAt.toISOString()}: get a new one` };
      if (error instanceof NotBeforeError) return { ok: false, code: 'token-not-yet-valid', reason: `the token is valid from ${error.date.toISOString()}` };
      if (error instanceof JsonWebTokenError) return { ok: false, code: 'token-invalid', reason: `the token does not verify: ${error.message}` };
      throw error;
    }
    if (typeof claims.sub !== 'string' || !claims.sub) return { ok: false, code: 'token-invalid', reason: 'the token names no subject (sub)' };
    if (!isRole(claims.role)) return { ok: false, code: 'token-invalid', reason: `the token's role ${JSON.stringify(claims.role)} is not a Parity role` };
    return { ok: true, principal: { name: claims.sub, role: claims.role, via: 'token' } };
  }
}
