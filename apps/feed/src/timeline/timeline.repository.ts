import { Injectable } from '@nestjs/common';
import { Pool } from 'pg';
import { FindingView } from '../findings/finding-view';
import { FindingChangeRecord, TimelineEvent } from './timeline';

interface Row {
  position: string;
  source: string;
  id: string;
  type: string;
  event_time: Date;
  recorded_at: Date;
  data: string;
}

const COLUMNS = 'position, source, id, type, event_time, recorded_at, data::text AS data';
// Literal type lists, as in the partial indexes of FeedReadPaths1700000000010, so the planner uses them.
const SKU_TYPES = "('retail.price.set.v1', 'retail.stock.level.v1', 'retail.product.upserted.v1')";
const PROMOTION_TYPES = "('retail.promotion.activated.v1', 'retail.promotion.deactivated.v1')";
const MAX_EVENTS = 20_000;

/** The log and the finding history of one SKU. */
@Injectable()
export class TimelineRepository {
  constructor(private readonly pool: Pool) {}

  /** Its prices, stock and catalog facts; every event of a promotion that ever listed it; every returns policy. */
  async events(sku: string): Promise<TimelineEvent[]> {
    const [own, promotions, policies] = await Promise.all([
      this.pool.query<Row>(`SELECT ${COLUMNS} FROM event_log WHERE data->>'sku' = $1 AND type IN ${SKU_TYPES} ORDER BY position LIMIT ${MAX_EVENTS}`, [sku]),
      this.pool.query<Row>(
        `SELECT ${COLUMNS} FROM event_log WHERE type IN ${PROMOTION_TYPES} AND data->>'promotionId' IN (
           SELECT data->>'promotionId' FROM event_log WHERE type IN ${PROMOTION_TYPES} AND ((data::jsonb)->'skus') @> jsonb_build_array($1::text))
         ORDER BY position LIMIT ${MAX_EVENTS}`,
        [sku],
      ),
      this.pool.query<Row>(`SELECT ${COLUMNS} FROM event_log WHERE type = 'retail.returns-policy.set.v1' ORDER BY position LIMIT ${MAX_EVENTS}`),
    ]);
    return [...own.rows, ...promotions.rows, ...policies.rows].map((row) => ({
      position: Number(row.position),
      source: row.source,
      id: row.id,
      type: row.type,
      eventTime: row.event_time.getTime(),
      recordedAt: row.recorded_at.getTime(),
      data: JSON.parse(row.data) as Record<string, unknown>,
    }));
  }

  async findingChanges(sku: string): Promise<FindingChangeRecord[]> {
    const result = await this.pool.query<{ finding_id: string; version: number; change: FindingChangeRecord['change']; cloud_event: string }>(
      `SELECT c.finding_id, c.version, c.change, c.cloud_event FROM finding_changes c
        WHERE c.finding_id IN (SELECT id FROM findings WHERE sku = $1) ORDER BY c.finding_id, c.version`,
      [sku],
    );
    return result.rows.map((row) => ({
      findingId: row.finding_id,
      version: row.version,
      change: row.change,
      finding: (JSON.parse(row.cloud_event) as { data: FindingView }).data,
    }));
  }
}
