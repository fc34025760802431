import { logLevel } from 'kafkajs';
import pino from 'pino';
import { Writable } from 'node:stream';
import { kafkaLogCreator } from './log-creator';

function logged(entries: { level: logLevel; error?: string }[]): { level: number; msg: string }[] {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const log = kafkaLogCreator(pino({ level: 'info' }, sink))();
  for (const { level, error } of entries) {
    log({ namespace: 'Connection', level, label: 'ERROR', log: { timestamp: '2026-12-03T21:03:30.052Z', message: 'Response InitProducerId(key: 22, version: 1)', ...(error ? { error } : {}) } });
  }
  return lines.map((line) => JSON.parse(line) as { level: number; msg: string });
}

describe('kafkaLogCreator', () => {
  it('given a broker error kafkajs retries by itself (the group coordinator still loading at start), then it is logged at info, not as an error', () => {
    expect(logged([{ level: logLevel.ERROR, error: "The coordinator is loading and hence can't process requests for this group" }])).toEqual([
      expect.objectContaining({ level: 30, msg: 'Response InitProducerId(key: 22, version: 1)', retriedByKafkajs: true }),
    ]);
  });

  it('given an error kafkajs does not retry (not authorized), then it stays an error', () => {
    expect(logged([{ level: logLevel.ERROR, error: 'Not authorized to access topics: [Topic authorization failed]' }])).toEqual([expect.objectContaining({ level: 50 })]);
  });

  it('given warnings and debug lines, then they keep their levels (debug below the logger level is dropped)', () => {
    expect(logged([{ level: logLevel.WARN }, { level: logLevel.DEBUG }]).map((line) => line.level)).toEqual([40]);
  });
});
