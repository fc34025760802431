import { Injectable } from '@nestjs/common';
import { PoolClient } from 'pg';
import { factClockKey, FactTime } from './late-arrivals';

/** Latest event time per (channel, fact), to tell late arrivals. */
@Injectable()
export class FactClockRepository {
  async read(client: PoolClient, facts: readonly FactTime[]): Promise<Map<string, number>> {
    const known = new Map<string, number>();
    if (facts.length === 0) return known;
    const result = await client.query<{ channel: string; fact_key: string; event_time: string }>(
      `SELECT c.channel, c.fact_key, (extract(epoch FROM c.event_time) * 1000)::bigint AS event_time
         FROM fact_clock c JOIN unnest($1::text[], $2::text[]) AS f(channel, fact_key)
           ON c.channel = f.channel AND c.fact_key = f.fact_key`,
      [facts.map((fact) => fact.channel), facts.map((fact) => fact.factKey)],
    );
    for (const row of result.rows) known.set(factClockKey(row.channel, row.fact_key), Number(row.event_time));
    return known;
  }

  async advance(client: PoolClient, facts: readonly FactTime[]): Promise<void> {
    if (facts.length === 0) return;
    await client.query(
      `INSERT INTO fact_clock (channel, fact_key, event_time)
       SELECT channel, fact_key, to_timestamp(ms / 1000.0) FROM unnest($1::text[], $2::text[], $3::bigint[]) AS f(channel, fact_key, ms)
       ON CONFLICT (channel, fact_key) DO UPDATE SET event_time = GREATEST(fact_clock.event_time, EXCLUDED.event_time)`,
      [facts.map((fact) => fact.channel), facts.map((fact) => fact.factKey), facts.map((fact) => fact.eventTime)],
    );
  }
}
