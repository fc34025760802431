import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seals: the log's head (position and hash) signed at intervals with a key the database never
 * sees. Append-only like the log, so a seal, once written, vouches for that prefix of history;
 * exported copies kept elsewhere prove it was not rewritten later. The application role may also
 * create schemas: a replay rebuilds findings into a schema of its own, never over the live ones.
 */
export class LogSeals1700000000030 implements MigrationInterface {
  name = 'LogSeals1700000000030';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE log_seals (
        seq        bigserial   PRIMARY KEY,
        position   bigint      NOT NULL CHECK (position >= 0),
        head_hash  bytea       NOT NULL CHECK (length(head_hash) = 32),
        sealed_at  timestamptz NOT NULL,
        algorithm  text        NOT NULL,
        key_id     text        NOT NULL,
        signature  bytea       NOT NULL
      )`);
    await db.query(`
      CREATE FUNCTION log_seals_are_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'log_seals is append-only: % is not allowed', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TRIGGER log_seals_no_update_or_delete BEFORE UPDATE OR DELETE ON log_seals
      FOR EACH ROW EXECUTE FUNCTION log_seals_are_append_only()`);
    await db.query(`
      CREATE TRIGGER log_seals_no_truncate BEFORE TRUNCATE ON log_seals
      FOR EACH STATEMENT EXECUTE FUNCTION log_seals_are_append_only()`);
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON log_seals FROM PUBLIC`);
    await db.query(`
      DO $$ BEGIN
        IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'parity_app') THEN
          GRANT SELECT, INSERT ON log_seals TO parity_app;
          GRANT USAGE ON SEQUENCE log_seals_seq_seq TO parity_app;
          EXECUTE format('GRANT CREATE ON DATABASE %I TO parity_app', current_database());
        END IF;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE log_seals');
    await db.query('DROP FUNCTION log_seals_are_append_only');
  }
}
