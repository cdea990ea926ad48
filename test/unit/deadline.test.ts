import type { Clock } from '../../src/clock.js';
import { beforeAbort, deadlinesFor, InvocationDeadline } from '../../src/deadline.js';
import { lambdaContext } from '../helpers/lambda.js';

describe('deadlinesFor', () => {
  it.each([
    // remaining, send by, store by: the reserve is 10 % of the time left, between 0.5 s and 5 s.
    [300, -200, 175],
    [1_000, 500, 875],
    [3_000, 2_500, 2_875],
    [30_000, 27_000, 29_250],
    [900_000, 895_000, 898_750],
  ])('%i ms left: send by %i, store by %i', (remainingMs, sendByMs, storeByMs) => {
    expect(deadlinesFor(0, remainingMs)).toEqual({ sendByMs, storeByMs, endMs: remainingMs });
  });
});

describe('InvocationDeadline', () => {
  const clock: Clock & { nowMs: number } = {
    nowMs: 1_000_000,
    now() {
      return this.nowMs;
    },
    sleep: async () => undefined,
  };

  it('gives no signal outside an invocation, and one that has already aborted past the deadline', () => {
    const deadline = new InvocationDeadline(clock);
    expect(deadline.signal('send')).toBeUndefined();
    deadline.of(lambdaContext({ getRemainingTimeInMillis: () => 1_000 }));
    expect(deadline.signal('send')?.aborted).toBe(false);
    clock.nowMs += 600;
    expect(deadline.signal('send')?.aborted).toBe(true);
    expect(deadline.signal('store')?.aborted).toBe(false);
    clock.nowMs += 300;
    expect(deadline.signal('store')?.aborted).toBe(true);
  });

  it('computes the deadlines once per invocation, however often they are asked for', () => {
    const deadline = new InvocationDeadline(clock);
    let remainingMs = 10_000;
    const context = lambdaContext({ getRemainingTimeInMillis: () => remainingMs });
    const first = deadline.of(context);
    remainingMs = 4_000;
    expect(deadline.of(context)).toBe(first);
    expect(deadline.of(lambdaContext({ getRemainingTimeInMillis: () => remainingMs })).endMs).toBe(clock.nowMs + 4_000);
  });
});

describe('beforeAbort', () => {
  it('rejects with the message once the signal aborts, and passes the answer through before', async () => {
    const controller = new AbortController();
    const never = new Promise<string>(() => undefined);
    const pending = beforeAbort(never, controller.signal, 'the store did not answer in time');
    controller.abort();
    await expect(pending).rejects.toThrow('the store did not answer in time');
    await expect(beforeAbort(Promise.resolve('ok'), new AbortController().signal, 'late')).resolves.toBe('ok');
    await expect(beforeAbort(Promise.resolve('ok'), AbortSignal.abort(), 'late')).rejects.toThrow('late');
  });
});
