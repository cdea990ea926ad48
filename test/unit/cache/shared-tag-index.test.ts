import { FailureReporter } from '../../../src/cache/failure-reporter.js';
import { sharedIndexLoader, type SharedIndexOptions } from '../../../src/cache/shared-tag-index.js';
import type { SharedObject, SharedStore } from '../../../src/cache/shared-store.js';
import type { TagIndex } from '../../../src/cache/tag-source.js';
import { RetryLaterError } from '../../../src/cache/ttl-cache.js';
import { Logger } from '../../../src/log.js';

const NOW = 10_000_000;
const TTL = 300_000;
const FN = 'arn:aws:lambda:us-east-1:123456789012:function:fn';

/** An in-memory store: a ten-line fake of the S3 bucket, with hooks to play another container. */
class MemoryStore implements SharedStore {
  readonly objects = new Map<string, SharedObject>();
  lockHeld = false;
  failing = false;
  onLock?: () => void;
  async get(key: string) {
    if (this.failing) throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
    return this.objects.get(key);
  }
  async put(key: string, body: string, writtenAtMs: number) {
    if (this.failing) throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
    this.objects.set(key, { body, lastModifiedMs: writtenAtMs });
  }
  async acquireLock() {
    if (this.failing) throw Object.assign(new Error('Access Denied'), { name: 'AccessDenied' });
    this.onLock?.();
    if (this.lockHeld) return false;
    return (this.lockHeld = true);
  }
  async releaseLock() {
    this.lockHeld = false;
  }
}

function setup(fetched: TagIndex | Error = new Map([[FN, ['team:new']]])) {
  const store = new MemoryStore();
  let fetches = 0;
  const options: SharedIndexOptions = {
    name: 'lambda',
    store,
    objectKey: 'cache/x_lambda.json',
    lockKey: 'cache/x_lambda.lock',
    ttlMs: TTL,
    lockTtlMs: 60_000,
    lockHeldRetryMs: 1_000,
    failureRetryMs: 60_000,
    permission: 'tag:GetResources',
    clock: { now: () => NOW, sleep: async () => undefined },
    logger: new Logger('error', () => undefined),
    failures: new FailureReporter(new Logger('error', () => undefined)),
    fetch: async () => {
      fetches++;
      if (fetched instanceof Error) throw fetched;
      return fetched;
    },
  };
  const write = (tags: string[], ageMs: number) =>
    store.objects.set(options.objectKey, { body: JSON.stringify({ [FN]: tags }), lastModifiedMs: NOW - ageMs });
  return { store, options, load: sharedIndexLoader(options), fetches: () => fetches, write };
}

it('uses a fresh shared object without fetching', async () => {
  const { load, fetches, write } = setup();
  write(['team:shared'], 1_000);
  expect(await load()).toEqual({ value: new Map([[FN, ['team:shared']]]), freshUntilMs: NOW - 1_000 + TTL });
  expect(fetches()).toBe(0);
});

it('refreshes an expired object under the lock, writes it and releases the lock', async () => {
  const { load, fetches, write, store, options } = setup();
  write(['team:old'], TTL + 1);
  expect((await load()).value.get(FN)).toEqual(['team:new']);
  expect(fetches()).toBe(1);
  expect(JSON.parse(store.objects.get(options.objectKey)!.body)).toEqual({ [FN]: ['team:new'] });
  expect(store.lockHeld).toBe(false);
});

it('uses the object another container wrote between its read and its lock', async () => {
  const { load, fetches, write, store } = setup();
  store.onLock = () => write(['team:theirs'], 0);
  expect((await load()).value.get(FN)).toEqual(['team:theirs']);
  expect(fetches()).toBe(0);
});

it('serves the stale object while another container holds the lock, and looks again soon', async () => {
  const { load, fetches, write, store } = setup();
  write(['team:old'], TTL + 1);
  store.lockHeld = true;
  expect(await load()).toEqual({ value: new Map([[FN, ['team:old']]]), freshUntilMs: NOW + 1_000, jitter: false });
  store.objects.clear();
  await expect(load()).rejects.toBeInstanceOf(RetryLaterError);
  expect(fetches()).toBe(0);
});

it('falls back to the stale object when the API fails, without caching the failure for a TTL', async () => {
  const { load, write, store, options } = setup(
    Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }),
  );
  write(['team:old'], TTL + 1);
  expect(await load()).toEqual({ value: new Map([[FN, ['team:old']]]), freshUntilMs: NOW + 60_000, jitter: false });
  expect(options.failures.counts.throttled).toBe(1);
  expect(store.lockHeld).toBe(false);
  store.objects.clear();
  await expect(load()).rejects.toThrow('Rate exceeded');
});

it('fetches for itself when the store cannot be used', async () => {
  const { load, fetches, store, options } = setup();
  store.failing = true;
  expect((await load()).value.get(FN)).toEqual(['team:new']);
  expect(fetches()).toBe(1);
  expect(options.failures.counts.denied).toBe(3); // read, lock, write
});
