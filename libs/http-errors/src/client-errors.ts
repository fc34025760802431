import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

/** Node's refusals by its error code, with the status Node gives them; anything else is a 400. */
const REFUSALS: Readonly<Record<string, { status: number; statusText: string; code: string; reason: string }>> = {
  HPE_HEADER_OVERFLOW: { status: 431, statusText: 'Request Header Fields Too Large', code: 'headers-too-large', reason: 'the request headers are larger than the server reads' },
  HPE_CHUNK_EXTENSIONS_OVERFLOW: { status: 413, statusText: 'Payload Too Large', code: 'body-too-large', reason: 'the chunk extensions are larger than the server reads' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, statusText: 'Request Timeout', code: 'request-timeout', reason: 'the request did not arrive in time' },
};

/**
 * Answers the requests Node's HTTP parser refuses before any route or filter sees them (a header
 * holding a control character, headers too large, a request too slow) as every other error,
 * `{ statusCode, code, reason }`, instead of Node's bare status line. Does what Node does
 * otherwise: nothing is written once a response to the connection has begun, and the
 * connection is closed.
 */
export function answerClientErrorsAsJson(server: Server): void {
  server.on('clientError', (error: Error & { code?: string; reason?: string }, socket: Duplex) => {
    // Node's own test: a response in flight (a stream) must not be corrupted by a second one.
    const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (socket.writable && !inFlight?.headersSent) socket.write(clientErrorResponse(error));
    socket.destroy(error);
  });
}

function clientErrorResponse(error: Error & { code?: string; reason?: string }): string {
  const refusal = REFUSALS[error.code ?? ''] ?? { status: 400, statusText: 'Bad Request', code: 'bad-request', reason: `the request is not valid HTTP: ${error.reason ?? error.message}` };
  const body = JSON.stringify({ statusCode: refusal.status, code: refusal.code, reason: refusal.reason });
  const head = [`HTTP/1.1 ${refusal.status} ${refusal.statusText}`, 'Content-Type: application/json; charset=utf-8', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close'];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}
