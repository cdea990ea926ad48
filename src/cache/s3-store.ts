// The SharedStore port over an S3 bucket (DD_S3_BUCKET_NAME), with the real AWS SDK v3 S3 client (built by
// deps.ts). The lock is an object created with S3's conditional write (`If-None-Match: *`), so two containers
// cannot both take it; a lock older than its TTL (its holder died) is deleted and taken again. The lock body is a
// random token read back after the write, which also guards stores that ignore the condition. Objects carry the
// writer's clock in `x-amz-meta-written-at`, which ages them by the same clock the containers compare with;
// objects without it (written by the Datadog Forwarder) are aged by Last-Modified.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import type { SharedObject, SharedStore } from './shared-store.js';

export class S3Store implements SharedStore {
  private readonly tokens = new Map<string, string>();

  constructor(
    private readonly s3: Pick<S3Client, 'send'>,
    private readonly bucket: string,
  ) {}

  async get(key: string): Promise<SharedObject | undefined> {
    try {
      const output = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      const body = (await output.Body?.transformToString('utf-8')) ?? '';
      const writtenAt = Number(output.Metadata?.['written-at']);
      const lastModifiedMs = Number.isFinite(writtenAt) && writtenAt > 0 ? writtenAt : output.LastModified?.getTime();
      return { body, lastModifiedMs: lastModifiedMs ?? 0 };
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
    if (existing) await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
    const token = randomUUID();
    try {
      await this.s3.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: key,
          Body: token,
          IfNoneMatch: '*',
          Metadata: { 'written-at': String(nowMs) },
        }),
      );
    } catch (error) {
      // 412: another container created it first; 409: a concurrent conditional write is in progress.
      if (isStatus(error, 412) || isStatus(error, 409)) return false;
      throw error;
    }
    const written = await this.get(key);
    if (written?.body !== token) return false;
    this.tokens.set(key, token);
    return true;
  }

  async releaseLock(key: string): Promise<void> {
    if (!this.tokens.delete(key)) return;
    await this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }
}

function isStatus(error: unknown, status: number): boolean {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode === status;
}
