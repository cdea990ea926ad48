// An in-memory cache for one container: each key is fresh for a TTL plus a random jitter (so that containers
// do not all refresh at once), one load runs per key at a time (single flight), a stale value is served at once
// while its refresh runs in the background, and a failed load is not cached as an answer: the stale value (or
// nothing) is served and the load is tried again after a short back-off, not on every call.
import type { Clock } from '../clock.js';

export interface Loaded<V> {
  readonly value: V;
  /** Until when the value is fresh (before jitter); now + TTL when omitted. */
  readonly freshUntilMs?: number;
  /** False for a short, exact freshness (a stale value served until a retry), which jitter must not stretch. */
  readonly jitter?: boolean;
}

/** A load that could not give an answer yet and says when to try again (e.g. another container is refreshing). */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

interface TtlCacheOptions<V> {
  readonly ttlMs: number;
  readonly jitterMs: number;
  readonly clock: Clock;
  /** After a failed load, the next attempt for that key waits this long. */
  readonly retryAfterFailureMs: number;
  readonly load: (key: string) => Promise<Loaded<V>>;
  readonly onError?: (key: string, error: unknown) => void;
  readonly random?: () => number;
}

type CacheState = 'fresh' | 'stale' | 'missing';

interface CacheAnswer<V> {
  readonly state: CacheState;
  readonly value?: V;
}

interface Entry<V> {
  readonly value: V;
  readonly freshUntilMs: number;
}

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Promise<void>>();
  private readonly retryAtMs = new Map<string, number>();
  /** Loads started, for tests and the summary. */
  loads = 0;

  constructor(private readonly options: TtlCacheOptions<V>) {}

  /** What is cached now, without loading. */
  peek(key: string): CacheAnswer<V> {
    const entry = this.entries.get(key);
    if (!entry) return { state: 'missing' };
    return { state: this.options.clock.now() < entry.freshUntilMs ? 'fresh' : 'stale', value: entry.value };
  }

  /** A fresh value at once; a stale one at once (refreshing in the background); else waits for the load. */
  async get(key: string): Promise<CacheAnswer<V>> {
    const now = this.options.clock.now();
    const entry = this.entries.get(key);
    if (entry && now < entry.freshUntilMs) return { state: 'fresh', value: entry.value };
    const refreshing = this.refresh(key, now);
    if (entry) return { state: 'stale', value: entry.value };
    if (refreshing) await refreshing;
    return this.peek(key);
  }

  /** Waits for the refresh of a key that is running, if any (for callers that want the newest value). */
  async settled(key: string): Promise<void> {
    await this.loading.get(key);
  }

  /** Waits until no load is running (tests wait on this instead of sleeping). */
  async idle(): Promise<void> {
    while (this.loading.size > 0) await Promise.all(this.loading.values());
  }

  private refresh(key: string, now: number): Promise<void> | undefined {
    const running = this.loading.get(key);
    if (running) return running;
    if ((this.retryAtMs.get(key) ?? 0) > now) return undefined;
    this.loads++;
    const load = this.options.load(key).then(
      (loaded) => {
        this.entries.set(key, { value: loaded.value, freshUntilMs: this.freshUntil(loaded) });
        this.retryAtMs.delete(key);
      },
      (error: unknown) => {
        const waitMs = error instanceof RetryLaterError ? error.retryAfterMs : this.options.retryAfterFailureMs;
        this.retryAtMs.set(key, this.options.clock.now() + waitMs);
        this.options.onError?.(key, error);
      },
    );
    const tracked = load.finally(() => this.loading.delete(key));
    this.loading.set(key, tracked);
    return tracked;
  }

  private freshUntil(loaded: Loaded<V>): number {
    const { clock, ttlMs, jitterMs, random = Math.random } = this.options;
    const jitter = loaded.jitter === false ? 0 : Math.floor(random() * jitterMs);
    return (loaded.freshUntilMs ?? clock.now() + ttlMs) + jitter;
  }
}
