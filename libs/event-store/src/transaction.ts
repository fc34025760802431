import { Pool, PoolClient } from 'pg';

/** Runs `work` in one transaction: all of it commits, or none of it. */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
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
