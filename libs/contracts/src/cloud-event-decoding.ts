import { ChannelEvent, dataSubject } from './channel-event';
import { validateData } from './data-validation';
import { isChannelEventType } from './event-types';
import { Rejection, reject } from './rejection';
import { unstorableCharacter } from './storable-text';
import { parseRfc3339 } from './time';

/** A Kafka record as the decoder needs it, independent of the Kafka client library. */
export interface InboundRecord {
  readonly value: Uint8Array | null;
  readonly headers?: Readonly<Record<string, HeaderValue>>;
}

export type HeaderValue = string | Uint8Array | ReadonlyArray<string | Uint8Array> | undefined;

export interface DecodingLimits {
  /** Larger values are rejected as `oversized` before any parsing. */
  readonly maxEventBytes: number;
}

export type Decoded = { readonly ok: true; readonly event: ChannelEvent } | Rejection;

const STRUCTURED = 'application/cloudevents+json';
const BATCH = 'application/cloudevents-batch';
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes one Kafka record into a channel event, in either CloudEvents Kafka binding mode:
 * structured (the value is the JSON CloudEvent) or binary (ce_ headers, the value is `data`).
 * Every failure is a value with a stable reason; nothing here throws on bad input.
 */
export function decodeChannelEvent(record: InboundRecord, limits: DecodingLimits): Decoded {
  const value = record.value;
  if (!value || value.length === 0) return reject('empty-message', 'the record value is empty');
  if (value.length > limits.maxEventBytes) {
    return reject('oversized', `${value.length} bytes is more than the maximum of ${limits.maxEventBytes}`);
  }
  const headers = readHeaders(record.headers ?? {});
  if (!headers.ok) return headers;
  const contentType = headers.values.get('content-type')?.toLowerCase();
  const text = decodeUtf8(value);
  if (text === undefined) return reject('invalid-encoding', 'the record value is not valid UTF-8');

  if (contentType?.startsWith(BATCH)) {
    return reject('unsupported-content-type', `batched CloudEvents (${contentType}) are not accepted; send one event per record`);
  }
  // The binding's rule: a cloudevents content type means structured mode, whatever ce_ headers ride along.
  const binary = headers.values.has('ce_specversion') && !contentType?.startsWith(STRUCTURED);
  if (!binary && contentType !== undefined && !contentType.startsWith(STRUCTURED) && !isJson(contentType)) {
    return reject('unsupported-content-type', `content-type "${contentType}" is not a CloudEvent`);
  }
  // Before parsing: binary-mode XML is data in a type the contract does not take, not broken JSON.
  if (binary && contentType !== undefined && !isJson(contentType)) {
    return reject('unsupported-content-type', `binary-mode data with content-type "${contentType}" is not JSON`);
  }
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed;

  if (binary) return fromAttributes(binaryAttributes(headers.values), parsed.json, true);
  if (!isObject(parsed.json) || !('specversion' in parsed.json)) {
    return reject('not-a-cloudevent', 'the value is not a JSON object with specversion and there are no ce_ headers');
  }
  const attributes = parsed.json;
  const dataContentType = attributes['datacontenttype'];
  if (dataContentType !== undefined && (typeof dataContentType !== 'string' || !isJson(dataContentType.toLowerCase()))) {
    return reject('unsupported-content-type', `datacontenttype ${JSON.stringify(dataContentType)} is not JSON`);
  }
  const data = structuredData(attributes);
  if (!data.ok) return data;
  return fromAttributes(attributes, data.json, 'data' in attributes || 'data_base64' in attributes);
}

function fromAttributes(attributes: Record<string, unknown>, data: unknown, hasData: boolean): Decoded {
  const specversion = attributes['specversion'];
  if (specversion === undefined) return reject('missing-attribute', 'specversion is missing');
  if (specversion !== '1.0') return reject('unsupported-specversion', `specversion ${JSON.stringify(specversion)} is not "1.0"`);

  for (const name of ['id', 'source', 'type', 'time'] as const) {
    const attribute = attributes[name];
    if (attribute === undefined || attribute === null) return reject('missing-attribute', `${name} is missing`);
    if (typeof attribute !== 'string' || attribute.trim() === '') {
      return reject('invalid-attribute', `${name} must be a non-empty string, got ${JSON.stringify(attribute)}`);
    }
  }
  const { id, source, type, time } = attributes as Record<'id' | 'source' | 'type' | 'time', string>;
  const subject = attributes['subject'];
  if (subject !== undefined && (typeof subject !== 'string' || subject === '')) {
    return reject('invalid-attribute', `subject must be a non-empty string, got ${JSON.stringify(subject)}`);
  }
  if (id.length > 200 || source.length > 200) return reject('invalid-attribute', 'id and source are limited to 200 characters');
  const eventTime = parseRfc3339(time);
  if (eventTime === undefined) return reject('invalid-time', `time "${time}" is not an RFC 3339 timestamp with a time zone`);
  if (!isChannelEventType(type)) return reject('unknown-type', `type "${type}" is not an event type of the contract`);
  if (!hasData || data === undefined || data === null) return reject('missing-data', `${type} carries no data`);

  const invalid = validateData(type, data);
  if (invalid) return invalid;
  const dataJson = JSON.stringify(data);
  const unstorable = unstorableText([id, source, subject], data, dataJson);
  if (unstorable) return unstorable;
  const event = { type, id, source, subject, time, eventTime, data, dataJson } as ChannelEvent;
  if (subject !== undefined && subject !== dataSubject(event)) {
    return reject('subject-mismatch', `subject "${subject}" but the data is about "${dataSubject(event)}"`);
  }
  return { ok: true, event };
}

/**
 * Text PostgreSQL cannot hold (unstorableCharacter), found before the append: there it would fail
 * the batch's COPY on every retry and stall the partition.
 */
function unstorableText(attributes: readonly unknown[], data: unknown, dataJson: string): Rejection | undefined {
  for (const attribute of attributes) {
    if (typeof attribute !== 'string') continue;
    const found = unstorableIn(attribute);
    if (found) return found;
  }
  // JSON.stringify writes both as escapes (\u0000, \udxxx): without one, no string holds them.
  return dataJson.includes('\\u') && MAYBE_UNSTORABLE.test(dataJson) ? unstorableInValue(data) : undefined;
}

const MAYBE_UNSTORABLE = /\\u(0000|d[89a-f])/;

function unstorableInValue(value: unknown): Rejection | undefined {
  if (typeof value === 'string') return unstorableIn(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = unstorableInValue(item);
      if (found) return found;
    }
  } else if (isObject(value)) {
    for (const [key, item] of Object.entries(value)) {
      const found = unstorableIn(key) ?? unstorableInValue(item);
      if (found) return found;
    }
  }
  return undefined;
}

function unstorableIn(text: string): Rejection | undefined {
  switch (unstorableCharacter(text)) {
    case 'nul':
      return reject('nul-character', 'a string holds the character U+0000, which the event log (PostgreSQL text) cannot store');
    case 'lone-surrogate':
      return reject('invalid-encoding', 'a string holds a lone UTF-16 surrogate (an unpaired \\ud800-\\udfff escape), which is not Unicode text');
    default:
      return undefined;
  }
}

function structuredData(attributes: Record<string, unknown>): { ok: true; json: unknown } | Rejection {
  const base64 = attributes['data_base64'];
  if (base64 === undefined) return { ok: true, json: attributes['data'] };
  if (typeof base64 !== 'string') return reject('invalid-attribute', 'data_base64 must be a string');
  const text = decodeUtf8(Buffer.from(base64, 'base64'));
  if (text === undefined) return reject('invalid-encoding', 'data_base64 does not decode to UTF-8');
  return parseJson(text);
}

function binaryAttributes(headers: ReadonlyMap<string, string>): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (const [name, value] of headers) {
    if (name.startsWith('ce_')) attributes[name.slice(3)] = value;
  }
  return attributes;
}

function readHeaders(
  raw: Readonly<Record<string, HeaderValue>>,
): { ok: true; values: Map<string, string> } | Rejection {
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(raw)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first === undefined) continue;
    const text = typeof first === 'string' ? first : decodeUtf8(first as Uint8Array);
    if (text === undefined) return reject('invalid-encoding', `header ${name} is not valid UTF-8`);
    values.set(name.toLowerCase(), text);
  }
  return { ok: true, values };
}

function parseJson(text: string): { ok: true; json: unknown } | Rejection {
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch (error) {
    return reject('not-json', `not JSON: ${(error as Error).message}`);
  }
}

function decodeUtf8(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function isJson(contentType: string): boolean {
  const mediaType = contentType.split(';')[0]?.trim() ?? '';
  return mediaType === 'application/json' || mediaType.endsWith('+json') || mediaType === 'text/json';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
