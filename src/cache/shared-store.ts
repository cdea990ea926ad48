// The SharedStore port: objects every container of the forwarder can read and write (an S3 bucket in
// production, src/cache/s3-store.ts), used to share fetched tags so that one container refreshes them for all.

export interface SharedObject {
  readonly body: string;
  /** When it was written: by the writer's clock when the writer said so, else the store's Last-Modified. */
  readonly lastModifiedMs: number;
  /** The store's version of the object (S3's ETag, quotes included), for conditional writes. */
  readonly etag?: string;
}

export interface SharedStore {
  /** The object, or undefined when there is none. Other failures reject. */
  get(key: string): Promise<SharedObject | undefined>;
  /** Writes the object, recording `writtenAtMs` (the writer's clock) with it. */
  put(key: string, body: string, writtenAtMs: number): Promise<void>;
  /**
   * Takes the lock object `key` unless another container holds one younger than `ttlMs`. True when this
   * container now holds it, and then no other container does. Rejects on failures other than "already held".
   */
  acquireLock(key: string, ttlMs: number, nowMs: number): Promise<boolean>;
  releaseLock(key: string): Promise<void>;
}
