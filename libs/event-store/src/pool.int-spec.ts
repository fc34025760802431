import { createTestDatabase, TestDatabase } from '@parity/testing';
import { openPool } from './pool';

/** The server ends a connection a service holds (an administrator, a failover, `npm start`'s Ctrl-C). */
describe('openPool: a dropped connection is an error to handle, not a crash', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('a checked-out connection terminated between two queries fails its next query, and the pool goes on', async () => {
    const idle: string[] = [];
    const pool = openPool(database.url, 2, (code) => idle.push(code ?? ''));
    const uncaught: Error[] = [];
    const onUncaught = (error: Error) => uncaught.push(error);
    process.prependListener('uncaughtException', onUncaught);
    try {
      const held = await pool.connect();
      const pid = Number((await held.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
      // Between two queries, as a transaction that waits for the engine: nothing in flight to reject.
      await database.admin.query('SELECT pg_terminate_backend($1)', [pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(uncaught).toEqual([]);
      await expect(held.query('SELECT 1')).rejects.toThrow();
      held.release(true);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);

      // An idle one: reported, and replaced on next use.
      const idlePid = Number((await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid);
      await database.admin.query('SELECT pg_terminate_backend($1)', [idlePid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(idle).toEqual(['57P01']);
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
      expect(uncaught).toEqual([]);
    } finally {
      process.removeListener('uncaughtException', onUncaught);
      await pool.end();
    }
  });
});
