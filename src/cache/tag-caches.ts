// The TagLookup port (src/enrich/resource-tags.ts) over in-memory TTL caches (ttl-cache.ts) and, when
// DD_S3_BUCKET_NAME is set, cache objects shared by every container (datadog-serverless-functions
// aws/logs_monitoring/caching/, 5.4.11):
// - Lambda functions, S3 buckets, state machines: one account-wide index each, from GetResources, shared through
//   `cache/<sha1(forwarder ARN)>_<lambda|s3|states>.json` with a lock (shared-tag-index.ts);
// - log groups: one entry per log group, from ListTagsForResource, shared through
//   `cache/log-group/<sha1>/<log group ARN with / and : as _>.json`, without a lock (Datadog Forwarder v5).
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import { tagCacheKey } from '../enrich/aws-tags.js';
import type { ResourceKind, TagAnswer, TagLookup } from '../enrich/resource-tags.js';
import type { Logger } from '../log.js';
import { FailureReporter } from './failure-reporter.js';
import { sharedIndexLoader } from './shared-tag-index.js';
import type { SharedStore } from './shared-store.js';
import type { TaggedResourceType, TagIndex, TagSource } from './tag-source.js';
import { TtlCache, type Loaded } from './ttl-cache.js';

interface TagCachesOptions {
  readonly source: TagSource;
  readonly store?: SharedStore;
  readonly kinds: ReadonlySet<ResourceKind>;
  /** Names the shared cache objects, so that forwarders sharing a bucket keep apart. */
  readonly forwarderArn: string;
  readonly ttlMs: number;
  readonly jitterMs: number;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly random?: () => number;
}

const INDEXED: Partial<Record<ResourceKind, { type: TaggedResourceType; file: string }>> = {
  lambda: { type: 'lambda', file: 'lambda' },
  s3Bucket: { type: 's3:bucket', file: 's3' },
  stateMachine: { type: 'states', file: 'states' },
};
const INDEX_KEY = 'all';
const LOCK_TTL_MS = 60_000;

export class CachedTagLookup implements TagLookup {
  readonly failures: FailureReporter;
  private readonly indexes = new Map<ResourceKind, TtlCache<TagIndex>>();
  private readonly logGroups: TtlCache<readonly string[]>;
  private readonly prefix: string;

  constructor(private readonly options: TagCachesOptions) {
    this.failures = new FailureReporter(options.logger);
    this.prefix = createHash('sha1').update(options.forwarderArn.toLowerCase()).digest('hex');
    for (const kind of options.kinds) {
      const indexed = INDEXED[kind];
      if (indexed) this.indexes.set(kind, this.indexCache(indexed.type, indexed.file));
    }
    this.logGroups = this.cache((arn) => this.loadLogGroup(arn));
  }

  async get(kind: ResourceKind, arn: string): Promise<TagAnswer> {
    if (kind === 'logGroup') return answer(await this.logGroups.get(arn));
    const index = this.indexes.get(kind);
    if (!index) return { state: 'missing', tags: [] };
    return fromIndex(await index.get(INDEX_KEY), arn);
  }

  peek(kind: ResourceKind, arn: string): TagAnswer {
    if (kind === 'logGroup') return answer(this.logGroups.peek(arn));
    const index = this.indexes.get(kind);
    return index ? fromIndex(index.peek(INDEX_KEY), arn) : { state: 'missing', tags: [] };
  }

  /** Waits until no refresh is running (tests wait on this instead of sleeping). */
  async idle(): Promise<void> {
    await Promise.all([this.logGroups.idle(), ...[...this.indexes.values()].map((cache) => cache.idle())]);
  }

  /** Loads started per kind (tests count refreshes with it). */
  loads(kind: ResourceKind): number {
    return kind === 'logGroup' ? this.logGroups.loads : (this.indexes.get(kind)?.loads ?? 0);
  }

  private cache<V>(load: (key: string) => Promise<Loaded<V>>): TtlCache<V> {
    const { ttlMs, jitterMs, clock, random } = this.options;
    return new TtlCache<V>({ ttlMs, jitterMs, clock, random, load, retryAfterFailureMs: Math.min(ttlMs, 60_000) });
  }

  private indexCache(type: TaggedResourceType, file: string): TtlCache<TagIndex> {
    const { store, ttlMs, clock, logger, source } = this.options;
    const load = sharedIndexLoader({
      name: file,
      store,
      objectKey: `cache/${this.prefix}_${file}.json`,
      lockKey: `cache/${this.prefix}_${file}.lock`,
      ttlMs,
      lockTtlMs: LOCK_TTL_MS,
      lockHeldRetryMs: Math.min(ttlMs, 1_000),
      failureRetryMs: Math.min(ttlMs, 60_000),
      permission: 'tag:GetResources',
      clock,
      logger,
      failures: this.failures,
      fetch: () => source.resourceTags(type),
    });
    return this.cache(() => load());
  }

  private async loadLogGroup(arn: string): Promise<Loaded<readonly string[]>> {
    const { store, clock, ttlMs, source } = this.options;
    const key = `cache/log-group/${this.prefix}/${arn.replace(/[/:]/g, '_')}.json`;
    const cached = store ? await this.readLogGroup(store, key) : undefined;
    if (cached && clock.now() <= cached.lastModifiedMs + ttlMs) {
      return { value: cached.tags, freshUntilMs: cached.lastModifiedMs + ttlMs };
    }
    let tags: readonly string[];
    try {
      tags = await source.logGroupTags(arn);
    } catch (error) {
      this.failures.report('log group tags', 'logs:ListTagsForResource', error);
      throw error;
    }
    await store?.put(key, JSON.stringify(tags), clock.now()).catch((error: unknown) => {
      this.failures.report('log group tag cache write', 's3:PutObject', error);
    });
    return { value: tags };
  }

  private async readLogGroup(store: SharedStore, key: string) {
    try {
      const object = await store.get(key);
      if (!object) return undefined;
      const tags: unknown = JSON.parse(object.body);
      if (Array.isArray(tags) && tags.every((t) => typeof t === 'string')) {
        return { tags: tags as string[], lastModifiedMs: object.lastModifiedMs };
      }
      this.options.logger.warn('Ignored a corrupt tag cache object; it will be rewritten.', { key });
    } catch (error) {
      if (error instanceof SyntaxError) {
        this.options.logger.warn('Ignored a corrupt tag cache object; it will be rewritten.', { key });
      } else {
        this.failures.report(
          'log group tag cache read',
          's3:GetObject (and s3:ListBucket, without which a missing object reads as denied)',
          error,
        );
      }
    }
    return undefined;
  }
}

function answer(cached: { state: TagAnswer['state']; value?: readonly string[] }): TagAnswer {
  return { state: cached.state, tags: cached.value ?? [] };
}

/** A resource absent from a known index has no tags (the Datadog Forwarder does not refetch for it either). */
function fromIndex(cached: { state: TagAnswer['state']; value?: TagIndex }, arn: string): TagAnswer {
  return { state: cached.state, tags: cached.value?.get(tagCacheKey(arn)) ?? [] };
}
