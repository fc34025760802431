import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The alerts service: the findings it follows (from parity.findings.v1, exactly once with its
 * offsets in consumer_offsets), its groups, the notification outbox with every delivery attempt,
 * and silences. A notification row is written in the same transaction as the group decision that
 * made it, and delivered from there.
 */
export class Alerts1700000000020 implements MigrationInterface {
  name = 'Alerts1700000000020';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE alert_findings (
        id            text        PRIMARY KEY,
        version       integer     NOT NULL,
        status        text        NOT NULL,
        data          jsonb       NOT NULL,
        escalated_for bigint,
        updated_at    timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX alert_findings_unresolved ON alert_findings (id) WHERE status <> 'resolved'`);
    await db.query(`
      CREATE TABLE alert_groups (
        key         text        PRIMARY KEY,
        route_id    text        NOT NULL,
        receiver    text        NOT NULL,
        labels      jsonb       NOT NULL,
        created_at  bigint      NOT NULL,
        flushed_at  bigint,
        notified_at bigint,
        notified    text[]      NOT NULL
      )`);
    await db.query(`
      CREATE TABLE alert_notifications (
        id              text        PRIMARY KEY,
        receiver        text        NOT NULL,
        kind            text        NOT NULL,
        group_key       text        NOT NULL,
        finding_ids     text[]      NOT NULL,
        document        jsonb       NOT NULL,
        status          text        NOT NULL CHECK (status IN ('pending', 'sending', 'delivered', 'parked')),
        attempts        integer     NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        claimed_until   timestamptz,
        created_at      timestamptz NOT NULL,
        delivered_at    timestamptz,
        last_error      text
      )`);
    await db.query(`CREATE INDEX alert_notifications_due ON alert_notifications (next_attempt_at) WHERE status IN ('pending', 'sending')`);
    await db.query(`CREATE INDEX alert_notifications_parked ON alert_notifications (created_at) WHERE status = 'parked'`);
    await db.query(`CREATE INDEX alert_notifications_findings ON alert_notifications USING gin (finding_ids)`);
    await db.query(`
      CREATE TABLE alert_delivery_attempts (
        notification_id text        NOT NULL REFERENCES alert_notifications (id),
        attempt         integer     NOT NULL,
        started_at      timestamptz NOT NULL,
        finished_at     timestamptz,
        outcome         text,
        status_code     integer,
        error           text,
        PRIMARY KEY (notification_id, attempt)
      )`);
    await db.query(`
      CREATE TABLE alert_silences (
        id         text        PRIMARY KEY,
        matchers   jsonb       NOT NULL,
        created_by text        NOT NULL,
        comment    text        NOT NULL,
        starts_at  timestamptz NOT NULL,
        ends_at    timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        expired_by text
      )`);
    await db.query(`CREATE INDEX alert_silences_ends ON alert_silences (ends_at)`);
    await db.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'parity_app') THEN
          GRANT SELECT, INSERT, UPDATE ON alert_findings, alert_notifications, alert_delivery_attempts, alert_silences TO parity_app;
          GRANT SELECT, INSERT, UPDATE, DELETE ON alert_groups TO parity_app;
        END IF;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE alert_delivery_attempts, alert_notifications, alert_groups, alert_findings, alert_silences');
  }
}
