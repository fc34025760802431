import { LogRecord } from '@parity/event-store';
import { asOfView } from './as-of';

let position = 0;
function record(source: string, id: string, type: string, eventTime: string, recordedAt: string, data: object): LogRecord {
  position += 1;
  return { position, source, id, type, subject: undefined, eventTime: Date.parse(eventTime), recordedAt: Date.parse(recordedAt), dataJson: JSON.stringify(data), kafka: { topic: 't', partition: 0, offset: position }, hash: Buffer.alloc(32) };
}

const promotion = { promotionId: 'BF-10', skus: ['SKU-1'], discount: { kind: 'percent', value: '10' }, validFrom: '2026-11-27T00:00:00Z', validTo: '2026-12-01T00:00:00Z', scope: ['*'] };
const log = [
  record('eshop', 'p1', 'retail.promotion.activated.v1', '2026-11-10T00:00:00Z', '2026-11-10T00:00:01Z', promotion),
  record('store/WAW-001', 'p2', 'retail.promotion.activated.v1', '2026-11-12T00:00:00Z', '2026-11-12T00:00:01Z', promotion),
  record('store/WAW-001', 'p3', 'retail.promotion.deactivated.v1', '2026-11-28T00:00:00Z', '2026-11-28T00:00:01Z', { promotionId: 'BF-10' }),
  record('eshop', 's1', 'retail.stock.level.v1', '2026-11-10T00:00:00Z', '2026-11-10T00:00:01Z', { sku: 'SKU-1', location: 'store/WAW-001', available: 3 }),
];
const view = (at: string, axis: 'event' | 'recorded' = 'event') => asOfView({ subject: { kind: 'promotion', id: 'BF-10' }, at: Date.parse(at), axis }, log, 0, []);

describe('as-of view of a promotion', () => {
  it('scheduled before its window, running inside it, ended where a channel deactivated it', () => {
    expect(view('2026-11-20T00:00:00Z').scheduled.map((v) => v.channel)).toEqual(['eshop', 'store/WAW-001']);
    expect(view('2026-11-27T12:00:00Z').shown.map((v) => [v.channel, v.value])).toEqual([
      ['eshop', 'BF-10: 10% off on 1 SKUs'],
      ['store/WAW-001', 'BF-10: 10% off on 1 SKUs'],
    ]);
    const later = view('2026-11-29T00:00:00Z');
    expect(later.shown.map((v) => v.channel)).toEqual(['eshop']);
    expect(later.eventsConsidered).toBe(3);
  });

  it('shows the SKUs a deactivation naming some took off, from its event time', () => {
    const two = { ...promotion, skus: ['SKU-1', 'SKU-2'] };
    const partial = [
      record('eshop', 'q1', 'retail.promotion.activated.v1', '2026-11-10T00:00:00Z', '2026-11-10T00:00:01Z', two),
      record('eshop', 'q2', 'retail.promotion.deactivated.v1', '2026-11-28T00:00:00Z', '2026-11-28T00:00:01Z', { promotionId: 'BF-10', skus: ['SKU-2'] }),
    ];
    const at = (t: string) => asOfView({ subject: { kind: 'promotion', id: 'BF-10' }, at: Date.parse(t), axis: 'event' }, partial, 0, []).shown.map((v) => v.value);
    expect(at('2026-11-27T12:00:00Z')).toEqual(['BF-10: 10% off on 2 SKUs']);
    expect(at('2026-11-29T00:00:00Z')).toEqual(['BF-10: 10% off on 1 SKUs (SKU-2 taken off)']);
  });

  it('the recorded axis leaves out what was not yet recorded', () => {
    expect(view('2026-11-11T00:00:00Z', 'recorded').scheduled.map((v) => v.channel)).toEqual(['eshop']);
  });

  it('a store sees its own facts and the stock held at it', () => {
    const store = asOfView({ subject: { kind: 'store', id: 'store/WAW-001' }, at: Date.parse('2026-11-27T12:00:00Z'), axis: 'event' }, log, 0, []);
    expect(store.shown.map((v) => [v.channel, v.what])).toEqual([
      ['store/WAW-001', 'promotion'],
      ['eshop', 'stock'],
    ]);
  });
});
