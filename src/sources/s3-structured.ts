// Structured S3 content: files that are one JSON document rather than lines.
// - CloudTrail log files (https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html)
//   are `{"Records": [...]}`: one log per record, its fields top-level and no `message` (datadog-serverless-functions
//   aws/logs_monitoring/steps/handlers/s3_handler.py, 5.4.11).
// - A file that is one JSON array: one log per element (the Datadog Forwarder v5 sends the whole array as one
//   log; see docs/event-sources.md).
// Such a file must be parsed whole, so it is held in memory only up to MAX_STRUCTURED_BYTES (less on a function
// whose memory sets a lower limit on what is decompressed whole); a larger file (or one that is not valid JSON) is
// read as lines instead, without reading anything twice.
import { isCloudTrailKey } from '../parse/s3-source-rules.js';
import { stringifyJson } from '../parse/stringify-json.js';
import type { RawLog } from '../types.js';
import { Peekable } from './object-content.js';
import { isObject } from './s3-notification.js';

const MAX_STRUCTURED_BYTES = 32 * 1024 * 1024;

interface StructuredResult {
  /** The logs, when the content was structured. */
  readonly logs?: RawLog[];
  /** Otherwise the whole content, still to be read (nothing consumed is lost). */
  readonly content: AsyncIterable<Buffer>;
}

export async function readStructured(
  content: AsyncIterable<Buffer>,
  key: string,
  maxDecompressedBytes: number,
): Promise<StructuredResult> {
  const maxBytes = Math.min(MAX_STRUCTURED_BYTES, maxDecompressedBytes);
  const peekable = Peekable.of(content);
  const cloudTrail = isCloudTrailKey(key);
  const first = firstNonBlank(await peekable.fill(1024));
  if (!cloudTrail && first !== '[') return { content: peekable };
  await peekable.fill(maxBytes + 1);
  if (!peekable.ended || peekable.bufferedBytes > maxBytes) return { content: peekable };
  const text = Buffer.concat(await peekable.fill(0)).toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { content: peekable };
  }
  if (cloudTrail && isObject(parsed) && Array.isArray(parsed.Records)) {
    return { content: peekable, logs: parsed.Records.filter(isObject).map((fields) => ({ fields })) };
  }
  if (Array.isArray(parsed)) return { content: peekable, logs: parsed.map(elementLog) };
  return { content: peekable };
}

function elementLog(element: unknown): RawLog {
  return { message: typeof element === 'string' ? element : stringifyJson(element) };
}

function firstNonBlank(chunks: readonly Buffer[]): string | undefined {
  for (const chunk of chunks) {
    for (const byte of chunk)
      if (byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09) return String.fromCharCode(byte);
  }
  return undefined;
}
