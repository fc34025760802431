import { Pool } from 'pg';
import { eventually } from '@parity/testing';

/** Every partition's checkpoint at the head: the reconciler has read the whole log. */
export async function reconciled(pool: Pool, events: number, partitions = 6): Promise<void> {
  await eventually(
    'the reconciler at the head of the log',
    async () => {
      const row = (
        await pool.query<{ events: string; behind: string; partitions: string }>(
          `SELECT (SELECT position FROM event_log_head) AS events,
                  (SELECT count(*) FROM reconciler_checkpoints c, event_log_head h WHERE c.position < h.position) AS behind,
                  (SELECT count(*) FROM reconciler_checkpoints) AS partitions`,
        )
      ).rows[0]!;
      return Number(row.events) >= events && Number(row.partitions) === partitions && Number(row.behind) === 0 ? true : undefined;
    },
    180_000,
    250,
  );
}
