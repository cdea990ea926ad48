// s3rver (a real S3 server) on 127.0.0.1 in a temporary folder, and the real S3 client pointed at it.
import { DeleteObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3ObjectReader } from '../../src/aws/s3-object-reader.js';
import { S3RVER_CREDENTIALS, startS3rver } from '../../src/cli/local/local-s3.js';

export { S3RVER_CREDENTIALS };

export interface LocalS3 {
  readonly endpoint: string;
  readonly client: S3Client;
  /** The port the forwarder uses: the real S3ObjectReader over the real client. */
  readonly reader: S3ObjectReader;
  put(bucket: string, key: string, body: Buffer | string): Promise<void>;
  remove(bucket: string, key: string): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalS3(buckets: string[]): Promise<LocalS3> {
  const { endpoint, client, close } = await startS3rver(buckets);
  return {
    endpoint,
    client,
    reader: new S3ObjectReader(client),
    put: async (Bucket, Key, Body) => void (await client.send(new PutObjectCommand({ Bucket, Key, Body }))),
    remove: async (Bucket, Key) => void (await client.send(new DeleteObjectCommand({ Bucket, Key }))),
    close,
  };
}

export function s3Client(endpoint: string, credentials = S3RVER_CREDENTIALS): S3Client {
  return new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
}
