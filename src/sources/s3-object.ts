// Reads one S3 object into LogChunks, streaming: decompress (object-content.ts), then either structured
// content (s3-structured.ts: CloudTrail files, one JSON array) or lines (split-lines.ts, joined by
// DD_MULTILINE_LOG_REGEX_PATTERN). Chunks hold at most MAX_LOGS_PER_CHUNK logs and MAX_CHUNK_BYTES of text, so
// a 1 GB object flows through in bounded memory: the next bytes are read only when the sink has taken the chunk.
//
// Log ids (RawLog.id) are deterministic, so a retried object or batch can be recognised downstream:
//   <h>-L<n>  the log that starts on line n (1-based, of the decompressed object)
//   <h>-L<n>.<k>  with DD_MULTILINE_LOG_REGEX_PATTERN, the log that starts after the k-th form feed (or other
//             Python line break, split-multiline.ts) inside line n
//   <h>-R<n>  record n (0-based) of a CloudTrail file or element n of a JSON array file
// where <h> is the first 24 hex digits of sha256("<bucket>/<key>@<version id, else ETag, else empty>").
import { createHash } from 'node:crypto';
import { isCloudTrailDigestKey } from '../parse/s3-source-rules.js';
import { pythonStrip } from '../parse/python-str.js';
import { LineJoiner, type Joined, type LineStart } from './split-multiline.js';
import { MAX_MESSAGE_BYTES, TRUNCATION_MARKER } from '../log-limits.js';
import type { EventType, LogChunk, RawLog, SourceOrigin } from '../types.js';
import type { SourceContext } from './source-context.js';
import { objectContent } from './object-content.js';
import type { ObjectMetadata } from './object-reader.js';
import type { S3ObjectRef } from './s3-notification.js';
import { readStructured } from './s3-structured.js';
import { LineSplitter, type Line } from './split-lines.js';

export const MAX_LOGS_PER_CHUNK = 1000;
const MAX_CHUNK_BYTES = 4_000_000;
const MAX_LINE_BYTES = MAX_MESSAGE_BYTES - Buffer.byteLength(TRUNCATION_MARKER);

export async function* readS3Object(
  ref: S3ObjectRef,
  context: SourceContext,
  eventType: EventType,
  itemId?: string,
): AsyncGenerator<LogChunk> {
  const origin: SourceOrigin = { eventType, s3: { bucket: ref.bucket, key: ref.key }, itemId };
  if (isCloudTrailDigestKey(ref.key)) return context.tally.drop('cloudtrail_digest_skipped');
  if (context.objects === undefined) throw new Error('No ObjectReader was given to read S3 objects.');
  const where = `s3://${ref.bucket}/${ref.key}`;
  const opened = await context.objects.open(ref.bucket, ref.key);
  try {
    const idPrefix = objectIdPrefix(ref, opened.metadata);
    const content = await objectContent(opened.body, where);
    let any = false;
    for await (const logs of inChunks(readLogs(content, ref, context, idPrefix))) {
      any = true;
      context.tally.received(logs.length);
      yield { origin, logs };
    }
    if (!any) context.tally.drop('empty_object');
  } finally {
    opened.body.destroy();
  }
}

function objectIdPrefix(ref: S3ObjectRef, metadata: ObjectMetadata): string {
  const version = metadata.versionId ?? metadata.etag ?? '';
  return createHash('sha256').update(`${ref.bucket}/${ref.key}@${version}`).digest('hex').slice(0, 24);
}

async function* readLogs(
  content: AsyncIterable<Buffer>,
  ref: S3ObjectRef,
  context: SourceContext,
  idPrefix: string,
): AsyncGenerator<RawLog[]> {
  const structured = await readStructured(content, ref.key, context.maxDecompressedBytes);
  if (structured.logs !== undefined) {
    yield structured.logs.map((log, i) => ({ ...log, id: `${idPrefix}-R${i}` }));
    return;
  }
  yield* lineLogs(structured.content, ref, context, idPrefix);
}

/**
 * One log per line, or per multi-line entry, with the text the Datadog Forwarder v5 gives it
 * (S3EventHandler._extract_other_logs, aws/logs_monitoring/steps/handlers/s3_handler.py, 5.4.11): without a
 * pattern, each line stripped as Python's `str.strip()` strips it, blank lines skipped; with one,
 * split-multiline.ts. A UTF-8 byte order mark at the start of the object is not text (docs/compatibility.md).
 */
async function* lineLogs(
  content: AsyncIterable<Buffer>,
  ref: S3ObjectRef,
  context: SourceContext,
  idPrefix: string,
): AsyncGenerator<RawLog[]> {
  const splitter = new LineSplitter(MAX_LINE_BYTES, TRUNCATION_MARKER);
  const pattern = context.multilinePattern;
  const joiner = pattern ? new LineJoiner(pattern, context.tally) : undefined;
  // VPC flow log files start with a header line naming the fields (since v5.2.0): Python skips its first line,
  // or its first entry when the lines are joined.
  const skipHeader = ref.key.includes('vpcflowlogs');
  const toLog = (message: string, lineNumber: number, truncated: boolean, part?: number): RawLog => {
    const id = `${idPrefix}-L${lineNumber}${part === undefined ? '' : `.${part}`}`;
    return truncated ? { message, id, truncated } : { message, id };
  };
  const entries: Joined<LineStart>[] = [];
  const drain = (out: RawLog[]): void => {
    for (const { text, at, truncated, pieces } of entries) {
      // The lines joined to an entry were read too: received, and counted `joined_multiline` by the joiner.
      context.tally.received(pieces - 1);
      const { lineNumber, part } = at;
      if (!(skipHeader && lineNumber === 1 && part === undefined)) out.push(toLog(text, lineNumber, truncated, part));
    }
    entries.length = 0;
  };
  const convert = (lines: readonly Line[], out: RawLog[] = []): RawLog[] => {
    for (let line of lines) {
      if (line.lineNumber === 1 && line.text.charCodeAt(0) === BOM) line = { ...line, text: line.text.slice(1) };
      if (joiner) {
        joiner.push(line, entries);
        drain(out);
        continue;
      }
      if (skipHeader && line.lineNumber === 1) continue;
      const text = pythonStrip(line.text);
      if (text !== '') out.push(toLog(text, line.lineNumber, line.truncated));
    }
    return out;
  };
  for await (const bytes of content) {
    const logs = convert(splitter.push(bytes));
    if (logs.length > 0) yield logs;
  }
  const last = convert(splitter.end());
  joiner?.end(entries);
  drain(last);
  if (last.length > 0) yield last;
}

const BOM = 0xfeff;

/** Regroups runs of logs into chunks of bounded count and size. */
async function* inChunks(runs: AsyncIterable<RawLog[]>): AsyncGenerator<RawLog[]> {
  let chunk: RawLog[] = [];
  let bytes = 0;
  for await (const run of runs) {
    for (const log of run) {
      chunk.push(log);
      bytes += log.message?.length ?? 1000;
      if (chunk.length >= MAX_LOGS_PER_CHUNK || bytes >= MAX_CHUNK_BYTES) {
        yield chunk;
        chunk = [];
        bytes = 0;
      }
    }
  }
  if (chunk.length > 0) yield chunk;
}
