import { Pool } from 'pg';

/**
 * A connection pool for a service. A connection the server drops (restart, failover, shutdown)
 * must not crash the process: pg emits the error on the client, and without a listener that is an
 * uncaught exception. Idle connections are reported (`onIdleError`) and replaced on next use; a
 * checked-out one, which pg-pool leaves without a listener, fails its query in flight or its next
 * one with the same error, and the code that holds it handles that.
 */
export function openPool(url: string, max: number, onIdleError: (code: string | undefined, reason: string) => void): Pool {
  const pool = new Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  pool.on('error', (error) => onIdleError((error as { code?: string }).code, error.message));
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
