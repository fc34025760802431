import { Pool, PoolClient } from 'pg';

/**
 * A consumer group's offsets, kept in PostgreSQL next to what was consumed, and written in the
 * same transaction: that is what makes a Kafka intake exactly once (ingest, alerts).
 */
export class ConsumerOffsets {
  constructor(private readonly pool: Pool) {}

  async nextOffsets(groupId: string, topic: string, partitions: readonly number[]): Promise<Map<number, number>> {
    const result = await this.pool.query<{ partition: number; next_offset: string }>(
      'SELECT partition, next_offset FROM consumer_offsets WHERE group_id = $1 AND topic = $2 AND partition = ANY($3::int[])',
      [groupId, topic, partitions],
    );
    return new Map(result.rows.map((row) => [row.partition, Number(row.next_offset)]));
  }

  /** Locks the partition's row: a consumer that lost the partition in a rebalance waits, then sees the new offset. */
  async lockNextOffset(client: PoolClient, groupId: string, topic: string, partition: number): Promise<number | undefined> {
    const result = await client.query<{ next_offset: string }>(
      'SELECT next_offset FROM consumer_offsets WHERE group_id = $1 AND topic = $2 AND partition = $3 FOR UPDATE',
      [groupId, topic, partition],
    );
    const row = result.rows[0];
    return row ? Number(row.next_offset) : undefined;
  }

  async save(client: PoolClient, groupId: string, topic: string, partition: number, nextOffset: number): Promise<void> {
    await client.query(
      `INSERT INTO consumer_offsets (group_id, topic, partition, next_offset, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = EXCLUDED.updated_at`,
      [groupId, topic, partition, nextOffset],
    );
  }
}
