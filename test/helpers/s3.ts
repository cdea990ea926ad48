// The one local S3 for tests: s3rver (a real S3 server) on 127.0.0.1 in a temporary folder, started by the same
// code as `forwarder invoke`'s (src/cli/local/local-s3.ts), behind a loopback front that records each request and
// adds S3's conditional writes, which real S3 has documented since 2024 and s3rver predates (it ignores the
// headers): `PUT` with `If-None-Match: *` answers 412 when the key exists, and `PUT` or `DELETE` with
// `If-Match: <etag>` answers 412 unless the object exists with that ETag. Without them a lock test could not tell
// a race from a bug. https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-deletes.html
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeleteObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { S3ObjectReader } from '../../src/aws/s3-object-reader.js';
import { S3RVER_CREDENTIALS, startS3rver } from '../../src/cli/local/local-s3.js';

export interface LocalS3 {
  /** Where clients send requests: the front. */
  readonly endpoint: string;
  /** The first bucket created. */
  readonly bucket: string;
  /** A client for the front (one per call: a test may destroy its own). */
  client(): S3Client;
  /** The port the forwarder uses: the real S3ObjectReader over the real client. */
  readonly reader: S3ObjectReader;
  /** Requests received, as `METHOD /bucket/key`. */
  readonly requests: string[];
  put(bucket: string, key: string, body: Buffer | string): Promise<void>;
  remove(bucket: string, key: string): Promise<void>;
  close(): Promise<void>;
}

export async function startLocalS3(buckets: readonly string[] = ['forwarder-cache']): Promise<LocalS3> {
  const s3 = await startS3rver(buckets);
  const upstream = new URL(s3.endpoint);
  const requests: string[] = [];
  let conditional = Promise.resolve();
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const name = decodeURIComponent(url.pathname);
    requests.push(`${req.method} ${name}`);
    const ifMatch = req.headers['if-match'];
    const ifNoneMatch = req.headers['if-none-match'] === '*';
    const writes = req.method === 'PUT' || req.method === 'DELETE';
    if (!writes || (!ifNoneMatch && ifMatch === undefined)) return void pass(req, res, upstream);
    // Conditional writes are serialised so that the check and the write are one step, as in S3.
    conditional = conditional.then(async () => {
      const [, Bucket = '', ...key] = name.split('/');
      const etag = await s3.client.send(new HeadObjectCommand({ Bucket, Key: key.join('/') })).then(
        (head) => head.ETag,
        () => undefined,
      );
      const failed = ifNoneMatch ? etag !== undefined : etag === undefined || etag !== ifMatch;
      if (!failed) return pass(req, res, upstream);
      req.resume();
      res.writeHead(412, { 'Content-Type': 'application/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>PreconditionFailed</Code></Error>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const client = s3Client(endpoint);
  return {
    endpoint,
    bucket: buckets[0] ?? '',
    client: () => s3Client(endpoint),
    reader: new S3ObjectReader(client),
    requests,
    put: async (Bucket, Key, Body) => void (await client.send(new PutObjectCommand({ Bucket, Key, Body }))),
    remove: async (Bucket, Key) => void (await client.send(new DeleteObjectCommand({ Bucket, Key }))),
    close: async () => {
      client.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await s3.close();
    },
  };
}

/** Sends a request on to s3rver as it came (its Host header too, which the signature covers); resolves when done. */
function pass(req: http.IncomingMessage, res: http.ServerResponse, upstream: URL): Promise<void> {
  return new Promise<void>((resolve) => {
    const options = { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url };
    const forwarded = http.request({ ...options, headers: req.headers, agent: false }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forwarded.on('error', (error) => res.destroy(error));
    res.on('close', resolve);
    req.pipe(forwarded);
  });
}

export function s3Client(endpoint: string, credentials = S3RVER_CREDENTIALS): S3Client {
  return new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, maxAttempts: 1, credentials });
}
