// A real S3 server on loopback for tests: s3rver (path-style requests, objects on disk in a temporary directory),
// plus S3's conditional create (`PUT` with `If-None-Match: *` answers 412 when the key exists), which real S3
// has documented since 2024 and s3rver predates: without it a lock test could not tell a race from a bug.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
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
  store: { existsObject(bucket: string, key: string): Promise<boolean> };
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
    if (req.method !== 'PUT' || req.headers['if-none-match'] !== '*') return handle(req, res);
    // Conditional creates are serialised so that the existence check and the write are one step, as in S3.
    conditional = conditional.then(async () => {
      const [, name = '', ...key] = decodeURIComponent(url.pathname).split('/');
      if (await s3.store.existsObject(name, key.join('/'))) {
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
