import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Credentials } from './credentials';
import { PUBLIC_KEY, ROLES_KEY } from './decorators';
import { allows, Principal, Role } from './roles';

/** The HttpOnly cookie that holds a browser's session credential (see the feed's sign-in); never a key or token. */
export const SESSION_COOKIE = 'parity_credential';

interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: Principal;
}

/**
 * Every route is authenticated unless marked @Public(), and authorised by its @Roles().
 * 401 carries a code saying what was wrong with the credential; 403 names the roles needed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly credentials: Credentials,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const authentication = this.credentials.authenticate({
      authorization: single(request.headers['authorization']),
      apiKey: single(request.headers['x-api-key']),
      session: sessionCredential(single(request.headers['cookie'])),
    });
    if (!authentication.ok) throw new UnauthorizedException({ statusCode: 401, code: authentication.code, reason: authentication.reason });
    request.principal = authentication.principal;
    const allowed = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets) ?? [];
    if (!allows(authentication.principal, allowed)) {
      throw new ForbiddenException({
        statusCode: 403,
        code: 'role-not-allowed',
        reason: `role ${authentication.principal.role} may not do this; allowed: ${[...new Set([...allowed, 'admin'])].join(', ')}`,
      });
    }
    return true;
  }
}

/** The session cookie's credential, if the request carries one. */
export function sessionCredential(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined;
  for (const part of cookieHeader.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      const raw = value.join('=');
      try {
        return decodeURIComponent(raw) || undefined;
      } catch {
        return raw || undefined;
      }
    }
  }
  return undefined;
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
