import type { Clock } from '../../../src/clock.js';
import { RetryLaterError, TtlCache, type Loaded } from '../../../src/cache/ttl-cache.js';

function fakeClock(start = 1_000_000): Clock & { advance(ms: number): void } {
  let now = start;
  return { now: () => now, sleep: async () => undefined, advance: (ms) => void (now += ms) };
}

/** A load whose answers the test gives, one call at a time. */
function controlledLoad<V>() {
  const pending: { resolve: (v: Loaded<V>) => void; reject: (e: unknown) => void }[] = [];
  const load = (_key: string) => new Promise<Loaded<V>>((resolve, reject) => pending.push({ resolve, reject }));
  return { load, pending };
}

function cache<V>(load: (key: string) => Promise<Loaded<V>>, clock: Clock, random = () => 0) {
  return new TtlCache<V>({ ttlMs: 1000, jitterMs: 500, clock, retryAfterFailureMs: 200, load, random });
}

describe('TtlCache', () => {
  it('runs one load per key however many callers wait for it (single flight)', async () => {
    const clock = fakeClock();
    const { load, pending } = controlledLoad<string>();
    const c = cache(load, clock);
    const answers = Promise.all([c.get('a'), c.get('a'), c.get('a')]);
    expect(pending).toHaveLength(1);
    pending[0]!.resolve({ value: 'A' });
    expect(await answers).toEqual([
      { state: 'fresh', value: 'A' },
      { state: 'fresh', value: 'A' },
      { state: 'fresh', value: 'A' },
    ]);
    expect(c.loads).toBe(1);
  });

  it('is fresh for the TTL plus jitter, then serves the stale value at once while refreshing', async () => {
    const clock = fakeClock();
    const { load, pending } = controlledLoad<string>();
    const c = cache(load, clock, () => 0.5);
    const first = c.get('a');
    pending[0]!.resolve({ value: 'old' });
    await first;
    clock.advance(1000 + 249);
    expect(await c.get('a')).toEqual({ state: 'fresh', value: 'old' });
    clock.advance(1);
    expect(await c.get('a')).toEqual({ state: 'stale', value: 'old' });
    expect(await c.get('a')).toEqual({ state: 'stale', value: 'old' });
    expect(pending).toHaveLength(2);
    pending[1]!.resolve({ value: 'new' });
    await c.settled('a');
    expect(await c.get('a')).toEqual({ state: 'fresh', value: 'new' });
  });

  it('does not cache a failure as an answer: keeps the stale value and tries again after the back-off', async () => {
    const clock = fakeClock();
    const errors: unknown[] = [];
    let calls = 0;
    const c = new TtlCache<string>({
      ttlMs: 1000,
      jitterMs: 0,
      clock,
      retryAfterFailureMs: 200,
      onError: (_key, error) => errors.push(error),
      load: async () => {
        calls++;
        if (calls === 2 || calls === 3) throw new Error('Rate exceeded');
        return { value: `v${calls}` };
      },
    });
    expect(await c.get('a')).toEqual({ state: 'fresh', value: 'v1' });
    clock.advance(1000);
    expect(await c.get('a')).toEqual({ state: 'stale', value: 'v1' });
    await c.settled('a');
    expect(errors).toHaveLength(1);
    expect(await c.get('a')).toEqual({ state: 'stale', value: 'v1' });
    expect(calls).toBe(2);
    clock.advance(200);
    await c.get('a');
    await c.settled('a');
    expect(calls).toBe(3);
    clock.advance(200);
    await c.get('a');
    await c.settled('a');
    expect(await c.get('a')).toEqual({ state: 'fresh', value: 'v4' });
  });

  it('answers missing when the first load fails, and loads again only after the back-off', async () => {
    const clock = fakeClock();
    let calls = 0;
    const c = cache(async () => {
      calls++;
      throw new Error('AccessDenied');
    }, clock);
    expect(await c.get('a')).toEqual({ state: 'missing' });
    expect(await c.get('a')).toEqual({ state: 'missing' });
    expect(calls).toBe(1);
    clock.advance(200);
    await c.get('a');
    expect(calls).toBe(2);
  });

  it('waits as long as a RetryLaterError says, and uses the freshness a load gives', async () => {
    const clock = fakeClock();
    let calls = 0;
    const c = cache<string>(async () => {
      calls++;
      if (calls === 1) throw new RetryLaterError('busy', 50);
      return { value: 'v', freshUntilMs: clock.now() + 10 };
    }, clock);
    expect(await c.get('a')).toEqual({ state: 'missing' });
    clock.advance(50);
    expect(await c.get('a')).toEqual({ state: 'fresh', value: 'v' });
    clock.advance(10);
    expect(c.peek('a')).toEqual({ state: 'stale', value: 'v' });
  });
});
