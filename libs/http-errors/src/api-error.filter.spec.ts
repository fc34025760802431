import { ArgumentsHost, BadRequestException, ForbiddenException, HttpStatus, Logger, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { isObservable, lastValueFrom, Observable } from 'rxjs';
import { ApiError, badRequest } from './api-error';
import { ApiErrorFilter } from './api-error.filter';

interface Sent {
  status?: number;
  body?: unknown;
  ended: boolean;
}

function httpHost(headersSent = false): { host: ArgumentsHost; sent: Sent } {
  const sent: Sent = { ended: false };
  const response = {
    headersSent,
    status(code: number) {
      sent.status = code;
      return response;
    },
    json(body: unknown) {
      sent.body = JSON.parse(JSON.stringify(body));
    },
    end() {
      sent.ended = true;
    },
  };
  const host = { getType: () => 'http', switchToHttp: () => ({ getResponse: () => response }) } as unknown as ArgumentsHost;
  return { host, sent };
}

const filter = new ApiErrorFilter('alerts');

function answer(error: unknown): Sent {
  const { host, sent } = httpHost();
  filter.catch(error, host);
  return sent;
}

describe('ApiErrorFilter: every HTTP error as { statusCode, code, reason }', () => {
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it("renders a service's ApiError as its status, code and reason", () => {
    expect(answer(badRequest('invalid-query', 'limit must be an integer'))).toEqual({ status: 400, body: { statusCode: 400, code: 'invalid-query', reason: 'limit must be an integer' }, ended: false });
  });

  it('appends the details an ApiError carries after the code and reason', () => {
    const error = new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, 'invalid-routing-config', 'alerts.yaml has 1 problem(s)', { problems: [{ line: 7, message: 'bad' }] });
    expect(answer(error).body).toEqual({ statusCode: 422, code: 'invalid-routing-config', reason: 'alerts.yaml has 1 problem(s)', problems: [{ line: 7, message: 'bad' }] });
  });

  it("keeps the code and reason of an HttpException that has them (the auth guard's)", () => {
    const error = new ForbiddenException({ statusCode: 403, code: 'role-not-allowed', reason: 'role auditor may not do this; allowed: ops, admin' });
    expect(answer(error).body).toEqual({ statusCode: 403, code: 'role-not-allowed', reason: 'role auditor may not do this; allowed: ops, admin' });
  });

  it("names the body parser's refusals: not JSON (as Nest maps it, or raw), too large", () => {
    expect(answer(new BadRequestException('Expected property name or \'}\' in JSON at position 1')).body).toEqual({
      statusCode: 400,
      code: 'invalid-json',
      reason: "the body is not JSON: Expected property name or '}' in JSON at position 1",
    });
    expect(answer(Object.assign(new Error('Unexpected token'), { type: 'entity.parse.failed', status: 400 })).body).toMatchObject({ statusCode: 400, code: 'invalid-json' });
    expect(answer(Object.assign(new Error('request entity too large'), { type: 'entity.too.large', status: 413, limit: 102400 })).body).toEqual({
      statusCode: 413,
      code: 'body-too-large',
      reason: 'the body is larger than 102400 bytes',
    });
  });

  it("answers the strict parser's refusal of JSON that is no object (null, 3) with 400 invalid-body, not invalid-json", () => {
    // body-parser's words (strict, the default) as Nest maps them, for the bodies on the left.
    const refused = (message: string) => answer(new BadRequestException(message)).body;
    expect(refused('Unexpected token \'n\', "null" is not valid JSON')).toEqual({ statusCode: 400, code: 'invalid-body', reason: 'the body must be a JSON object, got null' });
    expect(refused('Unexpected token \'3\', " 3\n" is not valid JSON')).toEqual({ statusCode: 400, code: 'invalid-body', reason: 'the body must be a JSON object, got 3' });
    expect(refused('Unexpected token \'"\', ""aaaaaaaaa"... is not valid JSON')).toMatchObject({ code: 'invalid-body', reason: 'the body must be a JSON object, got a string' });
    expect(refused('Unexpected token \'-\', ..."          -123456789"... is not valid JSON')).toMatchObject({ code: 'invalid-body', reason: 'the body must be a JSON object, got a number' });
    expect(answer(Object.assign(new SyntaxError('Unexpected token \'t\', "true" is not valid JSON'), { type: 'entity.parse.failed', status: 400 })).body).toMatchObject({ code: 'invalid-body' });
    // Not JSON at all, whatever its first character; and JSON.parse's own refusal inside an array.
    for (const message of ['Unexpected token \'n\', "nul" is not valid JSON', 'Unexpected token \'x\', "xyzxyzxyzx"... is not valid JSON', 'Unexpected token \'x\', "[x]" is not valid JSON']) {
      expect({ message, body: refused(message) }).toMatchObject({ message, body: { code: 'invalid-json' } });
    }
  });

  it("names the router's refusals: no such route, a broken percent-encoding", () => {
    expect(answer(new NotFoundException('Cannot GET /alerts/nope')).body).toEqual({ statusCode: 404, code: 'route-not-found', reason: 'Cannot GET /alerts/nope' });
    expect(answer(new BadRequestException("Failed to decode param '%E0%A4%A'")).body).toMatchObject({ statusCode: 400, code: 'invalid-path-encoding' });
  });

  it('keeps the failing probes of a readiness check (terminus) and names them in the reason', () => {
    const result = { status: 'error', info: { postgres: { status: 'up' } }, error: { kafka: { status: 'down', message: 'no broker answered' } }, details: {} };
    expect(answer(new ServiceUnavailableException(result)).body).toEqual({
      statusCode: 503,
      code: 'not-ready',
      reason: 'not ready: kafka failed',
      info: { postgres: { status: 'up' } },
      error: { kafka: { status: 'down', message: 'no broker answered' } },
      details: {},
    });
  });

  it("answers the rate limiter's refusal with 429 rate-limited", () => {
    expect(answer(new ThrottlerException()).body).toMatchObject({ statusCode: 429, code: 'rate-limited' });
  });

  it('answers anything unexpected with a 500 that names the service and shows no internals, and logs it', () => {
    const sent = answer(new TypeError('invalid byte sequence for encoding "UTF8": 0x00 at /srv/parity/secret.ts'));
    expect(sent).toEqual({ status: 500, body: { statusCode: 500, code: 'internal-error', reason: 'alerts failed to answer; it is logged' }, ended: false });
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('invalid byte sequence'));
    expect(new ApiErrorFilter('replay').catch(new Error('boom'), httpHost().host)).toBeUndefined();
  });

  it('ends a response whose headers are already sent (a stream) instead of answering twice', () => {
    const { host, sent } = httpHost(true);
    filter.catch(new Error('the stream broke'), host);
    expect(sent).toEqual({ ended: true });
  });

  it("leaves a Kafka handler's error to Nest's RPC handling: an error Observable, not an HTTP answer", async () => {
    const host = { getType: () => 'rpc', getArgs: () => [], getArgByIndex: () => undefined } as unknown as ArgumentsHost;
    const result = filter.catch(new Error('the batch failed'), host);
    expect(isObservable(result)).toBe(true);
    await expect(lastValueFrom(result as Observable<unknown>)).rejects.toEqual({ status: 'error', message: 'Internal server error' });
  });
});
