import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The event log: append-only, gapless global positions, a SHA-256 hash chain, and a guard in the
 * database itself, so no application bug or API can rewrite history.
 */
export class EventLog1700000000001 implements MigrationInterface {
  name = 'EventLog1700000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE event_log (
        position        bigint      PRIMARY KEY CHECK (position > 0),
        source          text        NOT NULL,
        id              text        NOT NULL,
        type            text        NOT NULL,
        subject         text,
        event_time      timestamptz NOT NULL,
        recorded_at     timestamptz NOT NULL,
        -- json, not jsonb: it keeps the exact text that the hash covers
        data            json        NOT NULL,
        kafka_topic     text        NOT NULL,
        kafka_partition integer     NOT NULL,
        kafka_offset    bigint      NOT NULL,
        hash            bytea       NOT NULL CHECK (length(hash) = 32),
        CONSTRAINT event_log_source_id UNIQUE (source, id)
      )`);
    await db.query(`
      CREATE TABLE event_log_head (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        position  bigint  NOT NULL,
        hash      bytea   NOT NULL
      )`);
    await db.query(`INSERT INTO event_log_head (position, hash) VALUES (0, decode(repeat('00', 32), 'hex'))`);
    await db.query(`
      CREATE FUNCTION event_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'event_log is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER event_log_no_update_or_delete BEFORE UPDATE OR DELETE ON event_log
      FOR EACH ROW EXECUTE FUNCTION event_log_is_append_only()`);
    await db.query(`
      CREATE TRIGGER event_log_no_truncate BEFORE TRUNCATE ON event_log
      FOR EACH STATEMENT EXECUTE FUNCTION event_log_is_append_only()`);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON event_log FROM PUBLIC`);

    // Where each ingest consumer group is, written in the same transaction as the events.
    await db.query(`
      CREATE TABLE consumer_offsets (
        group_id    text        NOT NULL,
        topic       text        NOT NULL,
        partition   integer     NOT NULL,
        next_offset bigint      NOT NULL,
        updated_at  timestamptz NOT NULL,
        PRIMARY KEY (group_id, topic, partition)
      )`);
    await grantToApplicationRole(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE consumer_offsets, event_log_head, event_log');
    await db.query('DROP FUNCTION event_log_is_append_only');
  }
}

/** The application role may read and append the log, never change it. */
async function grantToApplicationRole(db: QueryRunner): Promise<void> {
  await db.query(`
    DO $$ BEGIN
      IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'parity_app') THEN
        GRANT SELECT, INSERT ON event_log TO parity_app;
        GRANT SELECT, UPDATE ON event_log_head TO parity_app;
        GRANT SELECT, INSERT, UPDATE ON consumer_offsets TO parity_app;
      END IF;
    END $$`);
}
