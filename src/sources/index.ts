// Event-type detection: which trigger delivered this event, and the source that reads it.
// Every source yields LogChunks (an origin and a bounded run of logs), so large inputs stream.
//   {awslogs}                      CloudWatch Logs subscription           cloudwatch-logs.ts
//   {Records: [...]}               S3, SNS, SQS, Kinesis, record by record records.ts
//   {detail, source, detail-type}  EventBridge (and S3 Object Created)    eventbridge.ts
//   any other non-empty object     a custom event                         eventbridge.ts
import { UnsupportedEventError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Tally } from '../tally.js';
import { joinMultiline, startsJoining, type LineStartPattern } from './split-multiline.js';
import type { LogChunk } from '../types.js';
import { isCloudWatchLogsEvent, readAwsLogsData } from './cloudwatch-logs.js';
import { isEventBridgeEvent, readCustomEvent, readEventBridgeEvent } from './eventbridge.js';
import type { ObjectReader } from './object-reader.js';
import { hasRecords, readRecords } from './records.js';
import { isObject } from './s3-notification.js';

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

export async function* readEvent(event: unknown, context: SourceContext): AsyncGenerator<LogChunk> {
  if (isCloudWatchLogsEvent(event) && !hasRecords(event)) {
    return yield* withMultiline(readAwsLogsData(event.awslogs?.data, context), context);
  }
  if (hasRecords(event)) return yield* readRecords(event.Records, context);
  if (isEventBridgeEvent(event)) return yield* readEventBridgeEvent(event, context);
  if (isObject(event) && Object.keys(event).length > 0 && !('Records' in event)) {
    return yield* readCustomEvent(event, context);
  }
  throw new UnsupportedEventError(describeShape(event));
}

/**
 * CloudWatch Logs events that continue the previous one (a stack trace, line by line) join it, across the
 * slices a payload is read in: each slice's last log is held back until the next slice of the same payload
 * shows whether it continues. Whether a payload joins at all is decided by its first event (split-multiline.ts).
 */
function* withMultiline(chunks: Iterable<LogChunk>, context: SourceContext): Generator<LogChunk> {
  const pattern = context.multilinePattern;
  if (pattern === undefined) return yield* chunks;
  let held: { chunk: LogChunk; joins: boolean } | undefined;
  for (const chunk of chunks) {
    if (held !== undefined && held.chunk.origin !== chunk.origin) {
      yield held.chunk;
      held = undefined;
    }
    const joins = held?.joins ?? startsJoining(chunk.logs, pattern);
    const logs = held ? [...held.chunk.logs, ...chunk.logs] : chunk.logs;
    const joined = joinMultiline(logs, pattern, joins);
    context.tally.drop('joined_multiline', joined.joined);
    const last = joined.logs.pop();
    if (joined.logs.length > 0) yield { ...chunk, logs: joined.logs };
    held = last === undefined ? undefined : { chunk: { ...chunk, logs: [last] }, joins };
  }
  if (held !== undefined) yield held.chunk;
}

/** A short description of an event's shape for error messages: its type and top-level keys, never values. */
export function describeShape(event: unknown): string {
  if (event === null) return 'null';
  if (Array.isArray(event)) return `an array of ${event.length} item(s)`;
  if (typeof event !== 'object') return `a ${typeof event}`;
  const keys = Object.keys(event).slice(0, 10);
  return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.map((k) => JSON.stringify(k)).join(', ')}`;
}
