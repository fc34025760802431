export interface RetryPolicy {
  readonly baseMs: number;
  readonly capMs: number;
  /** Attempts in all, the first included; after the last failed one the notification is parked. */
  readonly maxAttempts: number;
}

/**
 * Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"):
 * a delay drawn uniformly from [0, min(cap, base * 2^(attempt-1))]. `random` in [0, 1) is data.
 */
export function retryDelay(policy: RetryPolicy, failedAttempts: number, random: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, failedAttempts - 1));
  return Math.floor(random * ceiling);
}

export type AttemptOutcome =
  | { readonly kind: 'delivered'; readonly statusCode: number | null }
  | { readonly kind: 'failed'; readonly statusCode: number | null; readonly error: string; readonly permanent: boolean };

export type NextStep = { readonly kind: 'delivered' } | { readonly kind: 'retry'; readonly at: number } | { readonly kind: 'parked'; readonly reason: string };

/** After an attempt: done, retried later, or parked (the last attempt failed, or the receiver refused it for good). */
export function afterAttempt(policy: RetryPolicy, outcome: AttemptOutcome, attempts: number, now: number, random: number): NextStep {
  if (outcome.kind === 'delivered') return { kind: 'delivered' };
  if (outcome.permanent) return { kind: 'parked', reason: `refused for good: ${outcome.error}` };
  if (attempts >= policy.maxAttempts) return { kind: 'parked', reason: `${attempts} attempts failed, the last: ${outcome.error}` };
  return { kind: 'retry', at: now + retryDelay(policy, attempts, random) };
}

/** HTTP status -> delivered, worth retrying (timeouts, throttling, server errors), or refused for good (other 4xx). */
export function httpOutcome(statusCode: number): AttemptOutcome {
  if (statusCode >= 200 && statusCode < 300) return { kind: 'delivered', statusCode };
  const retriable = statusCode >= 500 || statusCode === 408 || statusCode === 425 || statusCode === 429 || statusCode < 200 || (statusCode >= 300 && statusCode < 400);
  return { kind: 'failed', statusCode, error: `HTTP ${statusCode}`, permanent: !retriable };
}
