// A local S3 for `forwarder invoke`: s3rver (a development dependency, present in a checkout after `npm ci`) on
// 127.0.0.1 in a temporary folder, holding the objects a fixture event names, and the forwarder's real S3 reader
// pointed at it. s3rver cannot refuse access: an `access_denied` object is simply absent (NoSuchKey).
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type S3rverServer from 's3rver';
import { S3ObjectReader } from '../../aws/s3-object-reader.js';
import { objectBytes, splitObjectName, type ObjectSpecs } from './fixture-objects.js';

export interface LocalS3 {
  readonly endpoint: string;
  readonly reader: S3ObjectReader;
  /** Objects named but not stored, with why. */
  readonly absent: readonly string[];
  close(): Promise<void>;
}

export async function startLocalS3(folder: string, specs: ObjectSpecs): Promise<LocalS3> {
  let S3rver: typeof S3rverServer;
  try {
    S3rver = (await import('s3rver')).default;
  } catch (error) {
    throw new Error(
      `the local S3 (s3rver, a development dependency) is not installed: run 'npm ci' in the checkout (${(error as Error).message}).`,
    );
  }
  const names = Object.keys(specs);
  const buckets = [...new Set(names.map((name) => splitObjectName(name)[0]))];
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
  // s3rver accepts requests signed with its default credentials.
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  const close = async () => {
    client.destroy();
    await server.close();
    await rm(directory, { recursive: true, force: true });
  };
  const absent: string[] = [];
  try {
    for (const name of names) {
      const spec = specs[name]!;
      if ('error' in spec) {
        absent.push(`${name} (${spec.error}: absent from the local S3)`);
        continue;
      }
      const [Bucket, Key] = splitObjectName(name);
      await client.send(new PutObjectCommand({ Bucket, Key, Body: objectBytes(folder, spec) }));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { endpoint, reader: new S3ObjectReader(client), absent, close };
}
