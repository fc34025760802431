import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { contractTopics, DEFAULT_RECONCILER_PARTITIONS, RECONCILER_PARTITIONS_TOPIC } from './topics';

describe('the topics docker-compose creates', () => {
  const compose = parse(readFileSync(join(__dirname, '../../../docker-compose.yml'), 'utf8')) as {
    services: Record<string, { command?: string[] }>;
  };
  const script = (compose.services['kafka-init']?.command ?? []).join('\n');

  it('are the ones the local stack creates, with the same partition counts', () => {
    for (const { topic } of contractTopics(3)) expect(script).toContain(topic);
    expect(script).toMatch(new RegExp(`${RECONCILER_PARTITIONS_TOPIC.replace(/\./g, '\\.')}[\\s\\S]*--partitions ${DEFAULT_RECONCILER_PARTITIONS}`));
  });
});
