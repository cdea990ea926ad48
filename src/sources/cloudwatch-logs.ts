// CloudWatch Logs subscription payloads: `{"awslogs": {"data": base64(gzip(JSON))}}`.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
// The decoded JSON has `messageType` (DATA_MESSAGE, or CONTROL_MESSAGE when CloudWatch checks that the
// destination is reachable), `owner`, `logGroup`, `logStream` and `logEvents[{id, timestamp, message}]`; an
// event also has `extractedFields` when the subscription filter's pattern names fields
// (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html).
import { gunzipSync } from 'node:zlib';
import { MalformedPayloadError, PayloadTooLargeError } from '../errors.js';
import { joinEvents } from './split-multiline.js';
import type { EventType, LogChunk, RawLog, SourceOrigin } from '../types.js';
import type { SourceContext } from './source-context.js';

/** A character outside base64's alphabet and its padding. */
const NOT_BASE64 = /[^A-Za-z0-9+/=]/;

/**
 * `^[A-Za-z0-9+/]*={0,2}$`, in two quick passes: a search for any other character (a regular expression that
 * must match the whole payload ran about ten times slower, some 3% of an invocation's CPU), then the padding.
 */
function isBase64(text: string): boolean {
  if (NOT_BASE64.test(text)) return false;
  const padding = text.indexOf('=');
  return padding < 0 || (text.length - padding <= 2 && text.charCodeAt(text.length - 1) === 0x3d);
}

/**
 * Output chunk size for gunzip: the size the gzip trailer announces (ISIZE, the last 4 bytes), so the whole
 * output lands in one buffer. With the 16 KB default, a 5 MB payload is written into ~330 small buffers, then
 * copied once more to join them. ISIZE is only a hint (it is mod 2^32, and a damaged trailer can say anything):
 * bounded, and zlib adds chunks if it is too small. The +1 leaves room so that zlib does not allocate a further
 * empty chunk once the output exactly fills the first.
 */
function gunzipChunkSize(compressed: Buffer, maxBytes: number): number {
  const announced = compressed.length >= 18 ? compressed.readUInt32LE(compressed.length - 4) : 0;
  return Math.min(Math.max(announced + 1, 64 * 1024), 64 * 1024 * 1024, maxBytes + 1);
}

/**
 * Reads a subscription event's `awslogs.data`: decompressed once, then its events parsed and yielded a slice of
 * about 16 KB (some 40 events) at a time, each forwarded before the next is parsed. Parsing the whole payload at
 * once kept every event of a large payload (and the text they were parsed from) alive through the invocation,
 * long enough to be promoted to V8's old generation, where they stayed, dead, into the next invocation. A slice
 * this small is forwarded before a young-generation collection comes, so its events die young: smaller slices
 * measured both less memory and less CPU (less to promote), down to about 16 KB (docs/performance.md).
 *
 * Slices are cut where one event ends and the next begins (`},{"`: a quote inside a JSON string is always
 * escaped, so these bytes are structure, never text). What does not fit that layout, a payload whose header
 * fields do not come before its events, events with arrays of objects inside, keys after the events, is read
 * whole (from the slice where it stopped fitting): the same result, with the memory of the whole.
 */
export function readAwsLogsData(data: unknown, context: SourceContext): Generator<LogChunk> {
  return joined(awsLogsDataChunks(data, context), context);
}

/** With DD_MULTILINE_LOG_REGEX_PATTERN, the events of a payload that continue the one before join it. */
function joined(chunks: Generator<LogChunk>, context: SourceContext): Generator<LogChunk> {
  const pattern = context.multilinePattern;
  return pattern === undefined ? chunks : joinEvents(chunks, pattern, context.tally);
}

function* awsLogsDataChunks(data: unknown, context: SourceContext): Generator<LogChunk> {
  const json = decompressAwsLogsData(data, context);
  const key = json.indexOf(EVENTS_KEY);
  const header = key < 0 ? undefined : parseOrUndefined(json.toString('utf8', 0, key + EVENTS_KEY.length) + ']}');
  const origin = header === undefined ? undefined : dataMessageOrigin(header, 'awslogs');
  if (origin === undefined) return yield* payloadChunks(parseJson(json.toString('utf8')), context);
  for (const events of eventSlices(json, key + EVENTS_KEY.length)) {
    const chunk = chunkOf(events, origin, context);
    if (chunk !== undefined) yield chunk;
  }
}

const EVENTS_KEY = Buffer.from('"logEvents":[');
const EVENT_BOUNDARY = Buffer.from('},{"');
const SLICE_BYTES = 16 * 1024;

/** The events array from `start` (just after its `[`), a slice at a time. */
function* eventSlices(json: Buffer, start: number): Generator<unknown[]> {
  for (let from = start; ;) {
    const cut = json.indexOf(EVENT_BOUNDARY, from + SLICE_BYTES);
    const events = cut < 0 ? undefined : parseOrUndefined(`[${json.toString('utf8', from, cut + 1)}]`);
    if (!Array.isArray(events)) {
      // The last slice (or one that did not fit the layout): the rest of the document, read as the rest of
      // the payload's object.
      const rest = parseJson(`{"logEvents":[${json.toString('utf8', from)}`) as { logEvents?: unknown };
      // Not an array only when a later duplicate key replaced it.
      if (!Array.isArray(rest.logEvents)) throw malformed('logEvents is not an array');
      return yield rest.logEvents as unknown[];
    }
    yield events;
    from = cut + 2;
  }
}

/**
 * The decompressed payload. Synchronous on purpose: the invocation has nothing else to do meanwhile, and with
 * the callback API the Gunzip stream kept its output reachable long enough to be promoted to the old
 * generation, where it stayed as garbage into the next invocation (docs/performance.md, change 5).
 * Bounded: zlib stops once the output passes `maxDecompressedBytes`, so a gzip bomb (1 MB of gzip → 1 GB) costs
 * that much memory and the time to inflate it, then is refused and counted (`payload_too_large`).
 */
function decompressAwsLogsData(data: unknown, context: SourceContext): Buffer {
  if (typeof data !== 'string' || data.length === 0) throw malformed('awslogs.data is missing or not a string');
  const compact = data.includes('\n') || data.includes(' ') ? data.replace(/\s+/g, '') : data;
  if (compact.length % 4 === 1 || !isBase64(compact)) throw malformed('awslogs.data is not valid base64');
  const compressed = Buffer.from(compact, 'base64');
  const maxBytes = context.maxDecompressedBytes;
  try {
    return gunzipSync(compressed, { chunkSize: gunzipChunkSize(compressed, maxBytes), maxOutputLength: maxBytes });
  } catch (error) {
    if (!isOutputTooLarge(error)) throw malformed(gzipProblem(compressed, error));
    context.tally.drop('payload_too_large');
    throw new PayloadTooLargeError('CloudWatch Logs payload', maxBytes);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw malformed(`the decompressed data is not JSON (${(error as Error).message})`);
  }
}

function parseOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function malformed(detail: string): MalformedPayloadError {
  return new MalformedPayloadError('CloudWatch Logs payload', detail);
}

/** zlib stopped at `maxOutputLength`. */
export function isOutputTooLarge(error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
}

/** Why gunzip failed, in words: zlib's codes say little, and a corrupt stream is not "not gzip". */
function gzipProblem(compressed: Buffer, error: unknown): string {
  const magic = compressed[0] === 0x1f && (compressed.length < 2 || compressed[1] === 0x8b);
  if (!magic) return 'awslogs.data is not gzip-compressed';
  if ((error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') return 'the gzip data is truncated';
  return 'the gzip data is corrupt';
}

/** Reads a decoded payload (from a Kinesis record, or one read whole). Yields nothing for a CONTROL_MESSAGE (counted). */
export function readAwsLogsPayload(
  payload: unknown,
  context: SourceContext,
  eventType: EventType = 'awslogs',
  itemId?: string,
): Generator<LogChunk> {
  return joined(payloadChunks(payload, context, eventType, itemId), context);
}

function* payloadChunks(
  payload: unknown,
  context: SourceContext,
  eventType: EventType = 'awslogs',
  itemId?: string,
): Generator<LogChunk> {
  if (typeof payload !== 'object' || payload === null) throw malformed('the decoded JSON is not an object');
  const p = payload as Record<string, unknown>;
  if (p.messageType === 'CONTROL_MESSAGE') {
    context.tally.drop('control_message', Array.isArray(p.logEvents) ? p.logEvents.length : 1);
    return;
  }
  const missing = ['logGroup', 'logStream', 'owner'].filter((k) => typeof p[k] !== 'string');
  if (!Array.isArray(p.logEvents)) missing.push('logEvents');
  if (missing.length > 0) throw malformed(`missing or invalid field(s): ${missing.join(', ')}`);
  const chunk = chunkOf(p.logEvents as unknown[], dataMessageOrigin(p, eventType, itemId)!, context);
  if (chunk !== undefined) yield chunk;
}

/** The origin of a payload that is not a control message and has every field; undefined otherwise. */
function dataMessageOrigin(header: unknown, eventType: EventType, itemId?: string): SourceOrigin | undefined {
  const p = header as Record<string, unknown> | null;
  if (typeof p !== 'object' || p === null || p.messageType === 'CONTROL_MESSAGE') return undefined;
  const { logGroup, logStream, owner } = p;
  if (typeof logGroup !== 'string' || typeof logStream !== 'string' || typeof owner !== 'string') return undefined;
  return { eventType, awslogs: { logGroup, logStream, owner }, itemId };
}

/** The events as logs; undefined (each counted as dropped) when they are the forwarder's own. */
function chunkOf(events: readonly unknown[], origin: SourceOrigin, context: SourceContext): LogChunk | undefined {
  const logs: RawLog[] = [];
  for (const event of events) {
    const log = toRawLog(event);
    if (log) logs.push(log);
    else context.tally.drop('malformed_log_event');
  }
  context.tally.received(logs.length);
  const own = context.ownLogGroup;
  if (own === undefined || origin.awslogs?.logGroup !== own) return { origin, logs };
  dropOwnLogs(own, logs.length, context);
  return undefined;
}

/**
 * Events from the forwarder's own log group: forwarding them would write more of them (START, END, REPORT,
 * the summary), which would invoke the forwarder again, forever. Dropped and counted (`own_log_group`), with a
 * warning, once per invocation, that says how to stop the loop.
 */
function dropOwnLogs(logGroup: string, count: number, context: SourceContext): void {
  if (context.tally.dropped.own_log_group === undefined) {
    context.logger?.warn(
      `This forwarder is subscribed to its own log group ${logGroup}: its events are dropped, since forwarding ` +
        'them would invoke it again, forever. Remove the subscription filter on that log group that targets ' +
        'this function (or its Kinesis stream).',
      { logGroup },
    );
  }
  context.tally.drop('own_log_group', count);
}

function toRawLog(event: unknown): RawLog | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as Record<string, unknown>;
  if (typeof e.message !== 'string') return undefined;
  const log = {
    message: e.message,
    id: typeof e.id === 'string' ? e.id : undefined,
    timestampMs: typeof e.timestamp === 'number' ? e.timestamp : undefined,
  };
  // The Datadog Forwarder sends every key of the event, so `extractedFields` arrives as a top-level attribute
  // (AwsLogsHandler.handle, aws/logs_monitoring/steps/handlers/awslogs_handler.py, 5.4.11).
  return e.extractedFields === undefined ? log : { ...log, fields: { extractedFields: e.extractedFields } };
}
