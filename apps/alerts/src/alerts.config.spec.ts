import { alertsConfig } from './alerts.config';

const base = { KAFKA_BROKERS: '127.0.0.1:9092', DATABASE_URL: 'postgres://x@y/z', PARITY_AUTH_SECRET: 'a-test-secret-that-is-long-enough-0123' };

describe('alerts configuration', () => {
  it('has defaults: port 3004, the committed routing file, the local dashboard, no extra networks', () => {
    const config = alertsConfig(base);
    expect(config).toMatchObject({ httpPort: 3004, dashboardUrl: 'http://127.0.0.1:3003', allowedNetworks: [], retry: { baseMs: 1000, capMs: 300000, maxAttempts: 12 } });
    expect(config.routingFile).toMatch(/config\/alerts\.yaml$/);
  });
  it('names the variable and the problem', () => {
    expect(() => alertsConfig({ ...base, ALERTS_ALLOWED_NETWORKS: '10.0.0.0/8,nonsense' })).toThrow(/ALERTS_ALLOWED_NETWORKS: not CIDR networks: nonsense/);
    expect(() => alertsConfig({ ...base, PARITY_DASHBOARD_URL: 'not a url' })).toThrow(/PARITY_DASHBOARD_URL/);
    expect(() => alertsConfig({ ...base, ALERTS_DELIVERY_LEASE_MS: '5000', ALERTS_REQUEST_TIMEOUT_MS: '10000' })).toThrow(/ALERTS_DELIVERY_LEASE_MS: must be longer/);
    expect(() => alertsConfig({ ...base, PARITY_AUTH_SECRET: '' })).toThrow(/PARITY_AUTH_SECRET/);
    expect(() => alertsConfig({ ...base, ALERTS_MAX_ATTEMPTS: '0' })).toThrow(/ALERTS_MAX_ATTEMPTS: must be >= 1/);
  });
});
