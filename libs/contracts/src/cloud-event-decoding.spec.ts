import { decodeChannelEvent, Decoded } from './cloud-event-decoding';
import { badInputs } from './fixtures/bad-inputs';
import { binary, examples, structured, WireRecord } from './fixtures/contract-events';
import { REJECTION_REASONS } from './rejection';

const limits = { maxEventBytes: 4096 };
const decode = (record: WireRecord): Decoded => decodeChannelEvent(record, limits);

describe('decodeChannelEvent', () => {
  describe('accepts every contract example', () => {
    for (const [name, example] of Object.entries(examples)) {
      it(`${name} in structured and in binary mode, to the same event`, () => {
        const fromStructured = decode(structured(example()));
        const fromBinary = decode(binary(example()));
        expect(fromStructured).toMatchObject({ ok: true, event: { type: example().type, id: example().id } });
        expect(fromBinary).toEqual(fromStructured);
      });
    }
  });

  it('reads the event time to epoch milliseconds and keeps the data as compact JSON', () => {
    const decoded = decode(structured(examples.priceSet()));
    if (!decoded.ok) throw new Error(decoded.detail);
    expect(decoded.event.eventTime).toBe(Date.UTC(2026, 10, 20, 10));
    expect(JSON.parse(decoded.event.dataJson)).toEqual(examples.priceSet().data);
  });

  it('accepts a structured event without content-type header, and data_base64', () => {
    const event = examples.stockLevel();
    const { data, ...attributes } = event;
    const record = { value: Buffer.from(JSON.stringify({ ...attributes, data_base64: Buffer.from(JSON.stringify(data)).toString('base64') })), headers: {} };
    expect(decode(record)).toMatchObject({ ok: true, event: { data: { sku: 'SKU-1001', available: 3 } } });
  });

  it('accepts more than the contract asks: unknown extension attributes and data fields', () => {
    const event = { ...examples.priceSet(), traceparent: '00-abc-def-01', data: { ...(examples.priceSet().data as object), note: 'x' } };
    expect(decode(structured(event))).toMatchObject({ ok: true });
  });

  it('takes an event without subject, and any channel name as source', () => {
    const { subject: _subject, ...event } = examples.priceSet();
    expect(decode(structured({ ...event, source: 'marketplace/allegro' }))).toMatchObject({ ok: true, event: { source: 'marketplace/allegro' } });
  });

  describe('rejects each kind of bad input with its own reason', () => {
    const cases = badInputs((name) => `bad-${name}`, limits.maxEventBytes);
    it('covers at least 15 distinct reasons', () => {
      expect(new Set(cases.map((c) => c.reason)).size).toBeGreaterThanOrEqual(15);
    });
    for (const { name, reason, record } of cases) {
      it(`${name}: ${reason}`, () => {
        const decoded = decode(record);
        expect(decoded).toMatchObject({ ok: false, reason });
        if (!decoded.ok) {
          expect(decoded.detail.length).toBeGreaterThan(0);
          expect(REJECTION_REASONS[decoded.reason]).toBeTruthy();
        }
      });
    }
  });

  it('rejects an amount or fixed-price discount without currency', () => {
    const event = examples.promotionActivated();
    const decoded = decode(structured({ ...event, data: { ...(event.data as object), discount: { kind: 'amount', value: '10' } } }));
    expect(decoded).toMatchObject({ ok: false, reason: 'invalid-discount' });
  });

  it('rejects a malformed currency as malformed money', () => {
    const event = examples.priceSet();
    expect(decode(structured({ ...event, data: { ...(event.data as object), currency: 'zł' } }))).toMatchObject({
      ok: false,
      reason: 'malformed-money',
    });
  });

  it('rejects a bad time inside the data as invalid-time', () => {
    const event = examples.priceSet();
    expect(decode(structured({ ...event, data: { ...(event.data as object), effectiveFrom: 'Black Friday' } }))).toMatchObject({
      ok: false,
      reason: 'invalid-time',
    });
  });
});
