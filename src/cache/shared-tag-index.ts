// Loads an account-wide tag index (every Lambda function, bucket or state machine with its tags) through a cache
// object shared by all containers, so that one container calls the tagging API per TTL for all of them. The
// algorithm is the Datadog Forwarder's (`BaseTagsCache._refresh`, datadog-serverless-functions
// aws/logs_monitoring/caching/base_tags_cache.py, 5.4.11), with the same object names and
// body (`{"<lowercased arn>": ["k:v", ...]}`), so both forwarders can share a bucket during a migration:
// 1. a fresh cache object is used as it is;
// 2. when it is missing, corrupt or expired, the container that takes the lock calls the API, writes the object
//    and releases the lock; a failed call falls back to the stale object;
// 3. a container that finds the lock held serves the stale object, and looks again soon;
// 4. a container that cannot use the bucket at all (denied, missing) fetches for itself, as without a bucket.
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { FailureReporter } from './failure-reporter.js';
import type { SharedStore } from './shared-store.js';
import type { TagIndex } from './tag-source.js';
import { RetryLaterError, type Loaded } from './ttl-cache.js';

export interface SharedIndexOptions {
  /** For log lines: `lambda`, `s3`, `states`. */
  readonly name: string;
  readonly store?: SharedStore;
  readonly objectKey: string;
  readonly lockKey: string;
  readonly ttlMs: number;
  /** A lock older than this is taken to be its holder's failure (the Datadog Forwarder's 60 s). */
  readonly lockTtlMs: number;
  /** How soon a container that found the lock held looks at the cache object again. */
  readonly lockHeldRetryMs: number;
  /** How soon the API is tried again after it failed (the stale object is served meanwhile). */
  readonly failureRetryMs: number;
  /** The IAM action the fetch needs, named when it is denied. */
  readonly permission: string;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly failures: FailureReporter;
  readonly fetch: () => Promise<TagIndex>;
}

export function sharedIndexLoader(options: SharedIndexOptions): () => Promise<Loaded<TagIndex>> {
  const { store } = options;
  if (!store) return async () => ({ value: await fetchOrReport(options) });
  return async () => {
    const cached = await readIndex(store, options);
    const now = options.clock.now();
    const fresh = freshAnswer(cached, options, now);
    if (fresh) return fresh;
    const lock = await tryLock(store, options, now);
    // A bucket this container cannot use must not stop it from fetching tags: it fetches for itself.
    if (lock === 'unavailable') return refreshIndex(store, options, cached?.index);
    if (lock === 'held') {
      if (cached) return { value: cached.index, freshUntilMs: now + options.lockHeldRetryMs, jitter: false };
      throw new RetryLaterError(`Another container is refreshing the ${options.name} tags.`, options.lockHeldRetryMs);
    }
    try {
      // Another container may have refreshed between our read and our lock: then its object is the answer.
      const latest = freshAnswer(await readIndex(store, options, false), options, options.clock.now());
      if (latest) return latest;
      return await refreshIndex(store, options, cached?.index);
    } finally {
      await store.releaseLock(options.lockKey).catch((error: unknown) => {
        options.failures.report(`${options.name} tag cache lock release`, 's3:DeleteObject', error);
      });
    }
  };
}

interface CachedIndex {
  readonly index: TagIndex;
  readonly lastModifiedMs: number;
}

/** The cached index as the answer when it is within its TTL, else undefined. */
function freshAnswer(
  cached: CachedIndex | undefined,
  options: SharedIndexOptions,
  now: number,
): Loaded<TagIndex> | undefined {
  if (cached === undefined || now > cached.lastModifiedMs + options.ttlMs) return undefined;
  return { value: cached.index, freshUntilMs: cached.lastModifiedMs + options.ttlMs };
}

async function refreshIndex(
  store: SharedStore,
  options: SharedIndexOptions,
  stale: TagIndex | undefined,
): Promise<Loaded<TagIndex>> {
  let index: TagIndex;
  try {
    index = await fetchOrReport(options);
  } catch (error) {
    // Not cached as an answer: the stale object is served, and the refresh is tried again after a back-off.
    if (stale && stale.size > 0) {
      return { value: stale, freshUntilMs: options.clock.now() + options.failureRetryMs, jitter: false };
    }
    throw error;
  }
  const body = JSON.stringify(Object.fromEntries(index));
  await store.put(options.objectKey, body, options.clock.now()).catch((error: unknown) => {
    options.failures.report(`${options.name} tag cache write`, 's3:PutObject', error);
  });
  return { value: index };
}

async function fetchOrReport(options: SharedIndexOptions): Promise<TagIndex> {
  try {
    return await options.fetch();
  } catch (error) {
    options.failures.report(`${options.name} tags`, options.permission, error);
    throw error;
  }
}

async function tryLock(
  store: SharedStore,
  options: SharedIndexOptions,
  now: number,
): Promise<'acquired' | 'held' | 'unavailable'> {
  try {
    return (await store.acquireLock(options.lockKey, options.lockTtlMs, now)) ? 'acquired' : 'held';
  } catch (error) {
    options.failures.report(`${options.name} tag cache lock`, 's3:PutObject', error);
    return 'unavailable';
  }
}

/** The cache object, or undefined when it is missing, unreadable or corrupt (it will be rewritten). */
async function readIndex(
  store: SharedStore,
  options: SharedIndexOptions,
  report = true,
): Promise<CachedIndex | undefined> {
  let object;
  try {
    object = await store.get(options.objectKey);
  } catch (error) {
    if (report)
      options.failures.report(
        `${options.name} tag cache read`,
        's3:GetObject (and s3:ListBucket, without which a missing object reads as denied)',
        error,
      );
    return undefined;
  }
  if (!object) return undefined;
  const index = parseIndex(object.body);
  if (!index) {
    if (report)
      options.logger.warn('Ignored a corrupt tag cache object; it will be rewritten.', { key: options.objectKey });
    return undefined;
  }
  return { index, lastModifiedMs: object.lastModifiedMs };
}

function parseIndex(body: string): TagIndex | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const index = new Map<string, readonly string[]>();
  for (const [arn, tags] of Object.entries(parsed)) {
    if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) return undefined;
    index.set(arn, tags as string[]);
  }
  return index;
}
