// The invocation's deadlines, derived once from Lambda's `getRemainingTimeInMillis()`, and the AbortSignals that
// hold every outbound call to them. Sending (intake requests, S3 reads, tag lookups, secrets) stops at `sendByMs`;
// the failed-event store then has until `storeByMs` to keep what was not delivered; what remains after that is
// the margin to write the summary and return before Lambda's timeout. Clients built once per container (the AWS
// SDK clients) ask for the current invocation's signal at each call.
import { timeoutSignal, type Clock } from './clock.js';
import type { InvocationContext } from './types.js';

interface Deadlines {
  /** Epoch ms by the clock: no request starts, no retry waits and no read goes on after it. */
  readonly sendByMs: number;
  /** Epoch ms: storing what was not delivered must be done by then (a store that has not answered has failed). */
  readonly storeByMs: number;
  /** Epoch ms: Lambda's timeout. */
  readonly endMs: number;
}

export type DeadlinePhase = 'send' | 'store';

/**
 * The reserve kept after sending: 10 % of the time left, between 0.5 s and 5 s. Three quarters of it are for
 * storing, a quarter for the summary and the return.
 */
export function deadlinesFor(nowMs: number, remainingMs: number): Deadlines {
  const reserveMs = Math.min(5_000, Math.max(500, remainingMs * 0.1));
  const endMs = nowMs + remainingMs;
  return { sendByMs: endMs - reserveMs, storeByMs: endMs - reserveMs / 4, endMs };
}

/** The deadlines of the invocation under way, for the clients a container keeps between invocations. */
export class InvocationDeadline {
  private context?: InvocationContext;
  private current?: Deadlines;

  constructor(private readonly clock: Clock) {}

  /** The deadlines of the invocation with this context, computed on its first ask. */
  of(context: InvocationContext): Deadlines {
    if (this.context !== context || this.current === undefined) {
      this.context = context;
      this.current = deadlinesFor(this.clock.now(), context.getRemainingTimeInMillis());
    }
    return this.current;
  }

  /** A signal that aborts at the current invocation's deadline for `phase`; undefined outside an invocation. */
  signal(phase: DeadlinePhase): AbortSignal | undefined {
    if (this.current === undefined) return undefined;
    const byMs = phase === 'send' ? this.current.sendByMs : this.current.storeByMs;
    return timeoutSignal(this.clock, byMs - this.clock.now());
  }
}

/**
 * `promise`, or a rejection with `message` once `signal` aborts: for a port that may not honour the signal
 * itself (the call goes on in the background; the invocation does not wait for it).
 */
export function beforeAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined, message: string): Promise<T> {
  if (signal === undefined) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error(message));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** Resolves with the promise's value, or undefined when `ms` pass first (the promise goes on in the background). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
