import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Findings: a projection of the log the reconciler keeps, its checkpoint, and every finding
 * change in order. The change table doubles as the transactional outbox: a change is published
 * to Kafka if and only if it was committed (published_at marks what the relay has sent).
 */
export class Findings1700000000002 implements MigrationInterface {
  name = 'Findings1700000000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE findings (
        id           text        PRIMARY KEY,
        state_key    text        NOT NULL,
        rule         text        NOT NULL,
        status       text        NOT NULL,
        severity     text        NOT NULL,
        subject_kind text        NOT NULL,
        subject_id   text        NOT NULL,
        sku          text,
        promotion_id text,
        policy_id    text,
        channels     jsonb       NOT NULL,
        impact_at    timestamptz NOT NULL,
        detected_at  timestamptz NOT NULL,
        resolved_at  timestamptz,
        evidence     jsonb       NOT NULL,
        parameters   jsonb       NOT NULL,
        handling     jsonb,
        version      integer     NOT NULL,
        log_position bigint      NOT NULL
      )`);
    await db.query(`CREATE INDEX findings_not_resolved ON findings (state_key) WHERE status <> 'resolved'`);
    await db.query(`CREATE INDEX findings_rule_status ON findings (rule, status)`);
    await db.query(`
      CREATE TABLE finding_changes (
        seq          bigserial   PRIMARY KEY,
        finding_id   text        NOT NULL,
        version      integer     NOT NULL,
        change       text        NOT NULL,
        log_position bigint      NOT NULL,
        cloud_event  text        NOT NULL,
        committed_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        UNIQUE (finding_id, version)
      )`);
    await db.query(`CREATE INDEX finding_changes_unpublished ON finding_changes (seq) WHERE published_at IS NULL`);
    await db.query(`
      CREATE TABLE reconciler_checkpoints (
        name       text        PRIMARY KEY,
        position   bigint      NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await db.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'parity_app') THEN
          GRANT SELECT, INSERT, UPDATE ON findings, finding_changes, reconciler_checkpoints TO parity_app;
          GRANT USAGE ON SEQUENCE finding_changes_seq_seq TO parity_app;
        END IF;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE reconciler_checkpoints, finding_changes, findings');
  }
}
