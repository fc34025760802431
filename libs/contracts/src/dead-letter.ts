import { Rejection } from './rejection';

/** A Kafka header as it came: one value, or every value of a header the record repeats. */
export type OriginalHeader = string | Uint8Array | readonly (string | Uint8Array)[];

/** Where a rejected record came from. */
export interface RecordOrigin {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Uint8Array | null;
  readonly timestamp: string;
  readonly headers: Readonly<Record<string, OriginalHeader>>;
}

export interface DeadLetter {
  /** `topic:partition:offset` of the original: consumers of the dead-letter topic dedupe by it. */
  readonly key: string;
  /** The original bytes, untouched. */
  readonly value: Uint8Array | null;
  readonly headers: Record<string, OriginalHeader>;
}

/** Headers Parity adds to a dead letter; the original headers are kept beside them. */
export const DEAD_LETTER_HEADERS = {
  reason: 'parity-reason',
  detail: 'parity-detail',
  topic: 'parity-original-topic',
  partition: 'parity-original-partition',
  offset: 'parity-original-offset',
  key: 'parity-original-key',
  timestamp: 'parity-original-timestamp',
} as const;

export function deadLetter(rejection: Rejection, origin: RecordOrigin, value: Uint8Array | null): DeadLetter {
  const headers: Record<string, OriginalHeader> = { ...origin.headers };
  headers[DEAD_LETTER_HEADERS.reason] = rejection.reason;
  headers[DEAD_LETTER_HEADERS.detail] = rejection.detail.slice(0, 2000);
  headers[DEAD_LETTER_HEADERS.topic] = origin.topic;
  headers[DEAD_LETTER_HEADERS.partition] = String(origin.partition);
  headers[DEAD_LETTER_HEADERS.offset] = origin.offset;
  headers[DEAD_LETTER_HEADERS.timestamp] = origin.timestamp;
  if (origin.key) headers[DEAD_LETTER_HEADERS.key] = origin.key;
  return { key: `${origin.topic}:${origin.partition}:${origin.offset}`, value, headers };
}
