import { Pool } from 'pg';
import { ChainCheck, checkSeals, Defect, missingSeals, Seal, SealDefect, SealKeys } from '@parity/audit';
import { inTransaction, logHead, streamLog } from '@parity/event-store';
import { listSeals } from './seals.repository';

export interface VerifyOptions {
  /** A copy of the log to check instead of event_log (its head must then be given). */
  readonly table?: string;
  readonly head?: { position: number; hash: Buffer };
  /** Checks the seals when given; without a key, seals are listed but not checked. */
  readonly sealKeys?: SealKeys;
  /** Seals exported earlier and kept elsewhere: each must still hold. */
  readonly exportedSeals?: readonly Seal[];
  readonly onProgress?: (checked: number, total: number) => void;
}

export interface VerificationReport {
  readonly ok: boolean;
  readonly checked: number;
  readonly head: { readonly position: number; readonly hash: string };
  /** The first position that does not verify (chain or seals), if any. */
  readonly firstBadPosition: number | undefined;
  readonly defects: readonly Defect[];
  readonly seals: { readonly checked: number; readonly verifiedWith: string | undefined; readonly defects: readonly SealDefect[] };
}

/** The chain in one pass (every bad position, not just the first), then the seals against it. */
export async function verifyLogAndSeals(pool: Pool, options: VerifyOptions = {}): Promise<VerificationReport> {
  // One snapshot: rows appended while the check runs are neither checked nor a mismatch.
  const { head, stored, seals, hashes, check } = await inTransaction(
    pool,
    async (client) => {
      const head = options.head ?? (await logHead(client));
      const stored = options.table ? [] : await listSeals(client);
      const seals = [...stored, ...missingFrom(stored, options.exportedSeals ?? [])];
      const wanted = new Set(seals.map((seal) => seal.position));
      const hashes = new Map<number, Buffer>();
      const check = new ChainCheck();
      options.onProgress?.(0, head.position);
      for await (const batch of streamLog(client, options.table ? { table: options.table } : {})) {
        check.check(batch);
        for (const record of batch) if (wanted.has(record.position)) hashes.set(record.position, record.hash);
        options.onProgress?.(check.checked, head.position);
      }
      return { head, stored, seals, hashes, check };
    },
    'read-only-snapshot',
  );
  const defects = check.finish(head);
  const sealDefects = options.sealKeys
    ? [...checkSeals(options.sealKeys, seals, (position) => hashes.get(position)), ...missingSeals(options.exportedSeals ?? [], stored)]
    : missingSeals(options.exportedSeals ?? [], stored);
  const positions = [...defects.map((d) => d.position), ...sealDefects.map((d) => d.position)];
  return {
    ok: defects.length === 0 && sealDefects.length === 0,
    checked: check.checked,
    head: { position: head.position, hash: head.hash.toString('hex') },
    firstBadPosition: positions.length > 0 ? Math.min(...positions) : undefined,
    defects,
    seals: { checked: options.sealKeys ? seals.length : 0, verifiedWith: options.sealKeys?.keyId, defects: sealDefects },
  };
}

function missingFrom(stored: readonly Seal[], exported: readonly Seal[]): Seal[] {
  const have = new Set(stored.map((seal) => seal.signature));
  return exported.filter((seal) => !have.has(seal.signature));
}
