import ipaddr from 'ipaddr.js';

export interface AddressPolicy {
  /** CIDR ranges allowed even though they are not public unicast (e.g. 10.0.0.0/8 for an internal hook). */
  readonly allowedNetworks: readonly string[];
}

export type AddressCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * Whether a receiver may be reached at `address`: public unicast addresses only, unless a
 * configured network covers it. Loopback, private, link-local (169.254.169.254, the cloud metadata
 * service, is one), unique-local, multicast and reserved ranges are refused by default.
 */
export function checkAddress(address: string, policy: AddressPolicy): AddressCheck {
  if (!ipaddr.isValid(address)) return { ok: false, reason: `${address} is not an IP address` };
  const parsed = ipaddr.process(address);
  for (const network of policy.allowedNetworks) {
    const [range, bits] = ipaddr.parseCIDR(network);
    if (range.kind() === parsed.kind() && parsed.match([range, bits] as never)) return { ok: true };
  }
  const range = parsed.range();
  if (range === 'unicast') return { ok: true };
  return { ok: false, reason: `${address} is a ${range} address; allow it with ALERTS_ALLOWED_NETWORKS if this receiver is meant to be there` };
}

/** Validates the configured networks once, at start-up. */
export function invalidNetworks(networks: readonly string[]): string[] {
  return networks.filter((network) => {
    try {
      ipaddr.parseCIDR(network);
      return false;
    } catch {
      return true;
    }
  });
}
