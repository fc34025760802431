import { MigrationInterface, QueryRunner } from 'typeorm';

/** Findings carry the product category, so ops can filter and pricing teams route by it. */
export class FindingCategory1700000000003 implements MigrationInterface {
  name = 'FindingCategory1700000000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE findings ADD COLUMN category text');
    await db.query('CREATE INDEX findings_category ON findings (category) WHERE category IS NOT NULL');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE findings DROP COLUMN category');
  }
}
