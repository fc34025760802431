/**
 * Typed configuration, parsed once at start-up from the environment.
 * A missing or malformed variable stops the start with a message naming it.
 */
export type Environment = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  readonly code = 'invalid-configuration';
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

export function requiredString(env: Environment, name: string, hint: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(name, `is not set (${hint})`);
  return value;
}

export function optionalString(env: Environment, name: string, fallback: string): string {
  const value = env[name]?.trim();
  return value ? value : fallback;
}

export function integer(
  env: Environment,
  name: string,
  fallback: number,
  range: { min?: number; max?: number } = {},
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new ConfigError(name, `must be an integer, got "${raw}"`);
  const value = Number(raw);
  if (range.min !== undefined && value < range.min) throw new ConfigError(name, `must be >= ${range.min}, got ${value}`);
  if (range.max !== undefined && value > range.max) throw new ConfigError(name, `must be <= ${range.max}, got ${value}`);
  return value;
}

export function list(env: Environment, name: string, fallback: readonly string[]): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [...fallback];
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);
}

export function regex(env: Environment, name: string): RegExp | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  try {
    return new RegExp(raw);
  } catch (error) {
    throw new ConfigError(name, `is not a valid regular expression: ${(error as Error).message}`);
  }
}

export function oneOf<T extends string>(env: Environment, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}
