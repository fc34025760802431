import { CanActivate, ExecutionContext, Injectable, UseGuards } from '@nestjs/common';
import { queryParameters } from './request-text';

/** Refuses any query parameter (400 unknown-parameter): see TakesNoQuery. */
@Injectable()
class NoQueryParameters implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ query?: Record<string, unknown> }>();
    queryParameters(request.query ?? {}, []);
    return true;
  }
}

/**
 * For a route that takes no query parameters: one sent anyway is refused (400 `unknown-parameter`)
 * as on the routes that take some, rather than ignored; `?dryRun=true` on an action must not
 * look as if it was honoured.
 */
export function TakesNoQuery(): MethodDecorator & ClassDecorator {
  return UseGuards(NoQueryParameters);
}
