// An S3 object streams through the whole pipeline (read, gunzip, split, enrich, serialize, batch, send) in
// bounded memory: what stays reachable does not grow with the part of the object already forwarded. Measured
// as live memory after a full garbage collection (V8 heap and buffers), at an early and a late request of the
// same object, so the figures are what the pipeline keeps, not garbage or timing. The object is generated and
// gzipped as it is read, never held whole.
import { Readable } from 'node:stream';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { createGzip, gunzipSync } from 'node:zlib';
import { readConfig } from '../../../src/config/index.js';
import { buildDeps } from '../../../src/deps.js';
import { forward } from '../../../src/forward.js';
import { Logger } from '../../../src/log.js';
import type { HttpClient } from '../../../src/sinks/http-client.js';
import type { ObjectReader } from '../../../src/sources/object-reader.js';
import { classifyEvent } from '../../../src/sources/trigger.js';
import { s3Record } from '../../helpers/events.js';
import { TEST_API_KEY, lambdaContext } from '../../helpers/lambda.js';
import { noWaitClock } from '../../helpers/recording-http.js';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const LINES = 60_000;
const LINE_BYTES = 150;

/** `count` access-log-like lines of LINE_BYTES bytes, gzipped as they are read, 64 KB of text at a time. */
function gzipObject(count: number): Readable {
  function* text() {
    let piece = '';
    for (let i = 0; i < count; i++) {
      const line = `2024-01-15T10:00:00Z GET /api/orders/${i} status=200 duration_ms=${i % 997} id=${i}`;
      piece += `${line.padEnd(LINE_BYTES - 1, '.')}\n`;
      if (piece.length >= 65_536) {
        yield piece;
        piece = '';
      }
    }
    if (piece !== '') yield piece;
  }
  return Readable.from(text()).pipe(createGzip({ level: 1 }));
}

/** Live memory: what a full collection leaves of the V8 heap and of the buffers outside it. */
function liveBytes(): number {
  gc();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

describe('an S3 object forwarded in bounded memory', () => {
  it('keeps no more reachable after 50,000 lines than after 10,000', async () => {
    const objects: ObjectReader = {
      open: async () => ({ body: gzipObject(LINES), metadata: { etag: 'e1' } }),
    };
    let requests = 0;
    let logs = 0;
    const early: number[] = [];
    const late: number[] = [];
    // Counts what it is sent and keeps nothing; measures while the 6th to 10th and the 46th to 50th batches are in
    // flight. The least of each five is taken: a batch buffer that happens to be allocated at one measure (5 MB)
    // is not what the pipeline keeps.
    const http: HttpClient = {
      async request(request) {
        requests++;
        logs += (JSON.parse(gunzipSync(request.body!).toString('utf8')) as unknown[]).length;
        if (requests > 5 && requests <= 10) early.push(liveBytes());
        if (requests > 45 && requests <= 50) late.push(liveBytes());
        return { status: 202, headers: {}, body: '{}' };
      },
    };
    const config = readConfig({
      DD_API_KEY: TEST_API_KEY,
      // One request at a time, so that the batch buffers in use (5 MB each) are the same at every measure.
      DD_MAX_WORKERS: '1',
      FORWARDER_LOGS_COMPRESSION: 'gzip',
    });
    const logger = new Logger('error', () => undefined);
    const deps = await buildDeps(config, { http, objects, clock: noWaitClock, logger });
    const event = { Records: [s3Record('bucket', 'AWSLogs/app/big.log.gz')] };

    const summary = await forward(classifyEvent(event), lambdaContext(), deps);

    expect(summary).toMatchObject({ received: LINES, forwarded: LINES, failed: 0 });
    expect(logs).toBe(LINES);
    // 40,000 lines forwarded between the two measures: kept, they would hold at least their text (6 MB).
    const grownBytes = Math.min(...late) - Math.min(...early);
    expect(grownBytes).toBeLessThan(3_000_000);
  });
});
