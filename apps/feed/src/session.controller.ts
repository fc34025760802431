import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res, SetMetadata } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Type } from '@sinclair/typebox';
import { HttpRequest as Request, HttpResponse as Response } from './api/http';
import { Credentials, CurrentPrincipal, Principal, Public, READERS, Roles, SESSION_COOKIE } from '@parity/auth';
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

const API_KEY_SESSION_SECONDS = 8 * 3600;

/**
 * Sign-in for a browser: the credential is checked, then kept in an HttpOnly, SameSite=Strict
 * cookie, which the page's requests and its EventSource send. Nothing else is stored: revoking
 * a key or letting a token expire ends the session too.
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
    const authentication = this.credentials.authenticate({ authorization: `Bearer ${credential.trim()}`, apiKey: undefined });
    if (!authentication.ok) throw new ApiError(401, authentication.code, authentication.reason);
    response.cookie(SESSION_COOKIE, credential.trim(), {
      httpOnly: true,
      sameSite: 'strict',
      secure: request.secure,
      path: '/',
      maxAge: sessionSeconds(credential.trim()) * 1000,
    });
    return authentication.principal;
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
  @ApiOperation({ summary: 'Sign out: clears the session cookie' })
  signOut(@Res({ passthrough: true }) response: Response): void {
    response.clearCookie(SESSION_COOKIE, { path: '/' });
  }
}

/** A token's session lasts as long as the token; an API key's, eight hours. */
function sessionSeconds(credential: string): number {
  const parts = credential.split('.');
  if (parts.length !== 3) return API_KEY_SESSION_SECONDS;
  try {
    const { exp } = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8')) as { exp?: number };
    return typeof exp === 'number' ? Math.max(1, Math.floor(exp - Date.now() / 1000)) : API_KEY_SESSION_SECONDS;
  } catch {
    return API_KEY_SESSION_SECONDS;
  }
}
