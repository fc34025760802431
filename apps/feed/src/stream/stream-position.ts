import { badRequest } from '../api/api-error';

/**
 * Where a stream is: the (transaction, seq) of the last finding change sent. Changes are
 * followed in that order, which never gains a row behind a reader (see the migration
 * FeedReadPaths1700000000010). The SSE id is `<tx>.<seq>`.
 */
export interface StreamPosition {
  readonly tx: bigint;
  readonly seq: bigint;
}

export const ORIGIN: StreamPosition = { tx: 0n, seq: 0n };

export function positionId(position: StreamPosition): string {
  return `${position.tx}.${position.seq}`;
}

export function parsePosition(text: string): StreamPosition {
  const match = /^(\d{1,20})\.(\d{1,19})$/.exec(text.trim());
  if (!match) throw badRequest('invalid-last-event-id', 'Last-Event-ID must be the id of an event this stream sent (<tx>.<seq>)');
  return { tx: BigInt(match[1]!), seq: BigInt(match[2]!) };
}

export function compare(a: StreamPosition, b: StreamPosition): number {
  if (a.tx !== b.tx) return a.tx < b.tx ? -1 : 1;
  if (a.seq !== b.seq) return a.seq < b.seq ? -1 : 1;
  return 0;
}
