import { Pool } from 'pg';
import { chainHash, GENESIS_HASH } from './log-record';
import { logHead, readLog } from './read';

export type ChainProblem =
  /** The stored hash is not the hash of this row and the one before it: the row (or an earlier one) was altered. */
  | 'hash-mismatch'
  /** A position is missing: a row was deleted. */
  | 'missing-position'
  /** The head does not point at the last row: rows were removed from the end, or added behind the log's back. */
  | 'head-mismatch';

export type Verification =
  | { readonly ok: true; readonly checked: number; readonly headPosition: number; readonly headHash: string }
  | { readonly ok: false; readonly checked: number; readonly firstBadPosition: number; readonly problem: ChainProblem; readonly detail: string };

/**
 * Walks the hash chain from the first event and names the first position that does not verify.
 * `onProgress` is called after every page with the number of rows checked.
 */
export async function verifyLog(
  db: Pool,
  options: { pageSize?: number; onProgress?: (checked: number, total: number) => void } = {},
): Promise<Verification> {
  const pageSize = options.pageSize ?? 10_000;
  const head = await logHead(db);
  let expectedPosition = 1;
  let previous: Buffer = GENESIS_HASH;
  let checked = 0;
  for (;;) {
    const page = await readLog(db, expectedPosition - 1, pageSize);
    for (const record of page) {
      if (record.position !== expectedPosition) {
        return fail(checked, expectedPosition, 'missing-position', `expected position ${expectedPosition}, found ${record.position}`);
      }
      const { hash: stored, ...content } = record;
      const computed = chainHash(previous, content);
      if (!computed.equals(stored)) {
        return fail(checked, record.position, 'hash-mismatch', `stored ${stored.toString('hex')}, computed ${computed.toString('hex')}`);
      }
      previous = stored;
      expectedPosition += 1;
      checked += 1;
    }
    options.onProgress?.(checked, head.position);
    if (page.length < pageSize) break;
  }
  const last = expectedPosition - 1;
  if (head.position !== last || !head.hash.equals(previous)) {
    const firstBad = Math.min(head.position, last) + 1;
    return fail(checked, firstBad, 'head-mismatch', `head is at ${head.position}, the log ends at ${last}`);
  }
  return { ok: true, checked, headPosition: head.position, headHash: head.hash.toString('hex') };
}

function fail(checked: number, firstBadPosition: number, problem: ChainProblem, detail: string): Verification {
  return { ok: false, checked, firstBadPosition, problem, detail };
}
