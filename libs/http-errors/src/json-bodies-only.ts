import { HttpStatus } from '@nestjs/common';
import { ApiError } from './api-error';

/** The part of Express's request the check reads (the project has no @types/express). */
interface Request {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

/**
 * Express middleware for a service whose bodies are JSON: a body in another format would be
 * skipped by the JSON parser and read as no body, so it is refused (415 unsupported-media-type)
 * instead of being guessed at.
 */
export function jsonBodiesOnly(request: Request, _response: unknown, next: (error?: unknown) => void): void {
  const length = Number(request.headers['content-length'] ?? 0);
  const chunked = request.headers['transfer-encoding'] !== undefined;
  const type = String(request.headers['content-type'] ?? '');
  if ((length > 0 || chunked) && !/^application\/([\w.-]+\+)?json(;|$)/i.test(type)) {
    next(new ApiError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported-media-type', `send the body as application/json, not ${type || 'without a content type'}`));
    return;
  }
  next();
}
