import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { asyncApiDocument, asyncApiYaml } from '../../../scripts/asyncapi';
import { CHANNEL_EVENT_TYPES } from './event-types';
import { DEAD_LETTER_HEADERS } from './dead-letter';
import { REJECTION_REASONS } from './rejection';
import { dataJsonSchemas } from './schemas';
import { DEAD_LETTER_TOPIC, FINDINGS_TOPIC, INBOUND_TOPICS } from './topics';

interface Channel {
  address: string;
  messages: Record<string, { name: string; headers?: { properties: Record<string, { enum?: string[] }> } }>;
}
interface AsyncApi {
  asyncapi: string;
  channels: Record<string, Channel>;
  components: { schemas: Record<string, unknown> };
}

const committedText = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'asyncapi.yaml'), 'utf8');
const committed = parse(committedText) as AsyncApi;
const channelByAddress = (address: string) => Object.values(committed.channels).find((channel) => channel.address === address);

describe('docs/asyncapi.yaml', () => {
  it('is an AsyncAPI 3.0.0 document', () => {
    expect(committed.asyncapi).toBe('3.0.0');
  });

  it.each(CHANNEL_EVENT_TYPES)('publishes the schema the validator uses for %s', (type) => {
    expect(committed.components.schemas[type]).toEqual(dataJsonSchemas()[type]);
  });

  it.each([...INBOUND_TOPICS, FINDINGS_TOPIC, DEAD_LETTER_TOPIC])('has a channel for %s', (topic) => {
    expect(channelByAddress(topic)).toEqual(expect.objectContaining({ address: topic }));
  });

  it('describes every event type in both Kafka binding modes', () => {
    const names = Object.values(committed.channels).flatMap((channel) => Object.values(channel.messages).map((message) => message.name));
    for (const type of CHANNEL_EVENT_TYPES) expect(names).toEqual(expect.arrayContaining([type, `${type} (binary)`]));
  });

  it('lists every rejection reason as a dead-letter reason', () => {
    const deadLetter = channelByAddress(DEAD_LETTER_TOPIC)?.messages['deadLetter'];
    expect(deadLetter?.headers?.properties[DEAD_LETTER_HEADERS.reason]?.enum).toEqual(Object.keys(REJECTION_REASONS));
  });

  it('is what the generator produces now (run `npm run docs:asyncapi` after changing the contract)', () => {
    expect(committed).toEqual(asyncApiDocument());
    expect(committedText).toBe(asyncApiYaml());
  });
});
