import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import nodemailer from 'nodemailer';
import { Logger } from 'pino';
import { ClaimedNotification } from './alerts.repository';
import { AddressPolicy, checkAddress } from './core/address-policy';
import { ReceiverConfig } from './core/alerts-config';
import { AttemptOutcome } from './core/backoff';
import { chatMessage, emailMessage } from './core/notification-document';
import { signWebhook } from './core/signature';
import { HttpLimits, postJson } from './safe-http';

/** Sends one notification to its receiver, by kind; the outcome decides retry or park. */
export class Senders {
  constructor(
    private readonly limits: HttpLimits,
    private readonly logger: Logger,
  ) {}

  async send(notification: ClaimedNotification, receiver: ReceiverConfig, now: number): Promise<AttemptOutcome> {
    switch (receiver.kind) {
      case 'log':
        this.logger.info({ notification: notification.id, receiver: receiver.name, summary: notification.document.summary, findings: notification.document.findings.length }, 'notification');
        return { kind: 'delivered', statusCode: null };
      case 'webhook':
        return this.post(receiver.url, JSON.stringify(notification.document), notification.id, receiver.secrets, now);
      case 'chat':
        return this.post(receiver.url, JSON.stringify(chatMessage(notification.document)), notification.id, receiver.secrets, now);
      case 'email':
        return this.mail(notification, receiver);
      default: {
        const unhandled: never = receiver;
        throw new TypeError(`unknown receiver ${JSON.stringify(unhandled)}`);
      }
    }
  }

  /** Signed at each attempt: the id stays (idempotency), the timestamp is the attempt's. */
  private post(url: string, body: string, id: string, secrets: readonly string[], now: number): Promise<AttemptOutcome> {
    const headers: Record<string, string> = secrets.length > 0 ? { ...signWebhook(id, Math.floor(now / 1000), body, secrets) } : { 'webhook-id': id };
    return postJson(url, body, headers, this.limits);
  }

  private async mail(notification: ClaimedNotification, receiver: Extract<ReceiverConfig, { kind: 'email' }>): Promise<AttemptOutcome> {
    const refused = await refusedHost(receiver.host, this.limits.policy);
    if (refused) return { kind: 'failed', statusCode: null, error: refused, permanent: true };
    const transport = nodemailer.createTransport({
      host: receiver.host,
      port: receiver.port,
      secure: receiver.secure,
      ...(receiver.username ? { auth: { user: receiver.username, pass: receiver.password ?? '' } } : {}),
      connectionTimeout: this.limits.timeoutMs,
      greetingTimeout: this.limits.timeoutMs,
      socketTimeout: this.limits.timeoutMs,
    });
    const message = emailMessage(notification.document);
    try {
      await transport.sendMail({
        from: receiver.from,
        to: [...receiver.to],
        subject: message.subject,
        text: message.text,
        // The notification id as Message-ID: a mail system that sees it twice can tell.
        messageId: `<${notification.id}@parity.alerts>`,
        headers: { 'X-Parity-Notification-Id': notification.id },
      });
      return { kind: 'delivered', statusCode: null };
    } catch (error) {
      const responseCode = (error as { responseCode?: number }).responseCode;
      const permanent = responseCode !== undefined && responseCode >= 500 && responseCode < 600;
      return { kind: 'failed', statusCode: responseCode ?? null, error: `smtp: ${(error as Error).message}`, permanent };
    } finally {
      transport.close();
    }
  }
}

async function refusedHost(host: string, policy: AddressPolicy): Promise<string | undefined> {
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  } catch {
    // Not resolvable now: the send fails, is retried, and is checked again then.
    return undefined;
  }
  for (const address of addresses) {
    const check = checkAddress(address, policy);
    if (!check.ok) return `${host} resolves to ${check.reason}`;
  }
  return undefined;
}
