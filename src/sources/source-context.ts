// What every source reader is given, and how a reader isolates one record's failure: a record that cannot be
// read is counted with a reason and logged, and the others go on. When trying again may help, its trigger item
// (SQS message id, Kinesis sequence number) is reported so that only it is retried.
import { MalformedPayloadError, PayloadTooLargeError, UnsupportedEventError, errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { Tally } from '../tally.js';
import type { DropReason, LogChunk } from '../types.js';
import type { LineStartPattern } from './split-multiline.js';
import { ObjectReadError, type ObjectReader } from './object-reader.js';

/** What sources need from the invocation. */
export interface SourceContext {
  readonly tally: Tally;
  /** Reads S3 objects; required for S3 notifications. */
  readonly objects?: ObjectReader;
  readonly logger?: Logger;
  /** DD_MULTILINE_LOG_REGEX_PATTERN: a line that starts with a match starts a new log. */
  readonly multilinePattern?: LineStartPattern;
  /** The most a payload decompressed whole may take (config/sources.ts); beyond it, PayloadTooLargeError. */
  readonly maxDecompressedBytes: number;
  /** The forwarder's own log group: its events are dropped, never forwarded (that would loop forever). */
  readonly ownLogGroup?: string;
}

/** The chunks of one record; a failure to read it is counted and logged instead of ending the invocation. */
export async function* isolated(
  chunks: AsyncIterable<LogChunk>,
  context: SourceContext,
  itemId?: string,
): AsyncGenerator<LogChunk> {
  try {
    yield* chunks;
  } catch (error) {
    recordFailed(error, context, itemId);
  }
}

export function recordFailed(error: unknown, context: SourceContext, itemId?: string): void {
  let reason: DropReason = 'record_failed';
  let retryable = true;
  if (error instanceof ObjectReadError) {
    reason = error.reason;
    // Access denied is the operator's to fix: retrying keeps the data until then. A deleted object is gone.
    retryable = error.retryable || error.reason === 'object_access_denied';
  } else if (error instanceof MalformedPayloadError) {
    reason = error instanceof PayloadTooLargeError ? 'payload_too_large' : 'malformed_payload';
    retryable = false;
  } else if (error instanceof UnsupportedEventError) {
    reason = 'unsupported_record';
    retryable = false;
  }
  context.tally.recordFailed(reason, itemId, retryable);
  const fields = { reason, itemId, retried: retryable, error: errorMessage(error) };
  if (retryable) context.logger?.error('A record could not be read; the rest of the batch goes on.', fields);
  else context.logger?.warn('A record could not be read and is dropped; the rest of the batch goes on.', fields);
}
