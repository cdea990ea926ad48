// One mechanism for every intake (logs, metrics, traces): items are gathered into batches within the intake's
// limits, each batch is encoded, compressed on the thread pool and POSTed, with several batches in flight on
// kept-alive connections. Statuses are answered per intake-status.ts: retries back off with jitter until the
// invocation's deadline, 413 splits the batch, and whatever cannot be delivered goes to `onUndeliverable`
// (failed-event storage) or is counted as failed so the invocation can fail loudly. `add` waits while the
// maximum number of batches is in flight, which is what bounds memory for large inputs.
import { deflate, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Clock } from '../clock.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { SendReport } from '../types.js';
import { NetworkError, type HttpClient, type HttpResponse } from './http-client.js';
import { classifyStatus, retryAfterMs } from './intake-status.js';
import { backoffMs, type RetryPolicy } from './retry-policy.js';

const gzipAsync = promisify(gzip);
/** A request given less time than this would only time out: the batch is given up instead. */
const MIN_ATTEMPT_MS = 200;
const deflateAsync = promisify(deflate);

export interface IntakeEndpoint<T> {
  readonly name: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly contentEncoding?: 'gzip' | 'deflate';
  readonly compressionLevel: number;
  readonly maxItems: number;
  readonly maxBatchBytes: number;
  encode(items: readonly T[]): Buffer;
  sizeOf(item: T): number;
  itemIdOf(item: T): string | undefined;
  /** How an item is written to failed-event storage and read back (default: JSON). */
  readonly codec?: ItemCodec<T>;
}

export interface ItemCodec<T> {
  encode(item: T): string;
  decode(text: string): T;
}

/** What became of undeliverable items: stored for replay, failed (the invocation fails), or dropped (best effort). */
export type Disposal = boolean | 'stored' | 'failed' | 'dropped';

export interface SinkRuntime<T> {
  readonly http: HttpClient;
  readonly clock: Clock;
  readonly retry: RetryPolicy;
  /** Epoch ms after which no request starts and no retry waits: what is unsent by then is undeliverable. */
  readonly deadlineMs: number;
  readonly requestTimeoutMs: number;
  readonly maxInFlight: number;
  readonly logger: Logger;
  readonly random?: () => number;
  /**
   * Failed-event storage: true (or 'stored') when the items were stored for replay, 'dropped' when the
   * destination is best effort. A throw means storage failed: the items count as failed, with its message.
   */
  readonly onUndeliverable?: (items: readonly T[], reason: string) => Promise<Disposal>;
}

type Outcome =
  { kind: 'done' } | { kind: 'fail'; reason: string } | { kind: 'split' } | { kind: 'reject'; reason: string };

export class IntakeSink<T> {
  private batch: T[] = [];
  private batchBytes = 2;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly counts = { items: 0, delivered: 0, requests: 0, bytesSent: 0, retries: 0, failed: 0, stored: 0 };
  private readonly dropped: Record<string, number> = {};
  private readonly failedItemIds = new Set<string>();
  private lastError: string | undefined;

  constructor(
    private readonly endpoint: IntakeEndpoint<T>,
    private readonly runtime: SinkRuntime<T>,
  ) {}

  async add(item: T): Promise<void> {
    const size = this.endpoint.sizeOf(item);
    const full =
      this.batch.length >= this.endpoint.maxItems ||
      (this.batch.length > 0 && this.batchBytes + size + 1 > this.endpoint.maxBatchBytes);
    if (full) await this.dispatch();
    this.batch.push(item);
    this.batchBytes += size + 1;
    this.counts.items++;
  }

  /** Sends what is left and waits for every request; the report counts every item added. */
  async flush(): Promise<SendReport & { stored: number }> {
    await this.dispatch();
    while (this.inFlight.size > 0) await Promise.all(this.inFlight);
    return {
      intake: this.endpoint.name,
      ...this.counts,
      truncated: 0,
      dropped: { ...this.dropped },
      failedItemIds: [...this.failedItemIds],
      lastError: this.lastError,
    };
  }

  private async dispatch(): Promise<void> {
    if (this.batch.length === 0) return;
    const items = this.batch;
    this.batch = [];
    this.batchBytes = 2;
    while (this.inFlight.size >= this.runtime.maxInFlight) await Promise.race(this.inFlight);
    const sending = this.send(items).finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
    // A caller adding items in a loop never leaves the microtask queue; letting the event loop turn once per
    // batch sends the batches whose compression has finished, so delivered items are freed while more are added.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private async send(items: readonly T[]): Promise<void> {
    const outcome = await this.deliver(items);
    if (outcome.kind === 'done') {
      this.counts.delivered += items.length;
      return;
    }
    if (outcome.kind === 'split' && items.length > 1) {
      const half = Math.ceil(items.length / 2);
      await Promise.all([this.send(items.slice(0, half)), this.send(items.slice(half))]);
      return;
    }
    if (outcome.kind === 'split' || outcome.kind === 'reject') {
      const reason = outcome.kind === 'split' ? 'rejected_too_large' : outcome.reason;
      this.dropped[reason] = (this.dropped[reason] ?? 0) + items.length;
      this.runtime.logger.error('The intake rejected logs; they will not be retried.', {
        intake: this.endpoint.name,
        reason,
        count: items.length,
      });
      return;
    }
    await this.undeliverable(items, outcome.reason);
  }

  /** POSTs one batch, retrying transient failures until the deadline. */
  private async deliver(items: readonly T[]): Promise<Outcome> {
    const body = await this.compress(this.endpoint.encode(items));
    const { clock, retry, deadlineMs } = this.runtime;
    for (let attempt = 1; ; attempt++) {
      const remainingMs = deadlineMs - clock.now();
      if (remainingMs < MIN_ATTEMPT_MS) {
        return { kind: 'fail', reason: this.lastError ?? 'the invocation deadline came before the first attempt' };
      }
      const result = await this.post(body, Math.min(this.runtime.requestTimeoutMs, remainingMs));
      if (result.kind !== 'retry') return result;
      this.lastError = result.reason;
      if (attempt >= retry.maxAttempts) return { kind: 'fail', reason: `${result.reason} after ${attempt} attempts` };
      const waitMs = Math.max(backoffMs(retry, attempt, this.runtime.random ?? Math.random), result.retryAfterMs ?? 0);
      if (clock.now() + waitMs >= deadlineMs) {
        return { kind: 'fail', reason: `${result.reason} after ${attempt} attempts (no time left to retry)` };
      }
      this.counts.retries++;
      await clock.sleep(waitMs);
    }
  }

  private async post(
    body: Buffer,
    timeoutMs: number,
  ): Promise<Outcome | { kind: 'retry'; reason: string; retryAfterMs?: number }> {
    const headers: Record<string, string> = { ...this.endpoint.headers };
    if (this.endpoint.contentEncoding) headers['Content-Encoding'] = this.endpoint.contentEncoding;
    let response: HttpResponse;
    this.counts.requests++;
    try {
      response = await this.runtime.http.request({ url: this.endpoint.url, headers, body, timeoutMs });
    } catch (error) {
      if (error instanceof NetworkError) return { kind: 'retry', reason: error.message };
      // Anything else (a bad URL, a bug in a client) will not get better by retrying. Thrown from here it would
      // reject a batch nobody awaits yet, an unhandled rejection that kills the process; it fails the batch.
      return { kind: 'fail', reason: `${this.endpoint.name} intake request failed: ${errorMessage(error)}` };
    }
    const where = `${this.endpoint.name} intake answered ${response.status}`;
    switch (classifyStatus(response.status)) {
      case 'delivered':
        this.counts.bytesSent += body.length;
        return { kind: 'done' };
      case 'retry':
        return {
          kind: 'retry',
          reason: where,
          retryAfterMs: retryAfterMs(response.headers['retry-after'], this.runtime.clock.now()),
        };
      case 'split':
        return { kind: 'split' };
      case 'auth':
        return { kind: 'fail', reason: `${where}: check the API key (DD_API_KEY) and the site (DD_SITE)` };
      case 'reject':
        return { kind: 'reject', reason: `rejected_${response.status}` };
    }
  }

  private async undeliverable(items: readonly T[], reason: string): Promise<void> {
    this.lastError = reason;
    let disposal: Disposal = false;
    try {
      disposal = (await this.runtime.onUndeliverable?.(items, reason)) ?? false;
    } catch (error) {
      this.lastError = `${reason}; then ${error instanceof Error ? error.message : String(error)}`;
    }
    if (disposal === true || disposal === 'stored') {
      this.counts.stored += items.length;
      return;
    }
    if (disposal === 'dropped') {
      this.dropped.undeliverable_best_effort = (this.dropped.undeliverable_best_effort ?? 0) + items.length;
      return;
    }
    this.counts.failed += items.length;
    for (const item of items) {
      const id = this.endpoint.itemIdOf(item);
      if (id !== undefined) this.failedItemIds.add(id);
    }
  }

  private compress(body: Buffer): Promise<Buffer> {
    // One output chunk that holds the whole compressed batch (JSON logs compress about 10:1) means one trip to
    // the thread pool per batch instead of one per 16 KB of output.
    const options = { level: this.endpoint.compressionLevel, chunkSize: Math.max(64 * 1024, body.length >> 2) };
    if (this.endpoint.contentEncoding === 'gzip') return gzipAsync(body, options);
    if (this.endpoint.contentEncoding === 'deflate') return deflateAsync(body, options);
    return Promise.resolve(body);
  }
}
