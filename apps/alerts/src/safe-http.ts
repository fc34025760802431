import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { AddressPolicy, checkAddress } from './core/address-policy';
import { AttemptOutcome, httpOutcome } from './core/backoff';

export interface HttpLimits {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly policy: AddressPolicy;
}

export class AddressRefusedError extends Error {
  readonly code = 'receiver-address-refused';
}

/**
 * Resolves a host and checks every address it resolves to; the connection then uses exactly the
 * checked address, so a DNS answer that changes between check and connect cannot redirect it.
 */
export function guardedLookup(policy: AddressPolicy) {
  return (hostname: string, options: { all?: boolean; family?: number }, callback: (...args: unknown[]) => void): void => {
    dnsLookup(hostname, { all: true, family: options.family ?? 0 }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error);
      for (const { address } of addresses) {
        const check = checkAddress(address, policy);
        if (!check.ok) return callback(new AddressRefusedError(`${hostname} resolves to ${check.reason}`));
      }
      const first = addresses[0];
      if (!first) return callback(new AddressRefusedError(`${hostname} resolves to nothing`));
      if (options.all) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}

/**
 * POSTs a body to a receiver: allow-listed addresses only, no redirects followed, the whole
 * exchange bounded by a timeout, at most `maxResponseBytes` of the response read.
 */
export function postJson(url: string, body: string, headers: Record<string, string>, limits: HttpLimits): Promise<AttemptOutcome> {
  const target = new URL(url);
  const literal = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(literal)) {
    const check = checkAddress(literal, limits.policy);
    if (!check.ok) return Promise.resolve({ kind: 'failed', statusCode: null, error: check.reason, permanent: true });
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: AttemptOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'parity-alerts', ...headers },
        lookup: guardedLookup(limits.policy) as never,
        agent: false,
      },
      (response) => {
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          // The status is what counts; a receiver that answers with more than the limit is cut off.
          if (received > limits.maxResponseBytes) response.destroy();
        });
        const finish = () => done(httpOutcome(response.statusCode ?? 0));
        response.on('end', finish);
        response.on('close', finish);
        response.on('error', finish);
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      done({ kind: 'failed', statusCode: null, error: `no answer within ${limits.timeoutMs} ms`, permanent: false });
    }, limits.timeoutMs);
    request.on('error', (error) => {
      const refused = error instanceof AddressRefusedError;
      done({ kind: 'failed', statusCode: null, error: `${refused ? '' : 'network: '}${error.message}`, permanent: refused });
    });
    request.end(body);
  });
}
