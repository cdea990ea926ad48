import { gunzipSync, zstdDecompressSync } from 'node:zlib';
import type { Clock } from '../../../src/clock.js';
import { readConfig } from '../../../src/config/index.js';
import { Logger } from '../../../src/log.js';
import { NetworkError, type HttpClient, type HttpRequest, type HttpResponse } from '../../../src/sinks/http-client.js';
import { RefusedCodings } from '../../../src/sinks/compression.js';
import { IntakeSink, type SinkRuntime } from '../../../src/sinks/intake-sink.js';
import { logsEndpoint } from '../../../src/sinks/logs-intake.js';
import type { SerializedLog } from '../../../src/types.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';

/** A clock whose sleeps pass instantly, recorded. */
class FakeClock implements Clock {
  readonly sleeps: number[] = [];
  constructor(public nowMs = Date.parse('2026-01-01T00:00:00Z')) {}
  now(): number {
    return this.nowMs;
  }
  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.nowMs += ms;
  }
}

type Answer = Partial<HttpResponse> | Error;

/** Answers 202, but only once released: requests pile up until then. */
class HeldHttp implements HttpClient {
  readonly requests: HttpRequest[] = [];
  maxOutstanding = 0;
  private outstanding: (() => void)[] = [];
  private released = false;
  private waiter?: { count: number; resolve: () => void };

  request(request: HttpRequest): Promise<HttpResponse> {
    this.requests.push(request);
    if (this.waiter && this.requests.length >= this.waiter.count) this.waiter.resolve();
    const answer = { status: 202, headers: {}, body: '{}' };
    if (this.released) return Promise.resolve(answer);
    return new Promise((resolve) => {
      this.outstanding.push(() => resolve(answer));
      this.maxOutstanding = Math.max(this.maxOutstanding, this.outstanding.length);
    });
  }

  waitForRequests(count: number): Promise<void> {
    if (this.requests.length >= count) return Promise.resolve();
    return new Promise((resolve) => (this.waiter = { count, resolve }));
  }

  releaseAll(): void {
    this.released = true;
    for (const release of this.outstanding.splice(0)) release();
  }
}

/** Records every request, decoded, and answers with `respond`. */
class FakeHttp implements HttpClient {
  readonly requests: (HttpRequest & { items: unknown[] })[] = [];
  constructor(private readonly respond: (items: unknown[], index: number) => Answer = () => ({ status: 202 })) {}

  async request(request: HttpRequest): Promise<HttpResponse> {
    const raw = decoded(request.headers['Content-Encoding'], request.body ?? Buffer.alloc(0));
    const items = JSON.parse(raw?.toString('utf8') ?? '[]') as unknown[];
    this.requests.push({ ...request, items });
    const answer = this.respond(items, this.requests.length - 1);
    if (answer instanceof Error) throw answer;
    return { status: 202, headers: {}, body: '{}', ...answer };
  }
}

function decoded(encoding: string | undefined, body: Buffer): Buffer {
  if (encoding === 'zstd') return zstdDecompressSync(body);
  return encoding === 'gzip' ? gunzipSync(body) : body;
}

function setup(
  respond?: (items: unknown[], index: number) => Answer,
  options: { env?: Record<string, string>; deadlineInMs?: number; runtime?: Partial<SinkRuntime> } = {},
) {
  const clock = new FakeClock();
  const http = new FakeHttp(respond);
  const lines: string[] = [];
  const config = readConfig({ DD_API_KEY: TEST_API_KEY, ...options.env });
  const sink = new IntakeSink(logsEndpoint(config, TEST_API_KEY), {
    http,
    clock,
    retry: { baseDelayMs: 200, maxDelayMs: 8_000, maxAttempts: 100 },
    deadlineMs: clock.now() + (options.deadlineInMs ?? 60_000),
    requestTimeoutMs: 10_000,
    maxInFlight: config.intake.maxWorkers,
    logger: new Logger('debug', (line) => lines.push(line)),
    random: () => 0,
    ...options.runtime,
  });
  return { sink, http, clock, lines };
}

const log = (n: number, itemId?: string, padding = ''): SerializedLog => ({
  json: JSON.stringify({ message: `log ${n}${padding}` }),
  itemId,
});

async function addAll(sink: IntakeSink<SerializedLog>, logs: SerializedLog[]): Promise<void> {
  for (const item of logs) await sink.add(item);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('IntakeSink with the logs intake', () => {
  it('POSTs JSON arrays to /api/v2/logs with the intake headers, in zstd', async () => {
    const { sink, http } = setup();
    await addAll(sink, [log(1), log(2)]);
    const report = await sink.flush();
    expect(http.requests).toHaveLength(1);
    const [request] = http.requests;
    expect(request?.url).toBe('https://http-intake.logs.datadoghq.com:443/api/v2/logs');
    expect(request?.headers).toMatchObject({
      'Content-Type': 'application/json',
      'Content-Encoding': 'zstd',
      'DD-API-KEY': TEST_API_KEY,
      'DD-EVP-ORIGIN': 'aws_forwarder',
      'DD-EVP-ORIGIN-VERSION': expect.any(String),
    });
    expect(request?.items).toEqual([{ message: 'log 1' }, { message: 'log 2' }]);
    expect(report).toMatchObject({ intake: 'logs', items: 2, delivered: 2, requests: 1, retries: 0, failed: 0 });
    expect(report.bytesSent).toBe(request?.body?.length);
  });

  it('sends gzip when FORWARDER_LOGS_COMPRESSION asks for it', async () => {
    const { sink, http } = setup(undefined, { env: { FORWARDER_LOGS_COMPRESSION: 'gzip' } });
    await addAll(sink, [log(1)]);
    await sink.flush();
    expect(http.requests[0]?.headers['Content-Encoding']).toBe('gzip');
    expect(http.requests[0]?.items).toEqual([{ message: 'log 1' }]);
  });

  it('sends plain JSON without Content-Encoding when compression is off', async () => {
    const { sink, http } = setup(undefined, { env: { DD_USE_COMPRESSION: 'false' } });
    await addAll(sink, [log(1)]);
    await sink.flush();
    expect(http.requests[0]?.headers['Content-Encoding']).toBeUndefined();
    expect(http.requests[0]?.body?.toString()).toBe('[{"message":"log 1"}]');
  });

  it('sends nothing when nothing was added', async () => {
    const { sink, http } = setup();
    expect(await sink.flush()).toMatchObject({ items: 0, requests: 0 });
    expect(http.requests).toHaveLength(0);
  });

  it('puts at most 1,000 logs in a request', async () => {
    const { sink, http } = setup();
    await addAll(
      sink,
      range(2500).map((n) => log(n)),
    );
    const report = await sink.flush();
    // Batches are compressed in parallel, so they may arrive in any order.
    expect(http.requests.map((r) => r.items.length).sort((a, b) => b - a)).toEqual([1000, 1000, 500]);
    expect(report.delivered).toBe(2500);
  });

  it('keeps each request within 5 MB uncompressed', async () => {
    const { sink, http } = setup();
    // Each log is exactly 100,000 bytes of JSON: 49 fit in 5 MB with their commas and brackets, 50 do not.
    const padding = 'x'.repeat(100_000 - JSON.stringify({ message: 'log 0' }).length);
    const logs = range(120).map((n) => log(n % 10, undefined, padding));
    expect(logs.every((l) => Buffer.byteLength(l.json) === 100_000)).toBe(true);
    await addAll(sink, logs);
    await sink.flush();
    expect(http.requests.map((r) => r.items.length).sort((a, b) => b - a)).toEqual([49, 49, 22]);
    for (const request of http.requests) {
      expect(zstdDecompressSync(request.body ?? Buffer.alloc(0)).length).toBeLessThanOrEqual(5_000_000);
    }
  });

  it('keeps at most DD_MAX_WORKERS requests in flight, and adding waits meanwhile', async () => {
    const held = new HeldHttp();
    const { sink } = setup(undefined, {
      // Without compression nothing else is asynchronous: a third request would start at once if allowed.
      env: { DD_MAX_WORKERS: '2', DD_USE_COMPRESSION: 'false' },
      runtime: { http: held, maxInFlight: 2 },
    });
    let added = false;
    const adding = addAll(
      sink,
      range(5000).map((n) => log(n)),
    ).then(() => (added = true));
    await held.waitForRequests(2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.requests).toHaveLength(2);
    expect(added).toBe(false);
    held.releaseAll();
    await adding;
    const report = await sink.flush();
    expect(held.requests).toHaveLength(5);
    expect(held.maxOutstanding).toBe(2);
    expect(report.delivered).toBe(5000);
  });

  it('413: splits the batch in halves until the intake takes them', async () => {
    const { sink, http } = setup((items) => ({ status: items.length > 2 ? 413 : 202 }));
    await addAll(
      sink,
      range(8).map((n) => log(n)),
    );
    const report = await sink.flush();
    expect(http.requests.map((r) => r.items.length).sort((a, b) => b - a)).toEqual([8, 4, 4, 2, 2, 2, 2]);
    expect(report).toMatchObject({ delivered: 8, failed: 0, dropped: {}, requests: 7 });
  });

  it('413 for a single log: dropped, counted and logged, not retried', async () => {
    const { sink, http, lines } = setup(() => ({ status: 413 }));
    await addAll(sink, [log(1)]);
    const report = await sink.flush();
    expect(http.requests).toHaveLength(1);
    expect(report).toMatchObject({ delivered: 0, failed: 0, dropped: { rejected_too_large: 1 } });
    expect(lines.some((l) => l.includes('"level":"error"') && l.includes('rejected_too_large'))).toBe(true);
  });

  it('429 with Retry-After: waits as long as asked, then resends', async () => {
    const { sink, http, clock } = setup((_items, i) =>
      i === 0 ? { status: 429, headers: { 'retry-after': '3' } } : { status: 202 },
    );
    await addAll(sink, [log(1)]);
    const report = await sink.flush();
    expect(http.requests).toHaveLength(2);
    expect(clock.sleeps).toEqual([3000]);
    expect(report).toMatchObject({ delivered: 1, retries: 1, failed: 0 });
  });

  it('logs each retry with its reason, the wait and the time left', async () => {
    const { sink, lines } = setup((_items, i) => (i === 0 ? { status: 429, headers: { 'retry-after': '3' } } : {}));
    await addAll(sink, [log(1)]);
    await sink.flush();
    expect(lines.map((l) => JSON.parse(l) as unknown)).toContainEqual({
      level: 'info',
      message: 'Retrying an intake request.',
      intake: 'logs',
      reason: 'logs intake answered 429',
      attempt: 1,
      retryInMs: 3000,
      timeLeftMs: 60_000,
    });
  });

  it('429 with an HTTP-date Retry-After is measured on the sink’s clock', async () => {
    const clock = new FakeClock(Date.parse('2030-06-01T00:00:00Z'));
    const { sink } = setup(
      (_items, i) => (i === 0 ? { status: 429, headers: { 'retry-after': 'Sat, 01 Jun 2030 00:00:07 GMT' } } : {}),
      { runtime: { clock, deadlineMs: clock.now() + 60_000 } },
    );
    await addAll(sink, [log(1)]);
    await sink.flush();
    expect(clock.sleeps).toEqual([7000]);
  });

  it('backs off exponentially between retries, with jitter', async () => {
    const { sink, clock } = setup((_items, i) => ({ status: i < 4 ? 503 : 202 }), {
      runtime: { random: () => 1 },
    });
    await addAll(sink, [log(1)]);
    await sink.flush();
    expect(clock.sleeps).toEqual([200, 400, 800, 1600]);
  });

  it('500 until the deadline: the logs fail with their trigger item ids, and the error says why', async () => {
    const { sink, http, clock } = setup(() => ({ status: 500 }), { deadlineInMs: 10_000 });
    const start = clock.now();
    await addAll(sink, [log(1, 'msg-a'), log(2, 'msg-b'), log(3, 'msg-a'), log(4)]);
    const report = await sink.flush();
    expect(report).toMatchObject({ delivered: 0, failed: 4, stored: 0 });
    expect([...report.failedItemIds].sort()).toEqual(['msg-a', 'msg-b']);
    expect(report.lastError).toMatch(/logs intake answered 500/);
    expect(http.requests.length).toBeGreaterThan(1);
    // No wait goes past the deadline.
    expect(clock.now()).toBeLessThan(start + 10_000);
  });

  it('hands what it cannot deliver to failed-event storage when there is one', async () => {
    const stored: string[][] = [];
    const { sink } = setup(() => ({ status: 503 }), {
      deadlineInMs: 2_000,
      runtime: { onUndeliverable: async (items) => (stored.push(items.map((item) => item.toString('utf8'))), true) },
    });
    await addAll(sink, [log(1, 'a'), log(2, 'b')]);
    const report = await sink.flush();
    expect(report).toMatchObject({ failed: 0, stored: 2, failedItemIds: [] });
    expect(stored).toEqual([[log(1).json, log(2).json]]);
  });

  it('stops after the policy’s attempts even with time left', async () => {
    const { sink, http } = setup(() => ({ status: 502 }), {
      runtime: { retry: { baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 3 } },
    });
    await addAll(sink, [log(1)]);
    const report = await sink.flush();
    expect(http.requests).toHaveLength(3);
    expect(report.lastError).toBe('logs intake answered 502 after 3 attempts');
    expect(report.failed).toBe(1);
  });

  it('does not send when the deadline has already passed', async () => {
    const { sink, http } = setup(undefined, { deadlineInMs: 0 });
    await addAll(sink, [log(1)]);
    const report = await sink.flush();
    expect(http.requests).toHaveLength(0);
    expect(report).toMatchObject({ failed: 1, delivered: 0 });
  });

  it('bounds each request’s timeout by the time left', async () => {
    const { sink, http } = setup(undefined, { deadlineInMs: 4_000 });
    await addAll(sink, [log(1)]);
    await sink.flush();
    expect(http.requests[0]?.timeoutMs).toBe(4_000);
  });

  it('415 to zstd: resends the batch in gzip, and sends gzip from then on', async () => {
    const refusedCodings = new RefusedCodings();
    const refuseZstd = (_items: unknown[], index: number) => ({ status: index === 0 ? 415 : 202 });
    const { sink, http, lines } = setup(refuseZstd, { runtime: { refusedCodings } });
    await addAll(sink, [log(1), log(2)]);
    const report = await sink.flush();
    expect(http.requests.map((r) => r.headers['Content-Encoding'])).toEqual(['zstd', 'gzip']);
    expect(http.requests[1]?.items).toEqual([{ message: 'log 1' }, { message: 'log 2' }]);
    expect(report).toMatchObject({ delivered: 2, dropped: {}, requests: 2 });
    expect(lines.join('\n')).toContain('does not accept zstd');
    // The next invocation's sink, in the same container, starts with gzip.
    const next = setup(undefined, { runtime: { refusedCodings } });
    await addAll(next.sink, [log(3)]);
    await next.sink.flush();
    expect(next.http.requests.map((r) => r.headers['Content-Encoding'])).toEqual(['gzip']);
  });

  it('400 naming the encoding: resends in gzip; a gzip body it refuses too is rejected, not resent again', async () => {
    const { sink, http } = setup(() => ({ status: 400, body: '{"errors":["unsupported Content-Encoding"]}' }));
    await addAll(sink, [log(1)]);
    const report = await sink.flush();
    expect(http.requests.map((r) => r.headers['Content-Encoding'])).toEqual(['zstd', 'gzip']);
    expect(report).toMatchObject({ delivered: 0, dropped: { rejected_400: 1 } });
  });

  it('400: counted as rejected with the status, not retried', async () => {
    const { sink, http } = setup(() => ({ status: 400 }));
    await addAll(sink, [log(1), log(2)]);
    const report = await sink.flush();
    expect(http.requests).toHaveLength(1);
    expect(report).toMatchObject({ delivered: 0, failed: 0, retries: 0, dropped: { rejected_400: 2 } });
  });

  it.each([401, 403])('%i: an authentication failure, not retried, that names what to check', async (status) => {
    const { sink, http, lines } = setup(() => ({ status }));
    await addAll(sink, [log(1, 'item-1')]);
    const report = await sink.flush();
    expect(http.requests).toHaveLength(1);
    expect(report).toMatchObject({ failed: 1, failedItemIds: ['item-1'] });
    expect(report.lastError).toBe(
      `logs intake answered ${status}: check the API key (DD_API_KEY) and the site (DD_SITE)`,
    );
    expect(JSON.stringify(report)).not.toContain(TEST_API_KEY);
    expect(lines.join('\n')).not.toContain(TEST_API_KEY);
  });

  it.each([301, 302, 307, 308, 404, 405, 101, 600])(
    '%i: not retried and never dropped: the batch goes to storage with what to check',
    async (status) => {
      const stored: number[] = [];
      const { sink, http } = setup(() => ({ status }), {
        runtime: { onUndeliverable: async (items) => (stored.push(items.length), 'stored') },
      });
      await addAll(sink, [log(1), log(2)]);
      const report = await sink.flush();
      expect(http.requests).toHaveLength(1);
      expect(stored).toEqual([2]);
      expect(report).toMatchObject({ delivered: 0, stored: 2, failed: 0, dropped: {} });
      expect(report.lastError).toMatch(new RegExp(`^logs intake answered ${status}: .*(DD_URL|proxy)`));
    },
  );

  it('retries network errors (reset, timeout) and delivers', async () => {
    const { sink, http } = setup((_items, i) =>
      i === 0 ? new NetworkError('Request to intake failed: ECONNRESET socket hang up', 'ECONNRESET') : { status: 202 },
    );
    await addAll(sink, [log(1)]);
    const report = await sink.flush();
    expect(http.requests).toHaveLength(2);
    expect(report).toMatchObject({ delivered: 1, retries: 1, failed: 0 });
  });

  it('reports the network error when it never recovers', async () => {
    const { sink } = setup(() => new NetworkError('Request to intake timed out after 10000 ms', 'ETIMEDOUT'), {
      deadlineInMs: 1_000,
    });
    await addAll(sink, [log(1)]);
    const report = await sink.flush();
    expect(report.failed).toBe(1);
    expect(report.lastError).toContain('timed out after 10000 ms');
  });
});

describe('IntakeSink when the HTTP client fails in an unexpected way', () => {
  it('fails the batch with the error, without retrying or rejecting', async () => {
    const broken: HttpClient = {
      request: () => {
        throw new TypeError('Invalid URL');
      },
    };
    const { sink } = setup(undefined, { runtime: { http: broken, maxInFlight: 1 } });
    await addAll(
      sink,
      range(1500).map((n) => log(n, `item-${n % 2}`)),
    );
    const report = await sink.flush();
    expect(report).toMatchObject({ delivered: 0, failed: 1500, retries: 0, requests: 2 });
    expect(report.lastError).toBe('logs intake request failed: Invalid URL');
    expect([...report.failedItemIds].sort()).toEqual(['item-0', 'item-1']);
  });
});
