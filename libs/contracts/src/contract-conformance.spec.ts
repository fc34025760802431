/**
 * Conformance with the event contract (shared/contract/events.md, version 1), input by input:
 * whatever the contract allows is accepted in both binding modes, the rest is rejected with its
 * reason code. Parity's own limits (lengths, sizes) are named as such.
 */
import { decodeChannelEvent, Decoded, HeaderValue, InboundRecord } from './cloud-event-decoding';
import { CloudEventAttributes, examples } from './fixtures/contract-events';

const limits = { maxEventBytes: 262_144 };
const decode = (record: InboundRecord): Decoded => decodeChannelEvent(record, limits);

type Example = keyof typeof examples;
const EXAMPLES = Object.keys(examples) as Example[];

const json = (value: unknown) => Buffer.from(JSON.stringify(value));

function structuredRecord(event: Record<string, unknown>, headers?: Record<string, HeaderValue>): InboundRecord {
  return headers === undefined ? { value: json(event) } : { value: json(event), headers };
}

function binaryRecord(event: Record<string, unknown>, extraHeaders: Record<string, HeaderValue> = {}, asBuffers = false): InboundRecord {
  const headers: Record<string, HeaderValue> = {};
  for (const [name, value] of Object.entries(event)) {
    if (name === 'data' || value === undefined) continue;
    headers[`ce_${name}`] = asBuffers ? Buffer.from(String(value)) : String(value);
  }
  return { value: json(event['data']), headers: { ...headers, ...extraHeaders } };
}

function withData(event: CloudEventAttributes, patch: Record<string, unknown>): CloudEventAttributes {
  return { ...event, data: { ...(event.data as Record<string, unknown>), ...patch } };
}

function withoutData(event: CloudEventAttributes, ...keys: string[]): CloudEventAttributes {
  const data = { ...(event.data as Record<string, unknown>) };
  for (const key of keys) delete data[key];
  return { ...event, data };
}

function withoutSubject(event: CloudEventAttributes): CloudEventAttributes {
  const { subject: _subject, ...rest } = event;
  return rest;
}

/** Both binding modes, every content-type form the contract allows for each. */
function acceptedEverywhere(event: CloudEventAttributes): void {
  const s = event as unknown as Record<string, unknown>;
  const records: [string, InboundRecord][] = [
    ['structured, cloudevents+json', structuredRecord(s, { 'content-type': 'application/cloudevents+json' })],
    ['structured, no content-type', structuredRecord(s, {})],
    ['binary, no content-type', binaryRecord(s)],
    ['binary, application/json', binaryRecord(s, { 'content-type': 'application/json' })],
  ];
  for (const [mode, record] of records) {
    const decoded = decode(record);
    if (!decoded.ok) throw new Error(`${mode}: rejected as ${decoded.reason}: ${decoded.detail}`);
  }
}

function expectAccepted(decoded: Decoded): void {
  if (!decoded.ok) throw new Error(`rejected as ${decoded.reason}: ${decoded.detail}`);
}

describe('contract conformance: envelope and transport', () => {
  describe('structured mode content-type forms', () => {
    const forms: [string, Record<string, HeaderValue> | undefined][] = [
      ['application/cloudevents+json', { 'content-type': 'application/cloudevents+json' }],
      ['with ; charset=utf-8', { 'content-type': 'application/cloudevents+json; charset=utf-8' }],
      ['with ;charset=UTF-8 (no space)', { 'content-type': 'application/cloudevents+json;charset=UTF-8' }],
      ['upper case', { 'content-type': 'APPLICATION/CLOUDEVENTS+JSON' }],
      ['mixed case header name', { 'Content-Type': 'Application/CloudEvents+JSON; charset=utf-8' }],
      ['as a Buffer', { 'content-type': Buffer.from('application/cloudevents+json') }],
      ['as an array of Buffers', { 'content-type': [Buffer.from('application/cloudevents+json')] }],
      ['no content-type header', {}],
      ['no headers at all', undefined],
    ];
    for (const [name, headers] of forms) {
      it(`accepts every example, ${name}`, () => {
        for (const example of EXAMPLES) expectAccepted(decode(structuredRecord(examples[example]() as never, headers)));
      });
    }
  });

  describe('binary mode', () => {
    const forms: [string, Record<string, HeaderValue>][] = [
      ['no content-type', {}],
      ['application/json', { 'content-type': 'application/json' }],
      ['application/json; charset=utf-8', { 'content-type': 'application/json; charset=utf-8' }],
      ['APPLICATION/JSON', { 'content-type': 'APPLICATION/JSON' }],
      ['extension headers ce_foo and traceparent', { ce_foo: 'bar', ce_traceparent: '00-abc-def-01', traceparent: 'x' }],
      ['content-type as Buffer', { 'content-type': Buffer.from('application/json; charset=utf-8') }],
    ];
    for (const [name, headers] of forms) {
      it(`accepts every example, ${name}`, () => {
        for (const example of EXAMPLES) expectAccepted(decode(binaryRecord(examples[example]() as never, headers)));
      });
    }
    it('accepts every example with all ce_ headers as Buffers (kafkajs delivers Buffers)', () => {
      for (const example of EXAMPLES) expectAccepted(decode(binaryRecord(examples[example]() as never, { 'content-type': Buffer.from('application/json') }, true)));
    });
    it('accepts binary mode without ce_subject', () => {
      for (const example of EXAMPLES) expectAccepted(decode(binaryRecord(withoutSubject(examples[example]()) as never)));
    });
    it('gives the same event in binary and structured mode', () => {
      for (const example of EXAMPLES) {
        const s = decode(structuredRecord(examples[example]() as never, {}));
        const b = decode(binaryRecord(examples[example]() as never, {}, true));
        expect(b).toEqual(s);
      }
    });
  });

  describe('structured mode attributes', () => {
    it('accepts extension attributes of any JSON type as extra top-level keys', () => {
      const event = { ...examples.priceSet(), traceparent: '00-abc', partitionkey: 'SKU-1001', sequence: 7, flag: true, dataschema: 'https://example.com/x' };
      expectAccepted(decode(structuredRecord(event, { 'content-type': 'application/cloudevents+json' })));
    });
    for (const dct of ['application/json', 'application/json; charset=utf-8', 'Application/JSON', 'text/json']) {
      it(`accepts datacontenttype ${dct}`, () => {
        expectAccepted(decode(structuredRecord({ ...examples.priceSet(), datacontenttype: dct }, { 'content-type': 'application/cloudevents+json' })));
      });
    }
    it('accepts every example without subject', () => {
      for (const example of EXAMPLES) acceptedEverywhere(withoutSubject(examples[example]()));
    });
    it('reads subject as optional and the event is keyed by data, not by the Kafka message key', () => {
      // The decoder never sees the key: an absent key cannot cause a rejection.
      const decoded = decode({ value: json(withoutSubject(examples.stockLevel())) });
      expect(decoded).toMatchObject({ ok: true, event: { subject: undefined, data: { sku: 'SKU-1001' } } });
    });
  });

  describe('sources: any string is a channel', () => {
    for (const source of ['eshop', 'app', 'contact-center', 'marketplace/allegro', 'marketplace/amazon.pl', 'store/WAW-012', 'store/123', 'kiosk', 'Sklep Łódź #2', 'a/b/c', '*weird*']) {
      it(`accepts source ${JSON.stringify(source)}`, () => {
        for (const example of EXAMPLES) acceptedEverywhere({ ...examples[example](), source });
        expect(decode(structuredRecord({ ...examples.priceSet(), source }))).toMatchObject({ ok: true, event: { source } });
      });
    }
  });

  describe('time: RFC 3339', () => {
    const valid: [string, number][] = [
      ['2026-11-20T10:00:00Z', Date.UTC(2026, 10, 20, 10)],
      ['2026-11-20T11:00:00+01:00', Date.UTC(2026, 10, 20, 10)],
      ['2026-11-20T04:30:00-05:30', Date.UTC(2026, 10, 20, 10)],
      ['2026-11-20T10:00:00+00:00', Date.UTC(2026, 10, 20, 10)],
      ['2026-11-20T10:00:00-00:00', Date.UTC(2026, 10, 20, 10)],
      ['2026-11-20t10:00:00z', Date.UTC(2026, 10, 20, 10)],
      ['2026-11-20t11:00:00+01:00', Date.UTC(2026, 10, 20, 10)],
      ['2026-11-20T10:00:00.5Z', Date.UTC(2026, 10, 20, 10, 0, 0, 500)],
      ['2026-11-20T10:00:00.12Z', Date.UTC(2026, 10, 20, 10, 0, 0, 120)],
      ['2026-11-20T10:00:00.123Z', Date.UTC(2026, 10, 20, 10, 0, 0, 123)],
      ['2026-11-20T10:00:00.1234Z', Date.UTC(2026, 10, 20, 10, 0, 0, 123)],
      ['2026-11-20T10:00:00.123456Z', Date.UTC(2026, 10, 20, 10, 0, 0, 123)],
      ['2026-11-20T10:00:00.123456789Z', Date.UTC(2026, 10, 20, 10, 0, 0, 123)],
      ['2026-11-20T10:00:00.12345678Z', Date.UTC(2026, 10, 20, 10, 0, 0, 123)],
      ['2026-11-20T11:00:00.123+01:00', Date.UTC(2026, 10, 20, 10, 0, 0, 123)],
      ['2026-11-20T11:00:00.123456+01:00', Date.UTC(2026, 10, 20, 10, 0, 0, 123)],
      ['2028-02-29T00:00:00Z', Date.UTC(2028, 1, 29)],
      ['0999-01-01T00:00:00Z', Date.parse('0999-01-01T00:00:00Z')],
    ];
    for (const [time, epoch] of valid) {
      it(`accepts time ${time} (envelope, both modes) and reads it as ${new Date(epoch).toISOString()}`, () => {
        acceptedEverywhere({ ...examples.priceSet(), time });
        expect(decode(structuredRecord({ ...examples.priceSet(), time }))).toMatchObject({ ok: true, event: { eventTime: epoch } });
      });
      it(`accepts ${time} in data times (effectiveFrom, validFrom)`, () => {
        expectAccepted(decode(structuredRecord(withData(examples.priceSet(), { effectiveFrom: time, effectiveTo: '2099-01-01T00:00:00Z' }) as never)));
        expectAccepted(decode(structuredRecord(withData(examples.promotionActivated(), { validFrom: time, validTo: '2099-01-01T00:00:00Z' }) as never)));
      });
    }

    it('accepts fractional seconds longer than 9 digits (RFC 3339 time-secfrac = "." 1*DIGIT), read to the millisecond', () => {
      const time = '2026-11-20T10:00:00.1234567891Z';
      expect(decode(structuredRecord({ ...examples.priceSet(), time }))).toMatchObject({ ok: true, event: { eventTime: Date.UTC(2026, 10, 20, 10) + 123 } });
      expectAccepted(decode(structuredRecord(withData(examples.priceSet(), { effectiveFrom: time }) as never)));
    });

    it('accepts a leap second (RFC 3339 time-second 00-60) as the first second of the next minute', () => {
      const time = '2016-12-31T23:59:60Z';
      expect(decode(structuredRecord({ ...examples.priceSet(), time }))).toMatchObject({ ok: true, event: { eventTime: Date.UTC(2017, 0, 1) } });
      acceptedEverywhere({ ...examples.priceSet(), time });
    });

    for (const time of ['2026-11-20T10:00:00', '2026-11-20 10:00:00Z', '2026-11-31T10:00:00Z', '2026-11-20T24:00:00Z', '2026-11-20T10:00:00+24:00', '2026-11-20T10:00Z', '20261120T100000Z', '2026-11-20T10:00:00.Z', '2027-02-29T00:00:00Z']) {
      it(`rejects non-RFC 3339 time ${JSON.stringify(time)} as invalid-time`, () => {
        expect(decode(structuredRecord({ ...examples.priceSet(), time }))).toMatchObject({ ok: false, reason: 'invalid-time' });
      });
    }
  });

  it('decodes structured mode (content-type application/cloudevents+json) as structured even when ce_ headers ride along, as the Kafka binding says', () => {
    const event = examples.priceSet();
    const record = structuredRecord(event as never, { 'content-type': 'application/cloudevents+json', ce_specversion: '1.0', ce_id: 'a-header-id', ce_source: event.source, ce_type: event.type, ce_time: event.time });
    expect(decode(record)).toMatchObject({ ok: true, event: { id: event.id } });
  });
});

describe('contract conformance: data', () => {
  describe('money', () => {
    for (const amount of ['0', '0.5', '0.0001', '129.9', '129.99', '129.990', '129.9999', '1000000', '999999999999999.9999']) {
      it(`accepts amount "${amount}" (price, discount value)`, () => {
        acceptedEverywhere(withData(examples.priceSet(), { amount }));
        acceptedEverywhere(withData(examples.promotionActivated(), { discount: { kind: 'amount', value: amount, currency: 'PLN' } }));
        acceptedEverywhere(withData(examples.promotionActivated(), { discount: { kind: 'fixed-price', value: amount, currency: 'EUR' } }));
      });
    }
    for (const currency of ['PLN', 'EUR', 'USD', 'CZK', 'XAU', 'XXX']) {
      it(`accepts currency ${currency}`, () => acceptedEverywhere(withData(examples.priceSet(), { currency })));
    }
    const malformed: [string, unknown, string][] = [
      ['5 decimals', '129.99999', 'malformed-money'],
      ['exponent', '1e3', 'malformed-money'],
      ['negative', '-1.00', 'malformed-money'],
      ['leading zero', '01.50', 'malformed-money'],
      ['comma', '129,99', 'malformed-money'],
      ['empty', '', 'malformed-money'],
      ['JSON number', 129.99, 'float-money'],
      ['JSON integer', 100, 'float-money'],
    ];
    for (const [name, amount, reason] of malformed) {
      it(`rejects amount ${name} (${JSON.stringify(amount)}) as ${reason}`, () => {
        expect(decode(structuredRecord(withData(examples.priceSet(), { amount }) as never))).toMatchObject({ ok: false, reason });
      });
    }
    for (const currency of ['pln', 'PL', 'PLNN', 'zł', '']) {
      it(`rejects currency ${JSON.stringify(currency)} as malformed-money`, () => {
        expect(decode(structuredRecord(withData(examples.priceSet(), { currency }) as never))).toMatchObject({ ok: false, reason: 'malformed-money' });
      });
    }
    it('rejects a price without currency as schema-violation', () => {
      expect(decode(structuredRecord(withoutData(examples.priceSet(), 'currency') as never))).toMatchObject({ ok: false, reason: 'schema-violation' });
    });
  });

  describe('price', () => {
    it('accepts effectiveFrom/effectiveTo/priceType missing, each priceType', () => {
      acceptedEverywhere(withoutData(examples.priceSet(), 'effectiveFrom', 'effectiveTo', 'priceType'));
      acceptedEverywhere(withoutData(examples.priceSet(), 'effectiveTo'));
      acceptedEverywhere(withoutData(examples.priceSet(), 'effectiveFrom'));
      for (const priceType of ['regular', 'clearance', 'channel-exclusive']) acceptedEverywhere(withData(examples.priceSet(), { priceType }));
    });
    it('accepts effectiveTo equal to effectiveFrom, rejects it before as invalid-period', () => {
      acceptedEverywhere(withData(examples.priceSet(), { effectiveTo: '2026-11-27T00:00:00Z' }));
      expect(decode(structuredRecord(withData(examples.priceSet(), { effectiveTo: '2026-11-26T00:00:00Z' }) as never))).toMatchObject({ ok: false, reason: 'invalid-period' });
    });
  });

  describe('promotions', () => {
    const discounts: Record<string, unknown>[] = [
      { kind: 'percent', value: '20' },
      { kind: 'percent', value: '0' },
      { kind: 'percent', value: '100' },
      { kind: 'percent', value: '12.5' },
      { kind: 'percent', value: '99.9999' },
      { kind: 'amount', value: '50', currency: 'PLN' },
      { kind: 'amount', value: '0.01', currency: 'EUR' },
      { kind: 'fixed-price', value: '999.99', currency: 'PLN' },
      { kind: 'fixed-price', value: '0', currency: 'PLN' },
    ];
    for (const discount of discounts) {
      it(`accepts discount ${JSON.stringify(discount)}`, () => acceptedEverywhere(withData(examples.promotionActivated(), { discount })));
    }
    it('rejects amount / fixed-price without currency, percent over 100, unknown kind', () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ kind: 'amount', value: '50' }, 'invalid-discount'],
        [{ kind: 'fixed-price', value: '50' }, 'invalid-discount'],
        [{ kind: 'percent', value: '100.0001' }, 'invalid-discount'],
        [{ kind: 'bogo', value: '1' }, 'schema-violation'],
        [{ kind: 'percent', value: 20 }, 'float-money'],
      ];
      for (const [discount, reason] of cases) {
        expect(decode(structuredRecord(withData(examples.promotionActivated(), { discount }) as never))).toMatchObject({ ok: false, reason });
      }
    });
    for (const scope of [['*'], ['store/*'], ['eshop', 'store/*', 'contact-center'], ['marketplace/*', 'app'], []]) {
      it(`accepts scope ${JSON.stringify(scope)}`, () => acceptedEverywhere(withData(examples.promotionActivated(), { scope })));
    }
    it('accepts scope, validFrom, validTo missing', () => {
      acceptedEverywhere(withoutData(examples.promotionActivated(), 'scope'));
      acceptedEverywhere(withoutData(examples.promotionActivated(), 'scope', 'validFrom', 'validTo'));
    });
    it('accepts deactivated with only promotionId, with skus, with empty skus, with subject', () => {
      acceptedEverywhere(examples.promotionDeactivated());
      acceptedEverywhere({ ...examples.promotionDeactivated(), subject: 'BF-2026-TV' });
      acceptedEverywhere(withData(examples.promotionDeactivated(), { skus: ['SKU-1001'] }));
      acceptedEverywhere(withData(examples.promotionDeactivated(), { skus: [] }));
    });
    it('accepts an activation with an empty skus list (the contract sets no minimum)', () => {
      acceptedEverywhere(withData(examples.promotionActivated(), { skus: [] }));
    });
  });

  describe('stock', () => {
    it('accepts fulfilment missing, empty, any value; available 0 and non-store source for a store location', () => {
      acceptedEverywhere(withoutData(examples.stockLevel(), 'fulfilment'));
      acceptedEverywhere(withData(examples.stockLevel(), { fulfilment: [] }));
      acceptedEverywhere(withData(examples.stockLevel(), { fulfilment: ['click-and-collect'], available: 0 }));
      acceptedEverywhere({ ...withData(examples.stockLevel(), { fulfilment: ['ship-from-store', 'same-day'] }), source: 'eshop' });
      acceptedEverywhere({ ...withData(examples.stockLevel(), { location: 'warehouse/PL-1' }), source: 'app' });
      acceptedEverywhere(withData(examples.stockLevel(), { available: 1000000 }));
    });
    it('rejects negative stock as negative-stock and a string level as schema-violation', () => {
      expect(decode(structuredRecord(withData(examples.stockLevel(), { available: -1 }) as never))).toMatchObject({ ok: false, reason: 'negative-stock' });
      expect(decode(structuredRecord(withData(examples.stockLevel(), { available: '3' }) as never))).toMatchObject({ ok: false, reason: 'schema-violation' });
    });
  });

  describe('returns policy', () => {
    const appliesTo: (Record<string, unknown> | undefined)[] = [
      undefined,
      {},
      { categories: [], skus: [] },
      { skus: ['SKU-1001'] },
      { categories: ['tv'] },
      { categories: ['tv', 'audio'], skus: ['SKU-1001'] },
    ];
    for (const value of appliesTo) {
      it(`accepts appliesTo ${JSON.stringify(value) ?? 'missing'}`, () => {
        const event = value === undefined ? withoutData(examples.returnsPolicySet(), 'appliesTo') : withData(examples.returnsPolicySet(), { appliesTo: value });
        acceptedEverywhere(event);
      });
    }
    it('accepts acceptsReturnsOf / returnableAt missing or empty, globs, receiptRequired false, refundMethods any', () => {
      acceptedEverywhere(withoutData(examples.returnsPolicySet(), 'acceptsReturnsOf', 'returnableAt'));
      acceptedEverywhere(withData(examples.returnsPolicySet(), { acceptsReturnsOf: [], returnableAt: [] }));
      acceptedEverywhere(withData(examples.returnsPolicySet(), { acceptsReturnsOf: ['*'], returnableAt: ['marketplace/*'] }));
      acceptedEverywhere(withData(examples.returnsPolicySet(), { receiptRequired: false, refundMethods: ['cash', 'voucher'] }));
      acceptedEverywhere(withData(examples.returnsPolicySet(), { returnWindowDays: 0 }));
      acceptedEverywhere(withData(examples.returnsPolicySet(), { returnWindowDays: 365 }));
    });
  });

  describe('product', () => {
    it('accepts channels missing, empty, globs; name and category missing', () => {
      acceptedEverywhere(withoutData(examples.productUpserted(), 'channels'));
      acceptedEverywhere(withoutData(examples.productUpserted(), 'channels', 'name', 'category'));
      acceptedEverywhere(withData(examples.productUpserted(), { channels: [] }));
      acceptedEverywhere(withData(examples.productUpserted(), { channels: ['*'] }));
      acceptedEverywhere(withData(examples.productUpserted(), { channels: ['marketplace/*', 'store/WAW-*'] }));
    });
  });

  describe('U+0000, which PostgreSQL text cannot hold (appended, it would stall the partition)', () => {
    it('rejects it in a data string, a data key, the id and the source, in both modes, as nul-character', () => {
      const nul = (record: InboundRecord) => expect(decode(record)).toMatchObject({ ok: false, reason: 'nul-character' });
      nul(structuredRecord(withoutSubject(withData(examples.priceSet(), { sku: 'SKU\u00001' })) as never));
      nul(structuredRecord(withData(examples.productUpserted(), { name: 'TV\u0000' }) as never));
      nul(structuredRecord(withData(examples.productUpserted(), { ['x\u0000']: 1 }) as never));
      nul(binaryRecord({ ...examples.priceSet(), id: 'e-1\u0000' } as never, {}, true));
      nul(structuredRecord({ ...examples.priceSet(), source: 'store/\u0000' }));
    });
    it('rejects a lone UTF-16 surrogate (an unpaired \\ud800 escape) in data or an attribute as invalid-encoding; a pair is text', () => {
      const lone = (record: InboundRecord) => expect(decode(record)).toMatchObject({ ok: false, reason: 'invalid-encoding' });
      lone(structuredRecord(withoutSubject(withData(examples.priceSet(), { sku: 'SKU-\ud800' })) as never));
      lone(structuredRecord(withData(examples.productUpserted(), { name: 'TV \udc00' }) as never));
      lone(structuredRecord({ ...examples.priceSet(), id: 'e-\udfff' }));
      expectAccepted(decode(structuredRecord(withData(examples.productUpserted(), { name: 'TV \ud83d\ude00' }) as never)));
    });
    it('accepts the six characters \\u0000 written out (an escaped backslash), which are ordinary text', () => {
      expectAccepted(decode(structuredRecord(withData(examples.productUpserted(), { name: 'TV \\u0000 edition' }) as never)));
    });
  });

  describe('size limits the contract does not state (strict reading: contract-valid, rejected)', () => {
    it('limit of Parity\'s own: an id or source longer than 200 characters is rejected as invalid-attribute', () => {
      expect(decode(structuredRecord({ ...examples.priceSet(), id: 'x'.repeat(201) }))).toMatchObject({ ok: false, reason: 'invalid-attribute' });
      expect(decode(structuredRecord({ ...examples.priceSet(), source: `marketplace/${'x'.repeat(190)}` }))).toMatchObject({ ok: false, reason: 'invalid-attribute' });
    });
    it('limit of Parity\'s own: a SKU / promotion id / policy id / location longer than 200 characters is rejected as schema-violation', () => {
      const sku = 'S'.repeat(201);
      expect(decode(structuredRecord(withoutSubject(withData(examples.priceSet(), { sku })) as never))).toMatchObject({ ok: false, reason: 'schema-violation' });
    });
    it('limit of Parity\'s own: an amount with more than 15 integer digits is rejected as malformed-money', () => {
      expect(decode(structuredRecord(withData(examples.priceSet(), { amount: '1234567890123456' }) as never))).toMatchObject({ ok: false, reason: 'malformed-money' });
    });
    it('limit of Parity\'s own: returnWindowDays above 3650 is rejected as schema-violation', () => {
      expect(decode(structuredRecord(withData(examples.returnsPolicySet(), { returnWindowDays: 3651 }) as never))).toMatchObject({ ok: false, reason: 'schema-violation' });
    });
  });
});
