import { Pool } from 'pg';

/**
 * A connection pool for a service. An idle connection the server drops (restart, failover) is
 * reported and replaced on next use; without a listener it would crash the process.
 */
export function openPool(url: string, max: number, onIdleError: (code: string | undefined, reason: string) => void): Pool {
  const pool = new Pool({ connectionString: url, max, connectionTimeoutMillis: 5000 });
  pool.on('error', (error) => onIdleError((error as { code?: string }).code, error.message));
  return pool;
}
