import { Pool } from 'pg';
import { ChangeRow, ReplayRun } from '@parity/audit';
import { appendToLog, inTransaction, lockLogHead, NewLogEvent, streamLog } from '@parity/event-store';
import { DEFAULT_RULES_CONFIG } from '@parity/rules';

export const at = (iso: string) => Date.parse(iso);

export function priceSet(id: string, source: string, sku: string, amount: string, eventTime: string, window: { from?: string; to?: string } = {}): NewLogEvent {
  const data = { sku, amount, currency: 'PLN', ...(window.from ? { effectiveFrom: window.from } : {}), ...(window.to ? { effectiveTo: window.to } : {}) };
  return { source, id, type: 'retail.price.set.v1', subject: sku, eventTime: at(eventTime), dataJson: JSON.stringify(data), kafka: { topic: 'retail.prices.v1', partition: 0, offset: 0 } };
}

/** Appends events as ingest would, with the log's clock at `recordedAt`. */
export async function appendAt(pool: Pool, recordedAt: string, events: readonly NewLogEvent[]): Promise<void> {
  await inTransaction(pool, async (client) => appendToLog(client, await lockLogHead(client), events, at(recordedAt)));
}

/**
 * The finding history a reconciler writes for this log: the pure engine over it, rows as the
 * reconciler stores them (its kill spec shows the service writes exactly these).
 */
export async function writeLiveHistory(pool: Pool): Promise<number> {
  const run = new ReplayRun(DEFAULT_RULES_CONFIG);
  const client = await pool.connect();
  let written = 0;
  const write = async (rows: ChangeRow[]) => {
    if (rows.length === 0) return;
    await pool.query(
      `INSERT INTO finding_changes (finding_id, version, change, log_position, cloud_event)
       SELECT * FROM unnest($1::text[], $2::int[], $3::text[], $4::bigint[], $5::text[])`,
      [rows.map((r) => r.findingId), rows.map((r) => r.version), rows.map((r) => r.change), rows.map((r) => r.logPosition), rows.map((r) => r.cloudEvent)],
    );
    written += rows.length;
  };
  try {
    for await (const batch of streamLog(client)) await write(run.feed(batch));
    await write(run.finish());
    return written;
  } finally {
    client.release();
  }
}
