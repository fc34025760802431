import { readFileSync } from 'node:fs';
import { DEFAULT_RULES_CONFIG, RulesConfig } from '@parity/rules';
import { ConfigError, Environment } from './environment';

/**
 * RULES_CONFIG_FILE: a JSON file overriding any of the documented defaults. Shared by the
 * reconciler and the audit replay: a replay must run the rules the live run ran.
 */
export function rulesConfig(env: Environment): RulesConfig {
  const file = env['RULES_CONFIG_FILE']?.trim();
  if (!file) return DEFAULT_RULES_CONFIG;
  let overrides: unknown;
  try {
    overrides = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError('RULES_CONFIG_FILE', `cannot read ${file} as JSON: ${(error as Error).message}`);
  }
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new ConfigError('RULES_CONFIG_FILE', `${file} must hold a JSON object`);
  }
  const unknown = Object.keys(overrides).filter((key) => !(key in DEFAULT_RULES_CONFIG));
  if (unknown.length > 0) throw new ConfigError('RULES_CONFIG_FILE', `unknown settings: ${unknown.join(', ')}`);
  return { ...DEFAULT_RULES_CONFIG, ...(overrides as Partial<RulesConfig>) };
}
