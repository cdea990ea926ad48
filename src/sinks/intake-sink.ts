// One mechanism for every intake (logs, metrics, traces): items are written into batches within the intake's
// limits (request-body.ts), each batch is compressed on the thread pool and POSTed, with several batches in flight on
// kept-alive connections. Statuses are answered per intake-status.ts: retries back off with jitter until the
// invocation's deadline, 413 splits the batch, a refusal of zstd resends it in gzip (compression.ts), and whatever
// cannot be delivered goes to `onUndeliverable` (failed-event storage) or is counted as failed so the invocation
// can fail loudly. `add` waits while the maximum number of batches is in flight, which bounds memory for large inputs.
import type { Clock } from '../clock.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { IntakeDropReason, RejectedReason, SendReport } from '../types.js';
import { compress, RefusedCodings, refusesCoding, type ContentCoding } from './compression.js';
import { NetworkError, type HttpClient, type HttpResponse } from './http-client.js';
import { retryAfterMs, statusRule } from './intake-status.js';
import { RequestBody, type BodyFrame, type ItemBytes } from './request-body.js';
import { backoffMs, type RetryPolicy } from './retry-policy.js';

/** A request given less time than this would only time out: the batch is given up instead. */
const MIN_ATTEMPT_MS = 200;

export interface IntakeEndpoint<T> {
  readonly name: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** zstd falls back to gzip where the intake refuses it. */
  readonly contentEncoding?: ContentCoding;
  /** gzip's and deflate's level (zstd's is fixed: compression.ts). */
  readonly compressionLevel: number;
  readonly maxItems: number;
  /** The largest request body, bytes (uncompressed). */
  readonly maxBatchBytes: number;
  /** How items are laid out in a request body. */
  readonly frame: BodyFrame;
  /**
   * True when `frame.open` holds something of the batch's own (the trace intake's env): failed-event storage
   * keeps it with the items, so a replay writes the same body under whichever destination of the intake.
   */
  readonly storesOpen?: boolean;
  /** An item as it is written into a request body: text (as UTF-8) or bytes. */
  bytesOf(item: T): ItemBytes;
  itemIdOf(item: T): string | undefined;
  /**
   * How an item's bytes are kept in failed-event storage, which holds text: as UTF-8 text (the default, for the
   * JSON intakes: a stored log is the log's JSON) or as base64 (binary items: traces).
   */
  readonly storedAs?: 'utf8' | 'base64';
}

/** What became of undeliverable items: stored for replay, failed (the invocation fails), or dropped (best effort). */
export type Disposal = boolean | 'stored' | 'failed' | 'dropped';

export interface SinkRuntime {
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
   * Failed-event storage, given each item's bytes: true (or 'stored') when the items were stored for replay,
   * 'dropped' when the destination is best effort. A throw means storage failed: the items count as failed.
   */
  readonly onUndeliverable?: (items: readonly Buffer[], reason: string) => Promise<Disposal>;
  /** The intakes that refused zstd, remembered for the container (one per sink when not given). */
  readonly refusedCodings?: RefusedCodings;
}

type Outcome =
  { kind: 'done' } | { kind: 'fail'; reason: string } | { kind: 'split' } | { kind: 'reject'; reason: RejectedReason };
type Answer = Outcome | { kind: 'retry'; reason: string; retryAfterMs?: number } | { kind: 'recode' };

export class IntakeSink<T> {
  private batch: RequestBody;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly counts = { items: 0, delivered: 0, requests: 0, bytesSent: 0, retries: 0, failed: 0, stored: 0 };
  private readonly dropped: Record<string, number> = {};
  private readonly failedItemIds = new Set<string>();
  private lastError: string | undefined;
  private readonly refusedCodings: RefusedCodings;

  constructor(
    private readonly endpoint: IntakeEndpoint<T>,
    private readonly runtime: SinkRuntime,
  ) {
    this.batch = this.newBatch();
    this.refusedCodings = runtime.refusedCodings ?? new RefusedCodings();
  }

  /**
   * Adds an item; a promise (to wait for) only when a batch was full and is being dispatched, so that the
   * common case costs no promise.
   */
  add(item: T): Promise<void> | undefined {
    return this.addBytes(this.endpoint.bytesOf(item), this.endpoint.itemIdOf(item));
  }

  /** Adds an item in its request-body form (what `bytesOf` gives; a replay adds stored items this way). */
  addBytes(item: ItemBytes, itemId?: string): Promise<void> | undefined {
    if (this.batch.count < this.endpoint.maxItems && this.batch.tryAppend(item, itemId)) {
      this.counts.items++;
      return undefined;
    }
    return this.addToNextBatch(item, itemId);
  }

  private async addToNextBatch(item: ItemBytes, itemId: string | undefined): Promise<void> {
    await this.dispatch();
    this.batch.append(item, itemId);
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
    if (this.batch.count === 0) return;
    const batch = this.batch;
    this.batch = this.newBatch();
    while (this.inFlight.size >= this.runtime.maxInFlight) await Promise.race(this.inFlight);
    const sending = this.send(batch).finally(() => this.inFlight.delete(sending));
    this.inFlight.add(sending);
    // A caller adding items in a loop never leaves the microtask queue; letting the event loop turn once per
    // batch sends the batches whose compression has finished, so delivered items are freed while more are added.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  private newBatch(): RequestBody {
    return new RequestBody(this.endpoint.frame, this.endpoint.maxBatchBytes);
  }

  private async send(batch: RequestBody): Promise<void> {
    try {
      await this.sendOnce(batch);
    } finally {
      // A compressed request sends zlib's output, so the batch's buffer is free once the batch is done with.
      if (this.endpoint.contentEncoding) batch.release();
    }
  }

  private async sendOnce(batch: RequestBody): Promise<void> {
    const outcome = await this.deliver(batch.body());
    if (outcome.kind === 'done') {
      this.counts.delivered += batch.count;
      return;
    }
    if (outcome.kind === 'split' && batch.count > 1) {
      await Promise.all(batch.halves().map((half) => this.send(half)));
      return;
    }
    if (outcome.kind === 'split' || outcome.kind === 'reject') {
      const reason: IntakeDropReason = outcome.kind === 'split' ? 'rejected_too_large' : outcome.reason;
      this.dropped[reason] = (this.dropped[reason] ?? 0) + batch.count;
      this.runtime.logger.error('The intake rejected logs; they will not be retried.', {
        intake: this.endpoint.name,
        reason,
        count: batch.count,
      });
      return;
    }
    await this.undeliverable(batch, outcome.reason);
  }

  /** POSTs one batch, retrying transient failures until the deadline. */
  private async deliver(uncompressed: Buffer): Promise<Outcome> {
    let coding = this.coding();
    let body = await this.compress(uncompressed, coding);
    const { clock, retry, deadlineMs } = this.runtime;
    for (let attempt = 1; ; attempt++) {
      const remainingMs = deadlineMs - clock.now();
      if (remainingMs < MIN_ATTEMPT_MS) {
        return { kind: 'fail', reason: this.lastError ?? 'the invocation deadline came before the first attempt' };
      }
      const result = await this.post(body, coding, Math.min(this.runtime.requestTimeoutMs, remainingMs));
      if (result.kind === 'recode') {
        this.refusedCodings.remember(this.endpoint.url);
        this.runtime.logger.warn('The intake does not accept zstd: sending gzip to it from now on.', {
          intake: this.endpoint.name,
        });
        coding = 'gzip';
        body = await this.compress(uncompressed, coding);
        continue;
      }
      if (result.kind !== 'retry') return result;
      this.lastError = result.reason;
      if (attempt >= retry.maxAttempts) return { kind: 'fail', reason: `${result.reason} after ${attempt} attempts` };
      const waitMs = Math.max(backoffMs(retry, attempt, this.runtime.random ?? Math.random), result.retryAfterMs ?? 0);
      if (clock.now() + waitMs >= deadlineMs) {
        return { kind: 'fail', reason: `${result.reason} after ${attempt} attempts (no time left to retry)` };
      }
      this.counts.retries++;
      // At info (the template's default level is WARN): what `forwarder invoke` shows while it retries.
      this.runtime.logger.info('Retrying an intake request.', {
        intake: this.endpoint.name,
        reason: result.reason,
        attempt,
        retryInMs: Math.round(waitMs),
        timeLeftMs: deadlineMs - clock.now(),
      });
      await clock.sleep(waitMs);
    }
  }

  private async post(body: Buffer, coding: ContentCoding | undefined, timeoutMs: number): Promise<Answer> {
    const headers: Record<string, string> = { ...this.endpoint.headers };
    if (coding) headers['Content-Encoding'] = coding;
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
    if (coding === 'zstd' && refusesCoding(response.status, response.body)) return { kind: 'recode' };
    const where = `${this.endpoint.name} intake answered ${response.status}`;
    const rule = statusRule(response.status);
    switch (rule.action) {
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
      case 'keep':
        return { kind: 'fail', reason: `${where}: ${rule.hint ?? 'not retried'}` };
      case 'reject':
        return { kind: 'reject', reason: `rejected_${response.status}` };
    }
  }

  private async undeliverable(batch: RequestBody, reason: string): Promise<void> {
    this.lastError = reason;
    let disposal: Disposal = false;
    try {
      disposal = (await this.runtime.onUndeliverable?.(batch.items(), reason)) ?? false;
    } catch (error) {
      this.lastError = `${reason}; then ${error instanceof Error ? error.message : String(error)}`;
    }
    if (disposal === true || disposal === 'stored') {
      this.counts.stored += batch.count;
      return;
    }
    if (disposal === 'dropped') {
      this.dropped.undeliverable_best_effort = (this.dropped.undeliverable_best_effort ?? 0) + batch.count;
      return;
    }
    this.counts.failed += batch.count;
    for (const id of batch.itemIds()) this.failedItemIds.add(id);
  }

  /** The endpoint's coding, or gzip where it is zstd and the intake refused zstd before. */
  private coding(): ContentCoding | undefined {
    const coding = this.endpoint.contentEncoding;
    return coding === 'zstd' && this.refusedCodings.refused(this.endpoint.url) ? 'gzip' : coding;
  }

  private compress(body: Buffer, coding: ContentCoding | undefined): Promise<Buffer> {
    return coding ? compress(body, coding, this.endpoint.compressionLevel) : Promise.resolve(body);
  }
}
