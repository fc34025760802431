import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { Principal, Role } from './roles';

export const ROLES_KEY = 'parity:roles';
export const PUBLIC_KEY = 'parity:public';

/** The roles that may call a route (admin always may). A route without it is refused to everyone but admin. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without credentials (liveness probes only). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The authenticated caller of the current request. */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<{ principal?: Principal }>();
  if (!request.principal) throw new Error('CurrentPrincipal used on a route the AuthGuard did not authenticate');
  return request.principal;
});
