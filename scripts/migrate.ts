import { ConfigError, requiredString } from '@parity/config';
import { ensureApplicationRole, migrate } from '@parity/event-store';

/**
 * Migrates the schema as its owner (DATABASE_ADMIN_URL, else DATABASE_URL). With
 * PARITY_APP_DB_PASSWORD set it first creates the services' login role `parity_app`, which may
 * append to the log but never change it.
 */
async function main(): Promise<void> {
  const env = process.env;
  const adminUrl = env['DATABASE_ADMIN_URL']?.trim() || requiredString(env, 'DATABASE_URL', 'or DATABASE_ADMIN_URL: the schema owner');
  const appPassword = env['PARITY_APP_DB_PASSWORD']?.trim();
  if (appPassword) await ensureApplicationRole(adminUrl, appPassword);
  const applied = await migrate(adminUrl);
  process.stdout.write(applied.length > 0 ? `applied ${applied.join(', ')}\n` : 'the schema is up to date\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`migrate: ${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(error instanceof ConfigError ? 2 : 1);
});
