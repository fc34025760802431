import { ConfigError } from '@parity/config';
import { feedConfig } from './feed.config';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', DATABASE_URL: 'postgres://u:p@h/db' };

describe('feed configuration', () => {
  it('refuses to start without PARITY_AUTH_SECRET, naming it', () => {
    expect(() => feedConfig(base)).toThrow(ConfigError);
    expect(() => feedConfig(base)).toThrow(/^PARITY_AUTH_SECRET: is not set/);
  });

  it('has documented defaults and names a bad value', () => {
    const config = feedConfig({ ...base, PARITY_AUTH_SECRET: 'a-secret-that-is-long-enough-0123456789' });
    expect(config).toMatchObject({ httpPort: 3003, pollMs: 100, rateLimitPerMinute: 1200, signInLimitPerMinute: 10, bodyLimitBytes: 16384, heartbeatMs: 15000 });
    expect(() => feedConfig({ ...base, PARITY_AUTH_SECRET: 'a-secret-that-is-long-enough-0123456789', FEED_POLL_MS: 'fast' })).toThrow(/^FEED_POLL_MS: must be an integer/);
  });
});
