/**
 * Who may do what. `admin` passes every role check (configuration and everything below it);
 * `auditor` is read-only everywhere.
 */
export const ROLES = ['ops', 'pricing', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Every role that may read findings, timelines and reports. */
export const READERS: readonly Role[] = ['ops', 'pricing', 'auditor'];

/** The caller behind a request, as the guard established it. */
export interface Principal {
  readonly name: string;
  readonly role: Role;
  /** How the caller proved it: an API key or a signed token. */
  readonly via: 'api-key' | 'token';
}

export function allows(principal: Principal, allowed: readonly Role[]): boolean {
  return principal.role === 'admin' || allowed.includes(principal.role);
}
