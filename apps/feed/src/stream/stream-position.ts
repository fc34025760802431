import { badRequest } from '@parity/http-errors';

/** Where a stream is: the seq of the last finding change sent. The SSE id is that number. */
export type StreamPosition = bigint;

export const ORIGIN: StreamPosition = 0n;

export function positionId(position: StreamPosition): string {
  return position.toString();
}

export function parsePosition(text: string): StreamPosition {
  if (!/^\d{1,19}$/.test(text.trim())) throw badRequest('invalid-last-event-id', 'Last-Event-ID must be the id of an event this stream sent (a change sequence number)');
  return BigInt(text.trim());
}
