import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { Webhook } from 'standardwebhooks';

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly status: number;
  readonly at: number;
}

export interface ReceiverBehaviour {
  /** Standard Webhooks keys the receiver verifies with (any one verifying is enough). */
  readonly secrets?: readonly string[];
  /** Refuse a webhook-id seen before with 409 instead of acknowledging it again. */
  readonly rejectReplays?: boolean;
  /** Decides a status for a request that verified (default 200). */
  readonly respond?: (request: ReceivedRequest) => number;
  readonly delayMs?: number;
}

/**
 * A real local HTTP receiver, as a pricing team's system would be: verifies every signature with
 * the standardwebhooks library, remembers ids it accepted, can fail requests and go down.
 */
export class TestReceiver {
  readonly requests: ReceivedRequest[] = [];
  /** webhook-id -> how many times a request with it was answered 2xx. */
  readonly accepted = new Map<string, number>();
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(private readonly behaviour: ReceiverBehaviour = {}) {}

  async start(port = 0): Promise<this> {
    const server = createServer((request, response) => void this.handle(request, response));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  /** Down: the port refuses connections, and connections in flight are cut. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => server?.close(() => resolve()) ?? resolve());
  }

  async up(): Promise<void> {
    await this.start(this.port);
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Bodies of the requests it accepted (2xx), parsed, each webhook-id once. */
  documents<T = Record<string, unknown>>(path?: string): T[] {
    const seen = new Set<string>();
    const documents: T[] = [];
    for (const request of this.requests) {
      if (request.status >= 300 || (path && request.path !== path)) continue;
      const id = request.headers['webhook-id'] ?? '';
      if (seen.has(id)) continue;
      seen.add(id);
      documents.push(JSON.parse(request.body) as T);
    }
    return documents;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    const received = { path: request.url ?? '', headers, body, at: Date.now() };
    let status = this.verify(body, headers) ? 200 : 401;
    const id = headers['webhook-id'] ?? '';
    if (status === 200 && this.behaviour.rejectReplays && this.accepted.has(id)) status = 409;
    if (status === 200 && this.behaviour.respond) status = this.behaviour.respond({ ...received, status });
    if (this.behaviour.delayMs) await new Promise((resolve) => setTimeout(resolve, this.behaviour.delayMs));
    this.requests.push({ ...received, status });
    if (status >= 200 && status < 300) this.accepted.set(id, (this.accepted.get(id) ?? 0) + 1);
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status }));
  }

  private verify(body: string, headers: Record<string, string>): boolean {
    const secrets = this.behaviour.secrets;
    if (!secrets || secrets.length === 0) return true;
    return secrets.some((secret) => {
      try {
        new Webhook(secret).verify(body, headers);
        return true;
      } catch {
        return false;
      }
    });
  }
}

export interface ReceivedMail {
  readonly from: string;
  readonly to: string[];
  readonly raw: string;
}

/** A real SMTP listener (smtp-server) on a local port, keeping every message. */
export async function startSmtpListener(): Promise<{ port: number; mails: ReceivedMail[]; close(): Promise<void> }> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
