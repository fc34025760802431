import { EVENT_TYPES } from '@parity/contracts';
import { apply, emptyProjection } from '@parity/rules';

/** Bytes of heap per (SKU, channel) price state, measured on `states` states in this process (needs --expose-gc). */
export function memoryPerState(states: number): { states: number; bytesPerState: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc (npm run bench:pipeline and bench:engine do)');
  const channels = ['eshop', 'app', 'contact-center', 'marketplace/allegro', ...Array.from({ length: 6 }, (_, i) => `store/WAW-${i}`)];
  const skus = Math.ceil(states / channels.length);
  gc();
  const before = process.memoryUsage().heapUsed;
  const projection = emptyProjection();
  let n = 0;
  for (let s = 0; s < skus; s += 1) {
    for (const channel of channels) {
      apply(projection, { source: channel, id: `m-${n++}`, type: EVENT_TYPES.priceSet, eventTime: 1_795_000_000_000 + s, data: { sku: `SKU-${s}`, amount: `${100 + (s % 50)}.99`, currency: 'PLN' } });
    }
  }
  gc();
  const used = process.memoryUsage().heapUsed - before;
  if (projection.states.size !== skus) throw new Error('the projection lost states');
  return { states: n, bytesPerState: Math.round(used / n) };
}
