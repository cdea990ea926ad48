// The Clock port: time and waiting, so tests can control backoff without sleeping, and run an invocation's
// deadlines faster than the wall clock (a clock may give its own timeout signals).
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** An AbortSignal that aborts `ms` from now by this clock (default: AbortSignal.timeout, real time). */
  timeout?(ms: number): AbortSignal;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Aborts `ms` from now by `clock` (at once when `ms` is not positive), with a TimeoutError as its reason. */
export function timeoutSignal(clock: Clock, ms: number): AbortSignal {
  if (ms <= 0) return AbortSignal.abort(new DOMException('The deadline has passed.', 'TimeoutError'));
  return clock.timeout?.(ms) ?? AbortSignal.timeout(Math.ceil(ms));
}
