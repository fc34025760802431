import { chainHash, GENESIS_HASH, LogRecord } from '@parity/event-store';

export type DefectKind =
  /** The row's content no longer hashes to its stored hash: the row was altered. */
  | 'altered'
  /** Only the stored hash of the row was changed: the next row still chains from the true hash. */
  | 'hash-altered'
  /** Positions skip: rows were deleted. */
  | 'missing'
  /** Rows sit at positions they were not hashed for: moved, swapped or duplicated. */
  | 'moved'
  /** The head does not point at the last row. */
  | 'head-mismatch';

export interface Defect {
  readonly kind: DefectKind;
  /** The first position the defect affects. */
  readonly position: number;
  readonly detail: string;
}

interface Cluster {
  kind: DefectKind;
  readonly start: number;
  end: number;
  /** The stored hash of the last sound row before the cluster. */
  readonly before: Buffer;
}

/**
 * Checks every row against its predecessor's stored hash, not against a chain recomputed from
 * the start: one pass then finds every altered, deleted or moved row at its own position, not
 * only the first. A log without defects is exactly a log whose chain verifies from the genesis
 * hash (by induction, each row hashes from the one before it). Consecutive failing rows are one
 * defect (a swap breaks both rows), reported at its first position.
 */
export class ChainCheck {
  private expected: number;
  private previous: Buffer;
  /** What the previous row's content hashes to, when it failed (a changed stored hash shows here). */
  private previousComputed: Buffer | undefined;
  private cluster: Cluster | undefined;
  private readonly found: Defect[] = [];
  private rows = 0;

  /** `from`: the first position expected, and the stored hash of the row before it. */
  constructor(from: { position: number; previousHash: Buffer } = { position: 1, previousHash: GENESIS_HASH }) {
    this.expected = from.position;
    this.previous = from.previousHash;
  }

  /** Rows checked so far. */
  get checked(): number {
    return this.rows;
  }

  /** Feeds the next rows in position order. */
  check(records: readonly LogRecord[]): void {
    for (const record of records) this.checkOne(record);
  }

  private checkOne(record: LogRecord): void {
    this.rows += 1;
    if (record.position > this.expected) {
      this.close();
      const last = record.position - 1;
      this.found.push({ kind: 'missing', position: this.expected, detail: last > this.expected ? `positions ${this.expected}..${last} are missing` : `position ${this.expected} is missing` });
      // The row after a gap has no predecessor left to be checked against.
      this.advance(record.hash, undefined);
      this.expected = record.position + 1;
      return;
    }
    if (record.position < this.expected) {
      this.close();
      this.found.push({ kind: 'moved', position: record.position, detail: `position ${record.position} appears again after ${this.expected - 1}` });
      return;
    }
    const { hash: stored, ...content } = record;
    const computed = chainHash(this.previous, content);
    if (computed.equals(stored)) {
      this.close();
      this.advance(stored, undefined);
      return;
    }
    const open = this.cluster;
    if (open && open.start === open.end && this.previousComputed && chainHash(this.previousComputed, content).equals(stored)) {
      // The row before had only its stored hash changed: this row chains from its true hash.
      open.kind = 'hash-altered';
      this.close();
      this.advance(stored, undefined);
      return;
    }
    const cluster = open ?? (this.cluster = { kind: 'altered', start: record.position, end: record.position, before: this.previous });
    cluster.end = record.position;
    if (cluster.end > cluster.start && chainHash(cluster.before, { ...content, position: cluster.start }).equals(stored)) cluster.kind = 'moved';
    this.advance(stored, computed);
  }

  private advance(stored: Buffer, computedWhenFailed: Buffer | undefined): void {
    this.previous = stored;
    this.previousComputed = computedWhenFailed;
    this.expected += 1;
  }

  private close(): void {
    const cluster = this.cluster;
    if (!cluster) return;
    this.cluster = undefined;
    const where = cluster.end > cluster.start ? `positions ${cluster.start}..${cluster.end}` : `position ${cluster.start}`;
    const what: Record<DefectKind, string> = {
      altered: `${where}: the row's content no longer hashes to its stored hash`,
      'hash-altered': `${where}: the stored hash was changed; the row and its successor are intact`,
      moved: `${where}: rows sit at positions they were not hashed for`,
      missing: where,
      'head-mismatch': where,
    };
    this.found.push({ kind: cluster.kind, position: cluster.start, detail: what[cluster.kind] });
  }

  /** Ends the check against the head the log claims; every defect, in position order. */
  finish(head: { position: number; hash: Buffer }): readonly Defect[] {
    this.close();
    const last = this.expected - 1;
    if (head.position > last) {
      this.found.push({ kind: 'head-mismatch', position: last + 1, detail: `the head is at ${head.position}, the log ends at ${last}: rows were removed from the end` });
    } else if (head.position < last) {
      this.found.push({ kind: 'head-mismatch', position: head.position + 1, detail: `the log goes on to ${last} past its head at ${head.position}: rows were added behind its back` });
    } else if (!head.hash.equals(this.previous)) {
      this.found.push({ kind: 'head-mismatch', position: last, detail: 'the head hash differs from the last row\'s stored hash' });
    }
    return [...this.found].sort((a, b) => a.position - b.position);
  }
}
