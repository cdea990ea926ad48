// Reads one S3 object into LogChunks, streaming: decompress (object-content.ts), then either structured
// content (s3-structured.ts: CloudTrail files, one JSON array) or lines (split-lines.ts, joined by
// DD_MULTILINE_LOG_REGEX_PATTERN). Chunks hold at most MAX_LOGS_PER_CHUNK logs and MAX_CHUNK_BYTES of text, so
// a 1 GB object flows through in bounded memory: the next bytes are read only when the sink has taken the chunk.
//
// Log ids (RawLog.id) are deterministic, so a retried object or batch can be recognised downstream:
//   <h>-L<n>  the log that starts on line n (1-based, of the decompressed object)
//   <h>-R<n>  record n (0-based) of a CloudTrail file or element n of a JSON array file
// where <h> is the first 24 hex digits of sha256("<bucket>/<key>@<version id, else ETag, else empty>").
import { createHash } from 'node:crypto';
import { isCloudTrailDigestKey } from '../parse/s3-source-rules.js';
import { MultilineJoiner, type Entry } from '../transform/split-multiline.js';
import { MAX_MESSAGE_BYTES, TRUNCATION_MARKER } from '../transform/serialize.js';
import type { EventType, LogChunk, RawLog, SourceOrigin } from '../types.js';
import type { SourceContext } from './index.js';
import { objectContent } from './object-content.js';
import type { ObjectMetadata } from './object-reader.js';
import type { S3ObjectRef } from './s3-notification.js';
import { readStructured } from './s3-structured.js';
import { LineSplitter, type Line } from './split-lines.js';

export const MAX_LOGS_PER_CHUNK = 1000;
export const MAX_CHUNK_BYTES = 4_000_000;
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

export function objectIdPrefix(ref: S3ObjectRef, metadata: ObjectMetadata): string {
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

/** One log per line, or per multi-line entry; blank lines skipped, as the Datadog Forwarder v5 does. */
async function* lineLogs(
  content: AsyncIterable<Buffer>,
  ref: S3ObjectRef,
  context: SourceContext,
  idPrefix: string,
): AsyncGenerator<RawLog[]> {
  const splitter = new LineSplitter(MAX_LINE_BYTES, TRUNCATION_MARKER);
  const pattern = context.multilinePattern;
  const joiner = pattern ? new MultilineJoiner(pattern, MAX_LINE_BYTES, TRUNCATION_MARKER) : undefined;
  // VPC flow log files start with a header line naming the fields (reference §1.4, since v5.2.0).
  let skipHeader = ref.key.includes('vpcflowlogs');
  const toLog = (entry: Entry | Line): RawLog => {
    const log = { message: entry.text, id: `${idPrefix}-L${entry.lineNumber}` };
    return entry.truncated ? { ...log, truncated: true } : log;
  };
  const convert = (lines: readonly Line[], out: RawLog[] = []): RawLog[] => {
    for (const line of lines) {
      if (skipHeader) {
        skipHeader = false;
        continue;
      }
      // Continuation lines keep their indentation; single-line logs are trimmed as v5 trims them.
      const text = joiner ? line.text.trimEnd() : line.text.trim();
      if (text === '') continue;
      const entry = joiner ? joiner.push({ ...line, text }) : { ...line, text };
      if (entry) out.push(toLog(entry));
    }
    return out;
  };
  for await (const bytes of content) {
    const logs = convert(splitter.push(bytes));
    if (logs.length > 0) yield logs;
  }
  const last = convert(splitter.end());
  const tail = joiner?.end();
  if (tail) last.push(toLog(tail));
  if (last.length > 0) yield last;
}

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
