import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { BaseRpcExceptionFilter } from '@nestjs/microservices';
import { ThrottlerException } from '@nestjs/throttler';
import { ApiError } from './api-error';

interface ErrorBody {
  readonly statusCode: number;
  readonly code: string;
  readonly reason: string;
  readonly [detail: string]: unknown;
}

/** The part of Express's response the filter uses (the project has no @types/express). */
interface Response {
  readonly headersSent: boolean;
  status(code: number): Response;
  json(body: unknown): void;
  end(): void;
}

/**
 * Every HTTP error leaves as `{ statusCode, code, reason }`: the service's own, the guard's (which
 * already carry a code), the body parser's (too large, not JSON), the router's (no such route)
 * and the rate limiter's. Anything unexpected is a 500 with no internals, and is logged.
 * `service` names the service in that 500's reason.
 */
@Catch()
export class ApiErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiErrorFilter');
  // A service whose Kafka handlers inherit the app's filters (ingest) keeps Nest's handling there.
  private readonly rpc = new BaseRpcExceptionFilter();

  constructor(private readonly service: string) {}

  catch(error: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') return this.rpc.catch(error, host);
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.bodyOf(error);
    if (response.headersSent) {
      response.end();
      return undefined;
    }
    response.status(body.statusCode).json(body);
    return undefined;
  }

  private bodyOf(error: unknown): ErrorBody {
    if (error instanceof ApiError) return { statusCode: error.status, code: error.code, reason: error.reason, ...error.details };
    if (error instanceof ThrottlerException) {
      return { statusCode: HttpStatus.TOO_MANY_REQUESTS, code: 'rate-limited', reason: 'too many requests from this address: wait a minute and retry' };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const payload = error.getResponse();
      if (typeof payload === 'object' && payload !== null && 'code' in payload && 'reason' in payload) {
        const { code, reason } = payload as { code: unknown; reason: unknown };
        return { statusCode: status, code: String(code), reason: String(reason) };
      }
      if (isFailedHealthCheck(payload)) {
        const down = Object.keys(payload.error);
        return { statusCode: status, code: 'not-ready', reason: `not ready: ${down.join(', ') || 'a check'} failed`, info: payload.info, error: payload.error, details: payload.details };
      }
      const message = messageOf(payload) ?? error.message;
      // Nest turns the body parser's SyntaxError and a path's bad percent-encoding into plain 400s.
      if (status === HttpStatus.BAD_REQUEST && /JSON/.test(message)) return refusedJson(message);
      if (status === HttpStatus.BAD_REQUEST && /decode param/i.test(message)) return { statusCode: status, code: 'invalid-path-encoding', reason: message };
      return { statusCode: status, code: codeForStatus(status), reason: message };
    }
    const parserError = error as { type?: string; status?: number; limit?: number; message?: string };
    if (parserError.type === 'entity.too.large') {
      return { statusCode: HttpStatus.PAYLOAD_TOO_LARGE, code: 'body-too-large', reason: `the body is larger than ${parserError.limit ?? 'the limit'} bytes` };
    }
    if (parserError.type === 'entity.parse.failed') return refusedJson(parserError.message ?? '');
    if (typeof parserError.status === 'number' && parserError.status >= 400 && parserError.status < 500) {
      return { statusCode: parserError.status, code: 'bad-request', reason: parserError.message ?? 'the request was refused' };
    }
    this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'internal-error', reason: `${this.service} failed to answer; it is logged` };
  }
}

/** The JSON parser's refusal: a body that is not JSON, or (the strict parser's) JSON that is no object. */
function refusedJson(message: string): ErrorBody {
  const scalar = scalarBody(message);
  if (scalar !== undefined) return { statusCode: HttpStatus.BAD_REQUEST, code: 'invalid-body', reason: `the body must be a JSON object, got ${scalar}` };
  return { statusCode: HttpStatus.BAD_REQUEST, code: 'invalid-json', reason: `the body is not JSON: ${message}`.trim() };
}

/**
 * The JSON value a strict parser (body-parser's default) refused for not being an object or an
 * array, or undefined. It refuses by the first character, before parsing, in JSON.parse's words:
 * `Unexpected token 'n', "null" is not valid JSON`; the body is JSON if what is shown parses. V8
 * cuts a body over 20 characters to a window ending in `"...`: then the first character tells.
 */
function scalarBody(message: string): string | undefined {
  const refusal = /^Unexpected token '(.)', (?:\.\.\.)?"(.*)"(\.\.\.)? is not valid JSON$/s.exec(message);
  const [, token, shown = '', cut] = refusal ?? [];
  if (token === undefined || token !== shown.trimStart()[0]) return undefined;
  if (cut) return token === '"' ? 'a string' : /[-\d]/.test(token) ? 'a number' : undefined;
  try {
    JSON.parse(shown);
    return shown.trim();
  } catch {
    return undefined;
  }
}

function codeForStatus(status: number): string {
  switch (status) {
    case HttpStatus.NOT_FOUND:
      return 'route-not-found';
    case HttpStatus.METHOD_NOT_ALLOWED:
      return 'method-not-allowed';
    case HttpStatus.UNSUPPORTED_MEDIA_TYPE:
      return 'unsupported-media-type';
    default:
      return status >= 500 ? 'internal-error' : 'bad-request';
  }
}

/** Terminus's readiness answer: the probes that failed (named in `error`) are what an operator needs. */
function isFailedHealthCheck(payload: unknown): payload is { info?: object; error: Record<string, unknown>; details?: object } {
  const check = payload as { status?: unknown; error?: unknown } | null;
  return typeof check === 'object' && check !== null && check.status === 'error' && typeof check.error === 'object' && check.error !== null;
}

function messageOf(payload: unknown): string | undefined {
  if (typeof payload === 'string') return payload;
  const message = (payload as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : Array.isArray(message) ? message.join('; ') : undefined;
}
