import { Writable } from 'node:stream';
import { createLogger } from './logger';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('createLogger', () => {
  it('given a request with credentials in its headers, when a line is logged about it, then the credentials are redacted and the rest is kept', () => {
    const out = capture();
    const logger = createLogger('feed', 'info', out.stream);
    // What pino-http puts on a request's lines: the serialised request and response.
    logger.child({ req: { method: 'GET', url: '/api/findings', headers: { 'x-api-key': 'ops-secret-key', authorization: 'Bearer eyJ.secret', cookie: 'parity_credential=ops-secret-key', accept: 'application/json' } }, res: { statusCode: 200, headers: { 'set-cookie': 'parity_credential=ops-secret-key' } } }).error('the feed failed to answer');
    const [line] = out.lines();
    expect(JSON.stringify(line)).not.toContain('secret');
    expect(line).toMatchObject({
      service: 'feed',
      msg: 'the feed failed to answer',
      req: { url: '/api/findings', headers: { 'x-api-key': '[redacted]', authorization: '[redacted]', cookie: '[redacted]', accept: 'application/json' } },
      res: { headers: { 'set-cookie': '[redacted]' } },
    });
  });

  it('given a line with no request, when it is logged, then it is written as given', () => {
    const out = capture();
    createLogger('ingest', 'info', out.stream).info({ partition: 2 }, 'appended');
    expect(out.lines()).toEqual([expect.objectContaining({ service: 'ingest', partition: 2, msg: 'appended' })]);
  });
});
