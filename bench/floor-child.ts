// The floor: the bare cost on this machine of the work no forwarder can avoid for a payload. Decoding the input
// (base64, gunzip, JSON.parse) and encoding the same output the forwarder sends (JSON serialisation of the very
// records it delivered, batched as it batched them, then compressed with the same codec: zstd level 1, or gzip at
// `--level` with `--codec gzip`), one step after another on one thread with the synchronous zlib calls: no event
// loop, no I/O, no thread pool.
//
// The output is captured first (untimed) by running the real handler once against an in-process capture
// intake that keeps and decodes the bodies; the records are parsed back into objects so the timed part
// serialises objects, as a straightforward forwarder would.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import { startCaptureIntake } from '../src/cli/local/capture-intake.js';
import { BENCH_API_KEY, lambdaContext } from './deployment.js';
import type { BenchPayload } from './payloads.js';
import { argValue, importHandlerBundle, peakRssBytes, sendReport } from './protocol.js';

const payload = JSON.parse(readFileSync(argValue('payload'), 'utf8')) as BenchPayload;
const level = Number(argValue('level', '6'));
const codec = argValue('codec', 'zstd');
const zstdParams = { [zlib.constants.ZSTD_c_compressionLevel]: 1 };
const compress = (body: Buffer) =>
  codec === 'zstd' ? zlib.zstdCompressSync(body, { params: zstdParams }) : zlib.gzipSync(body, { level });
const runs = Number(argValue('runs', '5'));
const batches = await captureOutput(payload);

const steps = { decodeMs: 0, encodeMs: 0 };
const runsMs: number[] = [];
const cpuMs: number[] = [];
for (let i = 0; i < runs; i++) {
  const cpu = process.cpuUsage();
  const startMs = performance.now();
  const decoded = JSON.parse(zlib.gunzipSync(Buffer.from(payload.event.awslogs.data, 'base64')).toString('utf8')) as {
    logEvents: unknown[];
  };
  if (decoded.logEvents.length !== payload.events) throw new Error('The floor decoded the wrong payload.');
  const decodedMs = performance.now();
  for (const batch of batches) compress(Buffer.from(JSON.stringify(batch), 'utf8'));
  const endMs = performance.now();
  runsMs.push(endMs - startMs);
  const used = process.cpuUsage(cpu);
  cpuMs.push((used.user + used.system) / 1000);
  steps.decodeMs += (decodedMs - startMs) / runs;
  steps.encodeMs += (endMs - decodedMs) / runs;
}
sendReport({
  kind: 'floor',
  runsMs,
  cpuMs,
  events: payload.events,
  rawBytes: payload.messageBytes,
  peakRssBytes: peakRssBytes(),
  details: { decodeMs: round(steps.decodeMs), encodeMs: round(steps.encodeMs), batches: batches.length, codec },
});

/** The arrays of records the forwarder POSTs to the logs intake for this payload, one per request. */
async function captureOutput(input: BenchPayload): Promise<unknown[][]> {
  const intake = await startCaptureIntake();
  try {
    const { createHandler } = await importHandlerBundle(argValue('bundle'));
    // The runner's environment (a default deployment's: tags, trace context), sending to this intake instead.
    const { hostname, port } = new URL(intake.url);
    const env = { ...process.env, DD_API_KEY: BENCH_API_KEY, DD_URL: hostname, DD_PORT: port, DD_API_URL: intake.url };
    await createHandler({ ...env, DD_API_KEY_SECRET_ARN: undefined })(input.event, lambdaContext());
    return intake.requests.filter((r) => r.path === '/api/v2/logs').map((request) => request.json as unknown[]);
  } finally {
    await intake.close();
  }
}

function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
