import { createHmac } from 'node:crypto';

/** Standard Webhooks headers (https://www.standardwebhooks.com): id, timestamp, signatures. */
export interface SignedHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/**
 * Signs `${id}.${timestamp}.${body}` with HMAC-SHA256 under every key (`whsec_<base64>`), so a
 * receiver that knows either the old or the new key verifies it while keys rotate.
 */
export function signWebhook(id: string, timestampSeconds: number, body: string, secrets: readonly string[]): SignedHeaders {
  const content = `${id}.${timestampSeconds}.${body}`;
  const signatures = secrets.map((secret) => {
    const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
    return `v1,${createHmac('sha256', key).update(content).digest('base64')}`;
  });
  return { 'webhook-id': id, 'webhook-timestamp': String(timestampSeconds), 'webhook-signature': signatures.join(' ') };
}
