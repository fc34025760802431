import { ConfigError, Environment, list } from '@parity/config';
import { isRole, Role, ROLES } from './roles';

export interface ApiKey {
  readonly name: string;
  readonly role: Role;
  readonly key: string;
}

export interface AuthConfig {
  /** HMAC key (HS256) that signs and verifies bearer tokens. */
  readonly tokenSecret: string;
  readonly tokenIssuer: string;
  readonly apiKeys: readonly ApiKey[];
}

const MIN_SECRET_LENGTH = 32;
const MIN_KEY_LENGTH = 16;

/**
 * PARITY_AUTH_SECRET (required, >= 32 characters) signs tokens; PARITY_API_KEYS is an optional
 * comma-separated list of `name:role:key` for machine clients.
 */
export function authConfig(env: Environment): AuthConfig {
  const tokenSecret = env['PARITY_AUTH_SECRET']?.trim();
  if (!tokenSecret) {
    throw new ConfigError('PARITY_AUTH_SECRET', 'is not set: every API call is authenticated; set a random secret of at least 32 characters (npm start sets a local one)');
  }
  if (tokenSecret.length < MIN_SECRET_LENGTH) throw new ConfigError('PARITY_AUTH_SECRET', `must be at least ${MIN_SECRET_LENGTH} characters, got ${tokenSecret.length}`);
  const apiKeys = list(env, 'PARITY_API_KEYS', []).map((entry, index) => parseApiKey(entry, index));
  const seen = new Set<string>();
  for (const apiKey of apiKeys) {
    if (seen.has(apiKey.key)) throw new ConfigError('PARITY_API_KEYS', `the key of "${apiKey.name}" is used twice: each key must name one caller`);
    seen.add(apiKey.key);
  }
  return { tokenSecret, tokenIssuer: env['PARITY_AUTH_ISSUER']?.trim() || 'parity', apiKeys };
}

function parseApiKey(entry: string, index: number): ApiKey {
  const [name, role, ...rest] = entry.split(':');
  const key = rest.join(':');
  const where = `entry ${index + 1} ("${name ?? ''}:...")`;
  if (!name || !role || !key) throw new ConfigError('PARITY_API_KEYS', `${where} must be name:role:key`);
  if (!isRole(role)) throw new ConfigError('PARITY_API_KEYS', `${where} has role "${role}"; roles are ${ROLES.join(', ')}`);
  if (key.length < MIN_KEY_LENGTH) throw new ConfigError('PARITY_API_KEYS', `${where} has a key shorter than ${MIN_KEY_LENGTH} characters`);
  return { name, role, key };
}
