// Exponential backoff with jitter, bounded by the invocation's deadline.

export interface RetryPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Attempts per request, the first included. The deadline usually ends retries first. */
  readonly maxAttempts: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 200, maxDelayMs: 8_000, maxAttempts: 10 };

/** The wait before retry number `retry` (1-based): half fixed, half random, so that senders spread out. */
export function backoffMs(policy: RetryPolicy, retry: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (retry - 1));
  return ceiling / 2 + (random() * ceiling) / 2;
}
