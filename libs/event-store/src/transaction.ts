import { Pool, PoolClient } from 'pg';

/** How a transaction begins: the default, or one read-only snapshot that every query in it sees (audits). */
export type TransactionMode = 'read-write' | 'read-only-snapshot';

const BEGIN: Record<TransactionMode, string> = {
  'read-write': 'BEGIN',
  'read-only-snapshot': 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
};

/** Runs `work` in one transaction: all of it commits, or none of it. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>, mode: TransactionMode = 'read-write'): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query(BEGIN[mode]);
    const result = await work(client);
    await client.query('COMMIT');
    client.release();
    return result;
  } catch (error) {
    // A failed rollback means a broken connection: destroy it rather than return it to the pool.
    await client.query('ROLLBACK').then(
      () => client.release(),
      (rollbackError: unknown) => client.release(rollbackError as Error),
    );
    throw error;
  }
}
