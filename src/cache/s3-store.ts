// The SharedStore port over an S3 bucket (DD_S3_BUCKET_NAME), with the real AWS SDK v3 S3 client (built by
// deps.ts). The lock is an object written with S3's conditional writes, so at most one container holds it:
// created with `If-None-Match: *` when there is none; a lock older than its TTL (its holder died) is taken over by
// overwriting it with `If-Match: <its ETag>`, so of two containers that both found it stale only the first
// succeeds (deleting it first let a late delete remove the winner's fresh lock, and both believed they held it);
// released with `If-Match: <our ETag>`, so a holder whose lock was taken over never deletes the new one. The lock
// body is a random token read back after the write, which also guards stores that ignore the conditions.
// Objects carry the writer's clock in `x-amz-meta-written-at`, which ages them by the same clock the containers
// compare with; objects without it (written by the Datadog Forwarder) are aged by Last-Modified.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { cappedText } from '../aws/capped-body.js';
import type { SharedObject, SharedStore } from './shared-store.js';

/** Cache objects are a few MB for the largest accounts; one larger than this is refused, not held in memory. */
const MAX_OBJECT_BYTES = 64 * 1024 * 1024;

export class S3Store implements SharedStore {
  /** Locks this container holds: their token, and their ETag for the conditional release. */
  private readonly held = new Map<string, { token: string; etag?: string }>();

  constructor(
    private readonly s3: Pick<S3Client, 'send'>,
    private readonly bucket: string,
  ) {}

  async get(key: string): Promise<SharedObject | undefined> {
    try {
      const output = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const body = await cappedText(output.Body as AsyncIterable<Uint8Array> | undefined, MAX_OBJECT_BYTES, key);
      const writtenAt = Number(output.Metadata?.['written-at']);
      const lastModifiedMs = Number.isFinite(writtenAt) && writtenAt > 0 ? writtenAt : output.LastModified?.getTime();
      return { body, lastModifiedMs: lastModifiedMs ?? 0, etag: output.ETag };
    } catch (error) {
      if (isStatus(error, 404)) return undefined;
      throw error;
    }
  }

  async put(key: string, body: string, writtenAtMs: number): Promise<void> {
    await this.s3.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: body,
        ContentType: 'application/json',
        Metadata: { 'written-at': String(writtenAtMs) },
      }),
    );
  }

  async acquireLock(key: string, ttlMs: number, nowMs: number): Promise<boolean> {
    const existing = await this.get(key);
    if (existing && existing.lastModifiedMs + ttlMs >= nowMs) return false;
    // A stale lock whose ETag the store did not give cannot be taken over safely: it counts as held.
    if (existing && existing.etag === undefined) return false;
    const condition = existing ? { IfMatch: existing.etag } : { IfNoneMatch: '*' };
    const token = randomUUID();
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: token,
          ...condition,
          Metadata: { 'written-at': String(nowMs) },
        }),
      );
    } catch (error) {
      // 412: another container created or took it first; 409: a concurrent conditional write is in progress.
      if (isStatus(error, 412) || isStatus(error, 409)) return false;
      throw error;
    }
    const written = await this.get(key);
    if (written?.body !== token) return false;
    this.held.set(key, { token, etag: written.etag });
    return true;
  }

  async releaseLock(key: string): Promise<void> {
    const lock = this.held.get(key);
    if (!lock) return;
    this.held.delete(key);
    try {
      await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key, IfMatch: lock.etag }));
    } catch (error) {
      // 412: the lock is no longer ours (it outlived its TTL and another container took it over): leave it.
      if (!isStatus(error, 412)) throw error;
    }
  }
}

function isStatus(error: unknown, status: number): boolean {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode === status;
}
