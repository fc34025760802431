import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { postJson } from './safe-http';

describe('postJson: allow list, timeout, response limit, no redirects', () => {
  let server: Server;
  let port = 0;
  let hits = 0;
  beforeAll(async () => {
    server = createServer((request, response) => {
      hits += 1;
      if (request.url === '/slow') return void setTimeout(() => response.end('late'), 2_000);
      if (request.url === '/huge') return void response.writeHead(200).end(Buffer.alloc(1_000_000, 'x'));
      if (request.url === '/redirect') return void response.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      response.writeHead(204).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const allowLocal = { timeoutMs: 500, maxResponseBytes: 1024, policy: { allowedNetworks: ['127.0.0.0/8', '::1/128'] } };
  const publicOnly = { ...allowLocal, policy: { allowedNetworks: [] } };

  it('refuses loopback by address and by a name that resolves to it, without connecting', async () => {
    const before = hits;
    expect(await postJson(`http://127.0.0.1:${port}/`, '{}', {}, publicOnly)).toMatchObject({ kind: 'failed', permanent: true, error: expect.stringContaining('loopback') });
    expect(await postJson(`http://localhost:${port}/`, '{}', {}, publicOnly)).toMatchObject({ kind: 'failed', permanent: true, error: expect.stringContaining('localhost resolves to') });
    expect(hits).toBe(before);
  });

  it('delivers where allowed; times out a slow receiver; cuts a huge answer but keeps its status; does not follow redirects', async () => {
    expect(await postJson(`http://localhost:${port}/`, '{}', {}, allowLocal)).toEqual({ kind: 'delivered', statusCode: 204 });
    expect(await postJson(`http://127.0.0.1:${port}/slow`, '{}', {}, allowLocal)).toMatchObject({ kind: 'failed', permanent: false, error: 'no answer within 500 ms' });
    expect(await postJson(`http://127.0.0.1:${port}/huge`, '{}', {}, allowLocal)).toEqual({ kind: 'delivered', statusCode: 200 });
    expect(await postJson(`http://127.0.0.1:${port}/redirect`, '{}', {}, allowLocal)).toMatchObject({ kind: 'failed', statusCode: 302, permanent: false });
  });
});
