import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the ops feed reads: findings by filter and sort, and the log by SKU, promotion and finding
 * (the timeline, evidence, operator actions). The feed follows finding_changes by seq (its
 * primary key); how it never skips a late commit is in apps/feed/src/stream/change-feed.ts.
 */
export class FeedReadPaths1700000000010 implements MigrationInterface {
  name = 'FeedReadPaths1700000000010';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE INDEX findings_impact_at ON findings (impact_at, id)');
    await db.query('CREATE INDEX findings_detected_at ON findings (detected_at, id)');
    await db.query('CREATE INDEX findings_sku ON findings (sku) WHERE sku IS NOT NULL');
    await db.query('CREATE INDEX findings_channels ON findings USING gin (channels jsonb_path_ops)');

    // The log by what a timeline or a finding asks about; partial, so the hot append pays little.
    await db.query(`CREATE INDEX event_log_sku ON event_log ((data->>'sku'), position)
      WHERE type IN ('retail.price.set.v1', 'retail.stock.level.v1', 'retail.product.upserted.v1')`);
    await db.query(`CREATE INDEX event_log_promotion ON event_log ((data->>'promotionId'), position)
      WHERE type IN ('retail.promotion.activated.v1', 'retail.promotion.deactivated.v1')`);
    await db.query(`CREATE INDEX event_log_promotion_skus ON event_log USING gin (((data::jsonb)->'skus') jsonb_path_ops)
      WHERE type IN ('retail.promotion.activated.v1', 'retail.promotion.deactivated.v1')`);
    await db.query(`CREATE INDEX event_log_returns_policies ON event_log (position) WHERE type = 'retail.returns-policy.set.v1'`);
    await db.query(`CREATE INDEX event_log_finding_actions ON event_log ((data->>'findingId'), position) WHERE source = 'parity/feed'`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const index of ['event_log_finding_actions', 'event_log_returns_policies', 'event_log_promotion_skus', 'event_log_promotion', 'event_log_sku']) {
      await db.query(`DROP INDEX ${index}`);
    }
    for (const index of ['findings_channels', 'findings_sku', 'findings_detected_at', 'findings_impact_at']) {
      await db.query(`DROP INDEX ${index}`);
    }
  }
}
