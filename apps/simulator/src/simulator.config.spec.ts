import { ConfigError } from '@parity/config';
import { simulatorConfig } from './simulator.config';

describe('simulatorConfig', () => {
  it('needs only KAFKA_BROKERS and defaults the rest', () => {
    expect(simulatorConfig({ KAFKA_BROKERS: '127.0.0.1:9092' })).toEqual({
      kafka: { brokers: ['127.0.0.1:9092'], clientId: 'parity-simulator' },
      ratePerSecond: 50,
      skus: 500,
      stores: 20,
      seed: 1,
      mode: 'normal',
      maxEvents: undefined,
      binaryShare: 0.3,
      scenario: undefined,
      truthFile: './scenario-truth.json',
      topics: new Map(),
      logLevel: 'info',
    });
  });

  it('reads every setting', () => {
    const config = simulatorConfig({
      KAFKA_BROKERS: 'a:9092,b:9092',
      SIMULATOR_RATE: '2000',
      SIMULATOR_SKUS: '50',
      SIMULATOR_STORES: '5',
      SIMULATOR_SEED: '42',
      SIMULATOR_MODE: 'black-friday',
      SIMULATOR_MAX_EVENTS: '10000',
      SIMULATOR_BINARY_SHARE: '1',
      SIMULATOR_SCENARIO: 'black-friday',
      SIMULATOR_TRUTH_FILE: '/tmp/truth.json',
      LOG_LEVEL: 'warn',
    });
    expect(config).toMatchObject({
      ratePerSecond: 2000,
      skus: 50,
      stores: 5,
      seed: 42,
      mode: 'black-friday',
      maxEvents: 10000,
      binaryShare: 1,
      scenario: 'black-friday',
      truthFile: '/tmp/truth.json',
    });
  });

  it.each([
    ['KAFKA_BROKERS', {}],
    ['SIMULATOR_MODE', { SIMULATOR_MODE: 'cyber-monday' }],
    ['SIMULATOR_SCENARIO', { SIMULATOR_SCENARIO: 'cyber-monday' }],
    ['SIMULATOR_BINARY_SHARE', { SIMULATOR_BINARY_SHARE: '1.5' }],
    ['SIMULATOR_BINARY_SHARE', { SIMULATOR_BINARY_SHARE: '-0.1' }],
    ['SIMULATOR_RATE', { SIMULATOR_RATE: '0' }],
    ['SIMULATOR_MAX_EVENTS', { SIMULATOR_MAX_EVENTS: 'lots' }],
  ])('names %s when it is missing or malformed', (variable, env) => {
    const attempt = () => simulatorConfig({ KAFKA_BROKERS: '127.0.0.1:9092', ...env, ...(variable === 'KAFKA_BROKERS' ? { KAFKA_BROKERS: '' } : {}) });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(new RegExp(`^${variable}:`));
  });

  it('publishes contract topics elsewhere when SIMULATOR_TOPICS says so, and names a bad entry', () => {
    const env = { KAFKA_BROKERS: 'a:9092', SIMULATOR_TOPICS: 'retail.prices.v1=test.prices,retail.stock.v1=test.stock' };
    expect(simulatorConfig(env).topics).toEqual(new Map([['retail.prices.v1', 'test.prices'], ['retail.stock.v1', 'test.stock']]));
    expect(() => simulatorConfig({ ...env, SIMULATOR_TOPICS: 'retail.price.v1=x' })).toThrow(/not a contract topic/);
    expect(() => simulatorConfig({ ...env, SIMULATOR_TOPICS: 'retail.prices.v1' })).toThrow(/<contract topic>=<topic>/);
  });
});
