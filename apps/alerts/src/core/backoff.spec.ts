import { afterAttempt, httpOutcome, retryDelay } from './backoff';

const policy = { baseMs: 100, capMs: 5_000, maxAttempts: 5 };

describe('retries', () => {
  it('full jitter: uniform in [0, min(cap, base * 2^(n-1))]', () => {
    expect([1, 2, 3, 4, 7, 20].map((n) => retryDelay(policy, n, 0.999999))).toEqual([99, 199, 399, 799, 4999, 4999]);
    expect(retryDelay(policy, 3, 0)).toBe(0);
    expect(retryDelay(policy, 3, 0.5)).toBe(200);
  });

  it('retries transient failures, parks after the last attempt or on a refusal for good', () => {
    const failed = { kind: 'failed' as const, statusCode: 503, error: 'HTTP 503', permanent: false };
    expect(afterAttempt(policy, failed, 1, 1_000, 0.5)).toEqual({ kind: 'retry', at: 1_050 });
    expect(afterAttempt(policy, failed, 5, 1_000, 0.5)).toEqual({ kind: 'parked', reason: '5 attempts failed, the last: HTTP 503' });
    expect(afterAttempt(policy, { ...failed, statusCode: 410, error: 'HTTP 410', permanent: true }, 1, 1_000, 0.5)).toMatchObject({ kind: 'parked' });
    expect(afterAttempt(policy, { kind: 'delivered', statusCode: 204 }, 3, 1_000, 0.5)).toEqual({ kind: 'delivered' });
  });

  it('classifies HTTP statuses', () => {
    expect(httpOutcome(202)).toEqual({ kind: 'delivered', statusCode: 202 });
    expect([500, 503, 429, 408, 302].map((s) => (httpOutcome(s) as { permanent: boolean }).permanent)).toEqual([false, false, false, false, false]);
    expect([400, 401, 404, 410].map((s) => (httpOutcome(s) as { permanent: boolean }).permanent)).toEqual([true, true, true, true]);
  });
});
