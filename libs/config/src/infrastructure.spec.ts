import { ConfigError } from './environment';
import { databaseConfig, databaseUrl } from './infrastructure';

const refusal = (url: string | undefined) => {
  try {
    databaseUrl({ DATABASE_URL: url }, 'or --database-url');
  } catch (error) {
    return error instanceof ConfigError ? error.message : `not a ConfigError: ${String(error)}`;
  }
  return 'accepted';
};

describe('databaseUrl: DATABASE_URL as pg will read it', () => {
  it('accepts postgres:// and postgresql:// URLs with a host, in the authority or as ?host=', () => {
    expect(databaseUrl({ DATABASE_URL: ' postgres://parity_app:s%25cret@127.0.0.1:54329/parity ' }, 'or --database-url')).toBe('postgres://parity_app:s%25cret@127.0.0.1:54329/parity');
    expect(refusal('postgresql://parity@db/parity')).toBe('accepted');
    expect(refusal('postgres:///parity?host=/var/run/postgresql')).toBe('accepted');
  });

  it('refuses a missing value, naming where it comes from', () => {
    expect(refusal(undefined)).toMatch(/^DATABASE_URL: is not set \(.*or --database-url\)$/);
    expect(() => databaseConfig({})).toThrow(/DATABASE_URL: is not set \(.*`npm start` sets it\)/);
  });

  it('refuses what pg would read as a database on the host "base": not a URL, another scheme, no host', () => {
    for (const url of ['notaurl', 'mysql://parity@db/parity', 'postgres:///parity']) {
      expect({ url, refusal: refusal(url) }).toEqual({ url, refusal: 'DATABASE_URL: is not a PostgreSQL URL: expected postgres://user:password@host:port/database (or --database-url)' });
    }
  });

  it('refuses a broken percent-escape, which pg would read as literal text and fail later as unreachable', () => {
    for (const url of ['postgres://%zz@host/db', 'postgres://parity:100%@db/parity', 'postgres://parity:%ff@db/parity']) {
      expect({ url, refusal: refusal(url) }).toEqual({ url, refusal: 'DATABASE_URL: has a broken percent-escape: write a % in a user name or password as %25 (or --database-url)' });
    }
    expect(() => databaseConfig({ DATABASE_URL: 'postgres://%zz@host/db' })).toThrow(ConfigError);
  });
});
