import { HttpStatus } from '@nestjs/common';

/**
 * A refused request, with a stable machine-readable `code` and a `reason` a person can act on.
 * Thrown by a service's shell; the exception filter renders it as `{ statusCode, code, reason }`,
 * followed by `details` when the caller needs more than a sentence (a config file's problems).
 */
export class ApiError extends Error {
  constructor(
    readonly status: HttpStatus,
    readonly code: string,
    readonly reason: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(`${code}: ${reason}`);
    this.name = 'ApiError';
  }
}

export const badRequest = (code: string, reason: string) => new ApiError(HttpStatus.BAD_REQUEST, code, reason);
