#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { authConfig, Credentials, ROLES, Role } from '@parity/auth';
import { ConfigError } from '@parity/config';

/** `npm run token -- --name alice --role ops`: a signed bearer token for the API, from PARITY_AUTH_SECRET. */
const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

function duration(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value);
  if (!match) throw new InvalidArgumentError('use a number and a unit: 90s, 30m, 8h, 7d');
  return Number(match[1]) * (UNITS[match[2] ?? 's'] ?? 1);
}

const program = new Command()
  .name('token')
  .description('issue a signed bearer token for the Parity APIs (signed with PARITY_AUTH_SECRET)')
  .requiredOption('--name <name>', 'who the token is for (recorded on every action taken with it)')
  .addOption(new Option('--role <role>', 'what the caller may do').choices(ROLES as unknown as string[]).makeOptionMandatory())
  .option('--ttl <duration>', 'how long it is valid', duration, duration('8h'))
  .exitOverride()
  .action((options: { name: string; role: Role; ttl: number }) => {
    const token = new Credentials(authConfig(process.env)).issue(options.name, options.role, options.ttl);
    process.stdout.write(`${token}\n`);
  });

try {
  program.parse(process.argv);
} catch (error) {
  // commander has printed the help or the usage error; a bad argument exits 2, as in the parity CLI.
  if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : 2);
  process.stderr.write(`token: ${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(2);
}
