import { decodeChannelEvent } from '@parity/contracts';
import { seededRandom } from './random';
import { Traffic } from './traffic';
import { toTopicBatches } from './wire';

const START = Date.parse('2026-11-20T10:00:00Z');

describe('toTopicBatches', () => {
  const traffic = new Traffic({ seed: 7, skus: 50, stores: 5, runId: 'wire' });
  const events = [...traffic.opening(START), ...Array.from({ length: 2000 }, (_, index) => traffic.next(START + index * 10))];
  const batches = toTopicBatches(events, 0.3, seededRandom(7));
  const messages = batches.flatMap((batch) => batch.messages);

  it('sends about the configured share in binary mode, the rest structured, all decodable', () => {
    const binaryShare = messages.filter((message) => message.headers['ce_specversion'] !== undefined).length / messages.length;
    expect(binaryShare).toBeGreaterThan(0.27);
    expect(binaryShare).toBeLessThan(0.33);
    expect(messages.filter((message) => !decodeChannelEvent(message, { maxEventBytes: 262_144 }).ok)).toEqual([]);
  });

  it('groups by topic, one group per topic, keeping the generation order and the keys', () => {
    expect(new Set(batches.map((batch) => batch.topic)).size).toBe(batches.length);
    for (const batch of batches) {
      const expected = events.filter((event) => event.topic === batch.topic);
      expect(batch.messages.map((message) => message.key)).toEqual(expected.map((event) => event.key));
    }
    expect(messages).toHaveLength(events.length);
  });

  it('sends everything structured at share 0 and everything binary at share 1', () => {
    const structuredOnly = toTopicBatches(events, 0, seededRandom(1)).flatMap((batch) => batch.messages);
    const binaryOnly = toTopicBatches(events, 1, seededRandom(1)).flatMap((batch) => batch.messages);
    expect(structuredOnly.every((message) => message.headers['content-type'] === 'application/cloudevents+json')).toBe(true);
    expect(binaryOnly.every((message) => message.headers['ce_id'] !== undefined)).toBe(true);
  });
});
