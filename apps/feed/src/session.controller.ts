import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, SetMetadata } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { CookieOptions, HttpRequest as Request, HttpResponse as Response } from './api/http';
import { Credentials, CurrentPrincipal, Principal, Public, READERS, Roles, SESSION_COOKIE, sessionCredential } from '@parity/auth';
import { ApiError } from '@parity/http-errors';
import { ApiBodyFrom } from './api/openapi';
import { validated } from './api/validation';

export const SIGN_IN_KEY = 'parity:sign-in';
/** Marks the sign-in route for its own, stricter rate limit. */
const SignIn = () => SetMetadata(SIGN_IN_KEY, true);

export const SignInBody = Type.Object(
  { credential: Type.String({ minLength: 1, maxLength: 4096, description: 'a signed token (npm run token) or an API key' }) },
  { additionalProperties: false },
);

/**
 * Sign-in for a browser: the credential is checked and a session credential of its own (signed,
 * expiring, never the key or token) is kept in an HttpOnly, SameSite=Strict cookie, which the
 * page's requests and its EventSource send. Sign-out ends that session in this process.
 */
@ApiTags('session')
@Controller('api/session')
export class SessionController {
  constructor(private readonly credentials: Credentials) {}

  @Post()
  @Public()
  @SignIn()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with a token or an API key; sets the session cookie' })
  @ApiBodyFrom(SignInBody)
  signIn(@Body() rawBody: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response): Principal {
    const { credential } = validated(SignInBody, rawBody ?? {}, 'body');
    const now = new Date();
    const opened = this.credentials.openSession(credential.trim(), now);
    if (!opened.ok) throw new ApiError(401, opened.code, opened.reason);
    response.cookie(SESSION_COOKIE, opened.session, { ...cookieOptions(request), maxAge: opened.expiresAt.getTime() - now.getTime() });
    return opened.principal;
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: 'Who the caller is' })
  whoAmI(@CurrentPrincipal() principal: Principal): Principal {
    return principal;
  }

  @Delete()
  @Roles(...READERS)
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session and clears its cookie' })
  signOut(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    const cookie = request.headers['cookie'];
    const session = sessionCredential(Array.isArray(cookie) ? cookie[0] : cookie);
    if (session !== undefined) this.credentials.endSession(session, new Date());
    response.clearCookie(SESSION_COOKIE, cookieOptions(request));
  }
}

function cookieOptions(request: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', secure: request.secure, path: '/' };
}
