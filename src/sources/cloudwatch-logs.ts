// CloudWatch Logs subscription payloads: `{"awslogs": {"data": base64(gzip(JSON))}}`.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html
// The decoded JSON has `messageType` (DATA_MESSAGE, or CONTROL_MESSAGE when CloudWatch checks that the
// destination is reachable), `owner`, `logGroup`, `logStream` and `logEvents[{id, timestamp, message}]`.
import { gunzipSync } from 'node:zlib';
import { MalformedPayloadError } from '../errors.js';
import type { EventType, LogChunk, RawLog } from '../types.js';
import type { SourceContext } from './index.js';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Output chunk size for gunzip: the size the gzip trailer announces (ISIZE, the last 4 bytes), so the whole
 * output lands in one buffer. With the 16 KB default, a 5 MB payload is written into ~330 small buffers, then
 * copied once more to join them. ISIZE is only a hint (it is mod 2^32,
 * and a damaged trailer can say anything): bounded, and zlib adds chunks if it is too small. The +1 leaves
 * room so that zlib does not allocate a further empty chunk once the output exactly fills the first.
 */
function gunzipChunkSize(compressed: Buffer): number {
  const announced = compressed.length >= 18 ? compressed.readUInt32LE(compressed.length - 4) : 0;
  return Math.min(Math.max(announced + 1, 64 * 1024), 64 * 1024 * 1024);
}

export function isCloudWatchLogsEvent(event: unknown): event is { awslogs: { data?: unknown } } {
  return typeof event === 'object' && event !== null && 'awslogs' in event;
}

/** Decodes one `awslogs.data` string into the subscription payload's JSON. Errors name what was wrong. */
export async function decodeAwsLogsData(data: unknown): Promise<unknown> {
  if (typeof data !== 'string' || data.length === 0) {
    throw new MalformedPayloadError('CloudWatch Logs payload', 'awslogs.data is missing or not a string');
  }
  const compact = data.includes('\n') || data.includes(' ') ? data.replace(/\s+/g, '') : data;
  if (compact.length % 4 === 1 || !BASE64.test(compact)) {
    throw new MalformedPayloadError('CloudWatch Logs payload', 'awslogs.data is not valid base64');
  }
  const text = gunzipText(Buffer.from(compact, 'base64'));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new MalformedPayloadError(
      'CloudWatch Logs payload',
      `the decompressed data is not JSON (${(error as Error).message})`,
    );
  }
}

/**
 * The decompressed payload as a string, from a buffer nothing references once this returns, so the collections
 * JSON.parse triggers can free it (26 MB for 50,000 events). Synchronous on purpose: the invocation has nothing
 * else to do meanwhile, and with the callback API the stream object kept its output reachable long enough to be
 * promoted to the old generation, where it stayed through the whole invocation (npm run bench: 50,000 events,
 * peak RSS down by about 30 MB; see docs/performance.md).
 */
function gunzipText(compressed: Buffer): string {
  let decompressed: Buffer;
  try {
    decompressed = gunzipSync(compressed, { chunkSize: gunzipChunkSize(compressed) });
  } catch (error) {
    throw new MalformedPayloadError('CloudWatch Logs payload', gzipProblem(compressed, error));
  }
  return decompressed.toString('utf8');
}

/** Why gunzip failed, in words: zlib's codes say little, and a corrupt stream is not "not gzip". */
function gzipProblem(compressed: Buffer, error: unknown): string {
  const magic = compressed[0] === 0x1f && (compressed.length < 2 || compressed[1] === 0x8b);
  if (!magic) return 'awslogs.data is not gzip-compressed';
  if ((error as NodeJS.ErrnoException).code === 'Z_BUF_ERROR') return 'the gzip data is truncated';
  return 'the gzip data is corrupt';
}

/** Reads a decoded payload. Yields nothing for a CONTROL_MESSAGE (counted). */
export function* readAwsLogsPayload(
  payload: unknown,
  context: SourceContext,
  eventType: EventType = 'awslogs',
  itemId?: string,
): Generator<LogChunk> {
  if (typeof payload !== 'object' || payload === null) {
    throw new MalformedPayloadError('CloudWatch Logs payload', 'the decoded JSON is not an object');
  }
  const p = payload as Record<string, unknown>;
  if (p.messageType === 'CONTROL_MESSAGE') {
    context.tally.drop('control_message', Array.isArray(p.logEvents) ? p.logEvents.length : 1);
    return;
  }
  const missing = ['logGroup', 'logStream', 'owner'].filter((k) => typeof p[k] !== 'string');
  if (!Array.isArray(p.logEvents)) missing.push('logEvents');
  if (missing.length > 0) {
    throw new MalformedPayloadError('CloudWatch Logs payload', `missing or invalid field(s): ${missing.join(', ')}`);
  }
  const logs: RawLog[] = [];
  for (const event of p.logEvents as unknown[]) {
    const log = toRawLog(event);
    if (log) logs.push(log);
    else context.tally.drop('malformed_log_event');
  }
  context.tally.received(logs.length);
  const awslogs = { logGroup: p.logGroup as string, logStream: p.logStream as string, owner: p.owner as string };
  yield { origin: { eventType, awslogs, itemId }, logs };
}

function toRawLog(event: unknown): RawLog | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const e = event as Record<string, unknown>;
  if (typeof e.message !== 'string') return undefined;
  return {
    message: e.message,
    id: typeof e.id === 'string' ? e.id : undefined,
    timestampMs: typeof e.timestamp === 'number' ? e.timestamp : undefined,
  };
}
