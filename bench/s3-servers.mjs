// The S3 stand-in for the bench's S3 scenarios (bench/s3-child.ts), in a child process so that the
// forwarder's peak RSS is its own: s3rver (a real S3 server) on 127.0.0.1, holding a generated gzip object of
// `targetBytes` (uncompressed) or `lineLimit` lines, and a 100-line warm-up object. The objects are generated
// here: gzip-compressed lines streamed to a file, then uploaded with the real S3 client.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import S3rver from 's3rver';

const { targetBytes, lineLimit } = JSON.parse(process.argv[2]);

const LEVELS = ['INFO', 'INFO', 'INFO', 'WARN', 'ERROR', 'DEBUG'];
const PATHS = ['/api/orders', '/api/users', '/health', '/api/cart/items', '/static/app.js'];

/** Log lines of about 200 bytes that vary like real access logs (so gzip ratios are realistic). */
function* lines(targetBytes, lineLimit) {
  let bytes = 0;
  const start = Date.UTC(2024, 0, 15);
  for (let i = 0; bytes < targetBytes && i < lineLimit; i++) {
    const t = new Date(start + i * 7).toISOString();
    const id = ((i * 2654435761) >>> 0).toString(16).padStart(8, '0');
    const line =
      `${t} ${LEVELS[i % LEVELS.length]} request_id=${id}-${(i * 40503) % 65536} method=GET ` +
      `path=${PATHS[i % PATHS.length]}/${i % 9973} status=${i % 50 === 0 ? 500 : 200} duration_ms=${(i * 31) % 997} ` +
      `client=10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255} user_agent="bench/1.0 (line ${i})"\n`;
    bytes += Buffer.byteLength(line);
    yield line;
  }
}

function batched(targetBytes, lineLimit) {
  // Joining lines into ~1 MB strings keeps generation fast.
  let buffer = [];
  let size = 0;
  let total = 0;
  let count = 0;
  async function* gen() {
    for (const line of lines(targetBytes, lineLimit)) {
      buffer.push(line);
      size += line.length;
      count++;
      if (size >= 1 << 20) {
        total += size;
        yield buffer.join('');
        buffer = [];
        size = 0;
      }
    }
    total += size;
    if (buffer.length > 0) yield buffer.join('');
  }
  return { gen, stats: () => ({ total, count }) };
}

const directory = await mkdtemp(path.join(tmpdir(), 'bench-s3-'));
const s3rver = new S3rver({
  port: 0,
  address: '127.0.0.1',
  silent: true,
  directory,
  configureBuckets: [{ name: 'bench' }],
});
const { port } = await s3rver.run();
const endpoint = `http://127.0.0.1:${port}`;

const client = new S3Client({
  endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  // s3rver predates aws-chunked uploads with checksum trailers, which the SDK otherwise uses for streamed bodies.
  requestChecksumCalculation: 'WHEN_REQUIRED',
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
});

/** Generates and uploads one gzip object; returns its line count and sizes. */
async function upload(key, targetBytes, lineLimit) {
  const file = path.join(directory, 'object.log.gz');
  const { gen, stats } = batched(targetBytes, lineLimit);
  await pipeline(Readable.from(gen()), createGzip({ level: 1 }), createWriteStream(file));
  const { size: compressedBytes } = await stat(file);
  await client.send(
    new PutObjectCommand({ Bucket: 'bench', Key: key, Body: createReadStream(file), ContentLength: compressedBytes }),
  );
  await rm(file);
  const { total, count } = stats();
  return { key, lines: count, uncompressedBytes: total, compressedBytes };
}

const warmup = await upload('AWSLogs/bench/app/warmup.log.gz', Number.MAX_SAFE_INTEGER, 100);
const object = await upload('AWSLogs/bench/app/object.log.gz', targetBytes, lineLimit);
process.send({ ready: true, endpoint, bucket: 'bench', warmupKey: warmup.key, ...object });
process.on('message', async (message) => {
  if (message !== 'stop') return;
  await s3rver.close();
  await rm(directory, { recursive: true, force: true });
  process.send({ stopped: true }, () => process.exit(0));
});
