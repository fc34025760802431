import { DataSource } from 'typeorm';
import { EventLog1700000000001 } from './migrations/1700000000001-event-log';
import { Findings1700000000002 } from './migrations/1700000000002-findings';
import { FindingCategory1700000000003 } from './migrations/1700000000003-finding-category';
import { FeedReadPaths1700000000010 } from './migrations/1700000000010-feed-read-paths';
import { Alerts1700000000020 } from './migrations/1700000000020-alerts';
import { LogSeals1700000000030 } from './migrations/1700000000030-log-seals';

export const MIGRATIONS = [
  EventLog1700000000001,
  Findings1700000000002,
  FindingCategory1700000000003,
  FeedReadPaths1700000000010,
  Alerts1700000000020,
  LogSeals1700000000030,
];
export const APPLICATION_ROLE = 'parity_app';

/** Applies pending migrations as the schema owner; returns the names it applied. */
export async function migrate(adminUrl: string): Promise<string[]> {
  const dataSource = new DataSource({
    type: 'postgres',
    url: adminUrl,
    migrations: MIGRATIONS,
    migrationsTableName: 'parity_migrations',
    migrationsTransactionMode: 'each',
    logging: false,
  });
  await dataSource.initialize();
  try {
    // One migrator at a time, even when several services start together.
    await dataSource.query('SELECT pg_advisory_lock(7270001)');
    const applied = await dataSource.runMigrations();
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Creates (or updates the password of) the login role the services use: it can append to the
 * log but not update, delete or truncate it. Run before `migrate`, which grants it its rights.
 */
export async function ensureApplicationRole(adminUrl: string, password: string): Promise<void> {
  const dataSource = new DataSource({ type: 'postgres', url: adminUrl, logging: false });
  await dataSource.initialize();
  try {
    const literal = `'${password.replace(/'/g, "''")}'`;
    await dataSource.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APPLICATION_ROLE}') THEN
          CREATE ROLE ${APPLICATION_ROLE} LOGIN PASSWORD ${literal};
        ELSE
          ALTER ROLE ${APPLICATION_ROLE} LOGIN PASSWORD ${literal};
        END IF;
      END $$`);
  } finally {
    await dataSource.destroy();
  }
}

/** The same URL, logged in as another role. */
export function withCredentials(url: string, user: string, password: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password;
  return parsed.toString();
}
