// The ObjectReader port: how sources read an S3 object, as a stream, without knowing about the AWS SDK.
// deps.ts builds the real one (src/aws/s3-object-reader.ts, GetObject:
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html); tests use s3rver on 127.0.0.1.
import type { Readable } from 'node:stream';

export interface ObjectMetadata {
  /** The object's ETag (quotes removed), when the store returned one. */
  readonly etag?: string;
  /** The version read, on versioned buckets. */
  readonly versionId?: string;
  readonly contentLength?: number;
}

export interface OpenedObject {
  readonly body: Readable;
  readonly metadata: ObjectMetadata;
}

export interface ObjectReader {
  open(bucket: string, key: string): Promise<OpenedObject>;
}

/** Why an object could not be read; `retryable` says whether trying again later may help. */
type ObjectReadFailure = 'object_not_found' | 'object_access_denied' | 'object_read_failed';

export class ObjectReadError extends Error {
  constructor(
    readonly reason: ObjectReadFailure,
    readonly retryable: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'ObjectReadError';
  }
}
