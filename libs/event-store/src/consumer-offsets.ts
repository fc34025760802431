import { Pool, PoolClient } from 'pg';

export interface TopicPartition {
  readonly topic: string;
  readonly partition: number;
}

/** One string per topic partition, for maps. */
export const partitionKey = ({ topic, partition }: TopicPartition): string => `${topic}\u0000${partition}`;

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

  /**
   * lockNextOffset for several partitions in one round trip, keyed by partitionKey. Rows are locked
   * in key order, so two consumers locking overlapping sets cannot deadlock.
   */
  async lockNextOffsets(client: PoolClient, groupId: string, partitions: readonly TopicPartition[]): Promise<Map<string, number>> {
    const result = await client.query<{ topic: string; partition: number; next_offset: string }>(
      `SELECT o.topic, o.partition, o.next_offset FROM consumer_offsets o
         JOIN unnest($2::text[], $3::int[]) AS p(topic, partition) ON o.topic = p.topic AND o.partition = p.partition
        WHERE o.group_id = $1 ORDER BY o.topic, o.partition FOR UPDATE OF o`,
      [groupId, partitions.map((p) => p.topic), partitions.map((p) => p.partition)],
    );
    return new Map(result.rows.map((row) => [partitionKey(row), Number(row.next_offset)]));
  }

  /** save for several partitions in one statement; one entry per partition (PostgreSQL refuses a row updated twice). */
  async saveAll(client: PoolClient, groupId: string, offsets: readonly (TopicPartition & { readonly nextOffset: number })[]): Promise<void> {
    if (offsets.length === 0) return;
    await client.query(
      `INSERT INTO consumer_offsets (group_id, topic, partition, next_offset, updated_at)
       SELECT $1, topic, partition, next_offset, now() FROM unnest($2::text[], $3::int[], $4::bigint[]) AS o(topic, partition, next_offset)
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = EXCLUDED.updated_at`,
      [groupId, offsets.map((o) => o.topic), offsets.map((o) => o.partition), offsets.map((o) => o.nextOffset)],
    );
  }

  async save(client: PoolClient, groupId: string, topic: string, partition: number, nextOffset: number): Promise<void> {
    await client.query(
      `INSERT INTO consumer_offsets (group_id, topic, partition, next_offset, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET next_offset = EXCLUDED.next_offset, updated_at = EXCLUDED.updated_at`,
      [groupId, topic, partition, nextOffset],
    );
  }
}
