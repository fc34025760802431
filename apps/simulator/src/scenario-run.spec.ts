import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeChannelEvent, INBOUND_TOPICS } from '@parity/contracts';
import { parseTruthFile } from './ground-truth';
import { publishScenario, ScenarioRun } from './scenario-run';
import { TopicBatch } from './wire';

const NOW = Date.parse('2027-02-03T10:11:12.000Z');

/** Keeps what would go to Kafka. */
function recorder() {
  const batches: TopicBatch[][] = [];
  return { batches, sendBatch: async ({ topicMessages }: { topicMessages: TopicBatch[] }) => void batches.push(topicMessages) };
}

const run = (truthFile: string): ScenarioRun => ({ scenario: 'normal-day', seed: 3, skus: 40, stores: 3, binaryShare: 0.3, truthFile });

describe('publishScenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parity-scenario-'));

  it('sends every event to its contract topic, decodable and keyed, then writes the truth anchored at now', async () => {
    const producer = recorder();
    const result = await publishScenario(producer, run(join(dir, 'truth.json')), NOW, () => false, () => undefined);
    const messages = producer.batches.flat();
    expect(messages.every((batch) => INBOUND_TOPICS.includes(batch.topic))).toBe(true);
    const records = messages.flatMap((batch) => batch.messages);
    expect(records).toHaveLength(result.sent);
    const decoded = records.map((record) => ({ record, result: decodeChannelEvent(record, { maxEventBytes: 262_144 }) }));
    expect(decoded.filter(({ result: outcome }) => !outcome.ok)).toEqual([]);
    expect(decoded.filter(({ record, result: outcome }) => outcome.ok && record.key !== outcome.event.subject)).toEqual([]);
    expect(decoded.every(({ result: outcome }) => outcome.ok && outcome.event.eventTime <= NOW)).toBe(true);

    const truth = parseTruthFile(readFileSync(result.truthFile, 'utf8'));
    expect(truth).toMatchObject({ scenario: 'normal-day', seed: 3, scoringTime: new Date(NOW).toISOString() });
    expect(truth.expected).toHaveLength(result.expected);
    expect(truth.expected.filter((item) => item.scheduled).every((item) => Date.parse(item.impactAt) > NOW)).toBe(true);
  });

  it('writes no truth file when stopped before every event was sent', async () => {
    const producer = recorder();
    let calls = 0;
    const attempt = publishScenario(producer, run(join(dir, 'partial.json')), NOW, () => ++calls > 2, () => undefined);
    await expect(attempt).rejects.toThrow(/interrupted after 2000 of \d+ events/);
    expect(existsSync(join(dir, 'partial.json'))).toBe(false);
  });
});
