/**
 * Machine-readable reasons for rejecting an inbound message. Each code is stable: it is what the
 * dead-letter topic carries in its `parity-reason` header and what dashboards count by.
 */
export const REJECTION_REASONS = {
  'empty-message': 'the message has no value',
  oversized: 'the message is larger than the configured maximum event size',
  'invalid-encoding': 'the message value (or a ce_ header) is not valid UTF-8, or a string holds a lone UTF-16 surrogate escape',
  'unsupported-content-type': 'the content type is neither a JSON CloudEvent nor JSON data',
  'not-json': 'the value is not valid JSON',
  'not-a-cloudevent': 'the message is neither a structured CloudEvent (JSON object with specversion) nor a binary-mode one (ce_ headers)',
  'unsupported-specversion': 'specversion is not "1.0"',
  'missing-attribute': 'a required CloudEvents attribute (id, source, type, time) is missing',
  'invalid-attribute': 'a CloudEvents attribute has the wrong type or is empty',
  'invalid-time': 'a time is not an RFC 3339 timestamp with a time zone',
  'unknown-type': 'the event type is not part of the contract',
  'missing-data': 'the event has no data',
  'schema-violation': 'the data does not match the schema of its event type',
  'float-money': 'a money amount is a JSON number; money must be a decimal string',
  'malformed-money': 'a money amount or currency is malformed (decimal string with at most 4 decimals, ISO 4217 code)',
  'negative-stock': 'a stock level is negative',
  'invalid-period': 'a validity period ends before it starts',
  'invalid-discount': 'a discount is impossible (percent above 100, money off without currency)',
  'nul-character': 'an attribute or a data string holds U+0000, which PostgreSQL text (and so the event log) cannot store',
  'subject-mismatch': 'the subject attribute names another SKU, promotion or policy than the data',
  'refused-by-log': 'PostgreSQL refused to store the event (a data error or a constraint that validation did not foresee); the detail names it',
  'conflicting-duplicate': 'an event with the same (source, id) but a different payload is already in the log',
} as const;

export type RejectionReason = keyof typeof REJECTION_REASONS;

export interface Rejection {
  readonly ok: false;
  readonly reason: RejectionReason;
  /** Human-readable detail: which attribute or field, and what was wrong with it. */
  readonly detail: string;
}

export function reject(reason: RejectionReason, detail: string): Rejection {
  return { ok: false, reason, detail };
}
