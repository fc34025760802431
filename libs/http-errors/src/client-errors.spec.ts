import { createServer, Server } from 'node:http';
import { AddressInfo, connect } from 'node:net';
import { answerClientErrorsAsJson } from './client-errors';

/** Sends `request` as raw bytes and returns all the server wrote before closing the connection. */
function raw(server: Server, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect((server.address() as AddressInfo).port, '127.0.0.1', () => socket.write(request));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}

const bodyOf = (response: string) => JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4)) as unknown;

describe("answerClientErrorsAsJson: Node's parser refusals as { statusCode, code, reason }", () => {
  let server: Server;
  beforeAll(async () => {
    server = createServer({ maxHeaderSize: 1024 }, (_request, response) => response.end('served'));
    answerClientErrorsAsJson(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('answers a header holding a control character with a JSON 400 and closes the connection', async () => {
    const response = await raw(server, 'GET /api/stream HTTP/1.1\r\nHost: parity\r\nLast-Event-ID: 12\u000134\r\n\r\n');
    expect(response).toMatch(/^HTTP\/1\.1 400 Bad Request\r\nContent-Type: application\/json; charset=utf-8\r\n/);
    expect(response).toMatch(/\r\nConnection: close\r\n/);
    expect(bodyOf(response)).toEqual({ statusCode: 400, code: 'bad-request', reason: 'the request is not valid HTTP: Invalid header value char' });
  });

  it('keeps the status Node gives headers that are too large: 431', async () => {
    const response = await raw(server, `GET / HTTP/1.1\r\nHost: parity\r\nX-Padding: ${'x'.repeat(2048)}\r\n\r\n`);
    expect(response).toMatch(/^HTTP\/1\.1 431 /);
    expect(bodyOf(response)).toEqual({ statusCode: 431, code: 'headers-too-large', reason: 'the request headers are larger than the server reads' });
  });

  it('serves a valid request as before', async () => {
    expect(await raw(server, 'GET / HTTP/1.1\r\nHost: parity\r\nConnection: close\r\n\r\n')).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*served$/);
  });
});
