import { Pool } from 'pg';
import { chainHash, copyLogRecords, GENESIS_HASH, LogRecord } from '@parity/event-store';

const SKUS = 2_000;
const CHANNELS = ['eshop', 'app', 'contact-center', 'store/WAW-001', 'store/KRK-002'];
const START = Date.UTC(2026, 10, 1);

/**
 * The record at `position` of the million log, without its chain hash: prices, and a stock level
 * every fourth event, each round of SKUS events from the next channel; channels agree except that
 * now and then one restates a SKU at another price. Shared by writeLog and the in-process engine
 * bench, so both measure the same traffic.
 */
export function millionLogRecord(position: number): Omit<LogRecord, 'hash'> {
  const sku = `SKU-${position % SKUS}`;
  const stock = position % 4 === 0;
  const drift = Math.floor(position / SKUS) % 5 === 2 && position % 13 === 0 ? 5 : 0;
  return {
    position,
    source: CHANNELS[Math.floor(position / SKUS) % CHANNELS.length]!,
    id: `e-${position}`,
    type: stock ? 'retail.stock.level.v1' : 'retail.price.set.v1',
    subject: sku,
    eventTime: START + position * 1000,
    recordedAt: START + position * 1000 + 250,
    dataJson: stock
      ? `{"sku":"${sku}","location":"store/WAW-001","available":${10 + ((position % SKUS) % 40)},"fulfilment":["in-store","click-and-collect"]}`
      : `{"sku":"${sku}","amount":"${100 + drift}.99","currency":"PLN"}`,
    kafka: { topic: 'retail.prices.v1', partition: position % 3, offset: Math.floor(position / 3) },
  };
}

/**
 * A log of `count` chained channel events (millionLogRecord), written with COPY in chunks (about
 * 10 s for a million rows here), so findings open and resolve as on an ordinary day. Returns its head.
 */
export async function writeLog(pool: Pool, count: number, chunk = 100_000): Promise<{ position: number; hash: Buffer }> {
  const client = await pool.connect();
  let hash: Buffer = GENESIS_HASH;
  try {
    await client.query('BEGIN');
    for (let from = 1; from <= count; from += chunk) {
      const records: LogRecord[] = [];
      for (let position = from; position < from + chunk && position <= count; position += 1) {
        const content = millionLogRecord(position);
        hash = chainHash(hash, content);
        records.push({ ...content, hash });
      }
      await copyLogRecords(client, records);
    }
    await client.query('UPDATE event_log_head SET position = $1, hash = $2 WHERE singleton', [count, hash]);
    await client.query('COMMIT');
    return { position: count, hash };
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}
