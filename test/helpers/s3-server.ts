// A real S3 server on loopback for tests: s3rver (path-style requests, objects on disk in a temporary directory),
// plus S3's conditional writes, which real S3 has documented since 2024 and s3rver predates (it ignores the
// headers): `PUT` with `If-None-Match: *` answers 412 when the key exists, and `PUT` or `DELETE` with
// `If-Match: <etag>` answers 412 unless the object exists with that ETag. Without them a lock test could not
// tell a race from a bug. https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';

// s3rver ships no type declarations; this is the part of it the tests use.
interface S3rverInstance {
  configureBuckets(): Promise<void>;
  callback(): (req: http.IncomingMessage, res: http.ServerResponse) => void;
  store: {
    existsObject(bucket: string, key: string): Promise<boolean>;
    getMetadata(bucket: string, key: string): Promise<{ etag: string }>;
  };
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const S3rver = require('s3rver') as new (options: Record<string, unknown>) => S3rverInstance;

export interface S3Server {
  readonly endpoint: string;
  readonly bucket: string;
  /** Requests received, as `METHOD /bucket/key`. */
  readonly requests: string[];
  client(): S3Client;
  close(): Promise<void>;
}

export async function startS3Server(bucket = 'forwarder-cache'): Promise<S3Server> {
  const directory = mkdtempSync(path.join(tmpdir(), 's3rver-'));
  const s3 = new S3rver({ silent: true, directory, configureBuckets: [{ name: bucket }], vhostBuckets: false });
  await s3.configureBuckets();
  const handle = s3.callback();
  const requests: string[] = [];
  let conditional = Promise.resolve();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(`${req.method} ${decodeURIComponent(url.pathname)}`);
    const ifMatch = req.headers['if-match'];
    const ifNoneMatch = req.headers['if-none-match'] === '*';
    const writes = req.method === 'PUT' || req.method === 'DELETE';
    if (!writes || (!ifNoneMatch && ifMatch === undefined)) return handle(req, res);
    // Conditional writes are serialised so that the check and the write are one step, as in S3.
    conditional = conditional.then(async () => {
      const [, name = '', ...key] = decodeURIComponent(url.pathname).split('/');
      const etag = await s3.store.getMetadata(name, key.join('/')).then(
        (metadata) => metadata.etag,
        () => undefined,
      );
      const failed = ifNoneMatch ? etag !== undefined : etag === undefined || etag !== ifMatch;
      if (failed) {
        req.resume();
        res.writeHead(412, { 'Content-Type': 'application/xml' });
        res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code></Error>');
        return;
      }
      await new Promise<void>((resolve) => {
        res.on('close', resolve);
        handle(req, res);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    bucket,
    requests,
    client: () =>
      new S3Client({
        endpoint,
        forcePathStyle: true,
        region: 'us-east-1',
        credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          rmSync(directory, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
