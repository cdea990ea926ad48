// Deterministic CloudWatch Logs subscription payloads for the benchmarks: a Lambda function's log group with the
// mix a busy function writes (platform START/END/REPORT lines, plain text, JSON with trace ids, a few long
// lines). A seeded generator makes every run send byte-identical input, so runs compare. The mix averages about
// 390 bytes per message, as in the Datadog Forwarder's reference measurement (10,000 events, 3.9 MB).
import { gzipSync } from 'node:zlib';

export const BENCH_LOG_GROUP = '/aws/lambda/checkout-api';
export const BENCH_LOG_STREAM = '2026/11/25/[$LATEST]4c1f8e0d2b7a4f9e8d6c5b4a39281706';
export const BENCH_OWNER = '123456789012';
const START_MS = Date.UTC(2026, 10, 25, 0, 0, 0);

/** mulberry32: a tiny seeded PRNG, so payloads never depend on Math.random. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CloudWatchLogEvent {
  readonly id: string;
  readonly timestamp: number;
  readonly message: string;
}

const WORDS = 'order cart user payment session retry cache queue item price stock region shard token'.split(' ');
const PATHS = ['/v1/orders', '/v1/cart/items', '/v1/payments/authorize', '/healthz', '/v2/users/me'];

function hex(random: () => number, length: number): string {
  let out = '';
  while (out.length < length)
    out += Math.floor(random() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return out.slice(0, length);
}

function words(random: () => number, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(WORDS[Math.floor(random() * WORDS.length)] ?? 'item');
  return out.join(' ');
}

function requestId(random: () => number): string {
  const h = hex(random, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** One message of the mix; `slot` (0..99) picks its kind so the proportions are exact. */
function message(random: () => number, slot: number, iso: string): string {
  const rid = requestId(random);
  if (slot < 8) return `START RequestId: ${rid} Version: $LATEST\n`;
  if (slot < 16) return `END RequestId: ${rid}\n`;
  if (slot < 24) {
    const duration = (random() * 900 + 5).toFixed(2);
    const memory = Math.floor(random() * 200 + 80);
    return (
      `REPORT RequestId: ${rid}\tDuration: ${duration} ms\tBilled Duration: ${Math.ceil(Number(duration))} ms\t` +
      `Memory Size: 1024 MB\tMax Memory Used: ${memory} MB\t\n`
    );
  }
  if (slot < 60) {
    return `${iso}\t${rid}\tINFO\tHandled ${words(random, 6)} in ${Math.floor(random() * 300)} ms\n`;
  }
  if (slot < 96) {
    return JSON.stringify({
      timestamp: iso,
      level: random() < 0.9 ? 'info' : 'error',
      message: `${words(random, 8)} "quoted" done`,
      http: { method: 'POST', path: PATHS[Math.floor(random() * PATHS.length)], status: 200 },
      dd: { trace_id: String(Math.floor(random() * 2 ** 53)), span_id: String(Math.floor(random() * 2 ** 53)) },
      user: { id: hex(random, 12), region: 'us-east-1' },
      items: [words(random, 3), words(random, 3)],
      requestId: rid,
    });
  }
  // Long lines: a stack trace or a dumped payload, a few KB each.
  return `${iso}\t${rid}\tERROR\tUnhandled failure: ${words(random, 700)}\n`;
}

/** `count` events, identical on every run for a given count and seed. */
export function generateLogEvents(count: number, seed = 42): CloudWatchLogEvent[] {
  const random = seededRandom(seed);
  const events: CloudWatchLogEvent[] = [];
  for (let i = 0; i < count; i++) {
    const timestamp = START_MS + i * 3;
    const iso = new Date(timestamp).toISOString();
    // CloudWatch event ids are 56-digit strings.
    const id = `${String(timestamp).padStart(20, '0')}${String(i).padStart(36, '0')}`;
    events.push({ id, timestamp, message: message(random, (i * 37) % 100, iso) });
  }
  return events;
}

export interface BenchPayload {
  /** The Lambda event: `{"awslogs":{"data": base64(gzip(JSON))}}`. */
  readonly event: { awslogs: { data: string } };
  readonly events: number;
  /** UTF-8 bytes of every message: the "raw log data" that MB/s is measured over. */
  readonly messageBytes: number;
}

export function cloudWatchPayload(count: number, seed = 42): BenchPayload {
  const logEvents = generateLogEvents(count, seed);
  const messageBytes = logEvents.reduce((sum, e) => sum + Buffer.byteLength(e.message), 0);
  const json = JSON.stringify({
    messageType: 'DATA_MESSAGE',
    owner: BENCH_OWNER,
    logGroup: BENCH_LOG_GROUP,
    logStream: BENCH_LOG_STREAM,
    subscriptionFilters: ['forwarder'],
    logEvents,
  });
  return { event: { awslogs: { data: gzipSync(json).toString('base64') } }, events: count, messageBytes };
}
