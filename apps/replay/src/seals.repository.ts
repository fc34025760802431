import { Pool, PoolClient } from 'pg';
import { Seal } from '@parity/audit';

type Queryable = Pool | PoolClient;

interface SealRow {
  position: string;
  head_hash: Buffer;
  sealed_at: Date;
  algorithm: 'ed25519';
  key_id: string;
  signature: Buffer;
}

/** The seals table: append-only, like the log it vouches for. */
export async function storeSeal(db: Queryable, seal: Seal): Promise<void> {
  await db.query('INSERT INTO log_seals (position, head_hash, sealed_at, algorithm, key_id, signature) VALUES ($1, $2, $3, $4, $5, $6)', [
    seal.position,
    Buffer.from(seal.headHash, 'hex'),
    seal.sealedAt,
    seal.algorithm,
    seal.keyId,
    Buffer.from(seal.signature, 'base64'),
  ]);
}

export async function listSeals(db: Queryable): Promise<Seal[]> {
  const result = await db.query<SealRow>('SELECT position, head_hash, sealed_at, algorithm, key_id, signature FROM log_seals ORDER BY seq');
  return result.rows.map((row) => ({
    position: Number(row.position),
    headHash: row.head_hash.toString('hex'),
    sealedAt: row.sealed_at.toISOString(),
    algorithm: row.algorithm,
    keyId: row.key_id,
    signature: row.signature.toString('base64'),
  }));
}

/** The last seal, to decide whether the log moved on since. */
export async function lastSealedPosition(db: Queryable): Promise<number | undefined> {
  const result = await db.query<{ position: string }>('SELECT position FROM log_seals ORDER BY seq DESC LIMIT 1');
  return result.rows[0] ? Number(result.rows[0].position) : undefined;
}
