// The ObjectReader backed by the real S3 client: GetObject, streamed
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html). The body is handed on as a Node
// stream and never buffered here. Errors become ObjectReadErrors that say what the operator can do.
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { Readable } from 'node:stream';
import { ObjectReadError, type ObjectReader, type OpenedObject } from '../sources/object-reader.js';

export class S3ObjectReader implements ObjectReader {
  constructor(private readonly client: S3Client) {}

  async open(bucket: string, key: string): Promise<OpenedObject> {
    let output;
    try {
      output = await this.client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    } catch (error) {
      throw toReadError(error, bucket, key);
    }
    const body = output.Body;
    if (!(body instanceof Readable)) {
      throw new ObjectReadError('object_read_failed', true, `S3 returned no readable body for s3://${bucket}/${key}.`);
    }
    return {
      body,
      metadata: {
        etag: output.ETag?.replace(/"/g, ''),
        versionId: output.VersionId,
        contentLength: output.ContentLength,
      },
    };
  }
}

function toReadError(error: unknown, bucket: string, key: string): ObjectReadError {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const status = e.$metadata?.httpStatusCode;
  const where = `s3://${bucket}/${key}`;
  if (e.name === 'NoSuchKey' || e.name === 'NoSuchBucket' || status === 404) {
    return new ObjectReadError('object_not_found', false, `${where} does not exist (deleted before it was read?).`);
  }
  if (status === 403 || e.name === 'AccessDenied' || e.name === 'InvalidAccessKeyId') {
    return new ObjectReadError(
      'object_access_denied',
      false,
      `Access to ${where} was denied (${e.name ?? 403}): give the forwarder's role s3:GetObject on the bucket ` +
        '(and kms:Decrypt when it is encrypted with a KMS key).',
    );
  }
  const retryable = status === undefined || status >= 500 || status === 429 || e.name === 'SlowDown';
  return new ObjectReadError(
    'object_read_failed',
    retryable,
    `Reading ${where} failed: ${e.name ?? 'error'} ${e.message ?? ''}`.trim(),
  );
}
