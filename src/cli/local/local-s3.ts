// A local S3 for `forwarder invoke` (and the tests): s3rver (a development dependency, present in a checkout
// after `npm ci`) on 127.0.0.1 in a temporary folder, with an S3 client pointed at it, path-style. `invoke` fills
// it with the objects a fixture event names and points the forwarder's real S3 reader at it. s3rver cannot
// refuse access: an `access_denied` object is simply absent (NoSuchKey).
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type S3rverServer from 's3rver';
import { S3ObjectReader } from '../../aws/s3-object-reader.js';
import { objectBytes, splitObjectName, type ObjectSpecs } from './fixture-objects.js';

/** s3rver accepts requests signed with these (its defaults). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

interface S3rverInstance {
  readonly endpoint: string;
  readonly client: S3Client;
  close(): Promise<void>;
}

/** s3rver with these buckets, and a client for it. */
export async function startS3rver(buckets: readonly string[]): Promise<S3rverInstance> {
  let S3rver: typeof S3rverServer;
  try {
    S3rver = (await import('s3rver')).default;
  } catch (error) {
    throw new Error(
      `the local S3 (s3rver, a development dependency) is not installed: run 'npm ci' in the checkout (${(error as Error).message}).`,
    );
  }
  const directory = await mkdtemp(path.join(tmpdir(), 'forwarder-s3-'));
  const server = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: S3RVER_CREDENTIALS });
  return {
    endpoint,
    client,
    close: async () => {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export interface LocalS3 {
  readonly endpoint: string;
  readonly reader: S3ObjectReader;
  /** Objects named but not stored, with why. */
  readonly absent: readonly string[];
  close(): Promise<void>;
}

/** s3rver holding the objects `specs` describes (file paths start at `folder`). */
export async function startLocalS3(folder: string, specs: ObjectSpecs): Promise<LocalS3> {
  const names = Object.keys(specs);
  const s3 = await startS3rver([...new Set(names.map((name) => splitObjectName(name)[0]))]);
  const absent: string[] = [];
  try {
    for (const name of names) {
      const spec = specs[name]!;
      if ('error' in spec) {
        absent.push(`${name} (${spec.error}: absent from the local S3)`);
        continue;
      }
      const [Bucket, Key] = splitObjectName(name);
      await s3.client.send(new PutObjectCommand({ Bucket, Key, Body: objectBytes(folder, spec) }));
    }
  } catch (error) {
    await s3.close();
    throw error;
  }
  return { endpoint: s3.endpoint, reader: new S3ObjectReader(s3.client), absent, close: s3.close };
}
