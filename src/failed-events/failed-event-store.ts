// The FailedEventStore port: where items that no intake accepted wait for replay (datadog-serverless-functions
// aws/logs_monitoring/retry/storage.py and retry/sqs_storage.py, 5.4.11).
// A stored batch says which intake and which destination it was meant for, and holds the items exactly as they
// were to be sent (for logs, the serialized JSON of each log), so a replay resends them unchanged. It never
// holds an API key: the destination's key is looked up in the configuration when the batch is replayed.
// Layout, shared with the Datadog Forwarder v5 so that its stored logs are replayed too:
//   S3 key  failed_events/<sha1 of the function ARN, lower case>/<logs|metrics|traces>/<epoch ms>-<random>
//   SQS     message attributes retry_prefix=<logs|metrics|traces>, function_prefix=<sha1>
import { createHash } from 'node:crypto';

export const FAILED_EVENTS_PREFIX = 'failed_events';

export interface StoredBatch {
  /** `logs`, `metrics` or `traces`. */
  readonly intake: string;
  /** The destination's name (`logs` for the main intake, `logs@host:port` for an additional one). */
  readonly destination: string;
  /** Why it was stored (the last delivery error). */
  readonly reason: string;
  readonly storedAtMs: number;
  /** The items as they were to be sent, as text (storedForm in spill.ts: UTF-8, or base64 for traces). */
  readonly items: readonly string[];
  /**
   * The request body's opening bytes, base64, for an intake whose opening differs from batch to batch (the
   * trace intake's payload header names its env): a replay writes them again before the items.
   */
  readonly open?: string;
}

/** A stored batch as read back, with what is needed to delete it once it is delivered. */
export interface StoredEntry {
  /** One handle per stored object or message the batch was read from. */
  readonly handles: readonly string[];
  readonly batch: StoredBatch;
}

export interface FailedEventStore {
  /** `s3` or `sqs`, for log lines and the summary. */
  readonly kind: string;
  /**
   * Stores a batch, split as the backend needs (never dropping an item). Throws when it could not be stored,
   * or not before `signal` aborted (the invocation's deadline for storing).
   */
  put(scope: string, batch: StoredBatch, signal?: AbortSignal): Promise<void>;
  /** The batches stored for this function, read lazily so a replay can stop at its deadline. */
  entries(scope: string, signal?: AbortSignal): AsyncIterable<StoredEntry>;
  /** Deletes what the handles name; called only after the intake accepted every item of the entry. */
  delete(handles: readonly string[], signal?: AbortSignal): Promise<void>;
}

/** Raised when a batch could not be stored: the invocation then fails so Lambda's retry takes over. */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * The per-function scope: sha1 of the function's ARN in lower case, as the Datadog Forwarder computes it, so
 * one bucket or queue can serve several forwarders. A version or alias qualifier is removed so that scheduled
 * replays (which invoke the unqualified ARN) find what qualified invocations stored.
 */
export function functionScope(invokedFunctionArn: string): string {
  const unqualified = invokedFunctionArn.split(':').slice(0, 7).join(':');
  return createHash('sha1').update(unqualified.toLowerCase()).digest('hex');
}
