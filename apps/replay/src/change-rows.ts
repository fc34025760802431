import type { ChangeRow } from '@parity/audit/replay-run';
import { copyText, fromCopyText } from '@parity/event-store/copy-text';

/**
 * Finding changes as the lines COPY FROM reads into a replay's finding_changes. Replay workers send
 * these bytes rather than the rows: one block to move instead of objects to clone and read back.
 */
export function changeRowsText(rows: readonly ChangeRow[]): string {
  let text = '';
  for (const r of rows) text += `${copyText(r.findingId)}\t${r.version}\t${r.change}\t${r.logPosition}\t${copyText(r.cloudEvent)}\n`;
  return text;
}

/** Finding changes, as many as `rows`, in COPY text (changeRowsText, encoded). */
export interface ChangeRowsText {
  readonly rows: number;
  readonly bytes: readonly Uint8Array[];
}

const encoder = new TextEncoder();

/**
 * The rows as changeRowsText's bytes, in a buffer of their own (TextEncoder, never Buffer's shared
 * pool), so a worker can move them to the main thread rather than copy them.
 */
export function encodedChangeRows(rows: readonly ChangeRow[]) {
  return { rows: rows.length, bytes: encoder.encode(changeRowsText(rows)) };
}

/** changeRowsText read back: the rows, in their order. */
export function changeRowsOf(text: string): ChangeRow[] {
  const rows: ChangeRow[] = [];
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const [findingId, version, change, logPosition, cloudEvent] = line.split('\t');
    rows.push({ findingId: fromCopyText(findingId!) ?? '', version: Number(version), change: change as ChangeRow['change'], logPosition: Number(logPosition), cloudEvent: fromCopyText(cloudEvent!) ?? '' });
  }
  return rows;
}
