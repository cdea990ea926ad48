// Fixture and `invoke` event files may be written readably: where Lambda delivers base64(gzip(JSON)) in
// `awslogs.data` (or a Kinesis record's `kinesis.data`), a file may hold the JSON object itself, and it is
// encoded here before the handler sees it.
import { gzipSync } from 'node:zlib';

const encode = (value: unknown): string => gzipSync(JSON.stringify(value)).toString('base64');

export function encodeReadableEvent(event: unknown): unknown {
  if (typeof event !== 'object' || event === null) return event;
  const e = event as Record<string, unknown>;
  const awslogs = e.awslogs as { data?: unknown } | undefined;
  if (awslogs && typeof awslogs.data === 'object' && awslogs.data !== null) {
    return { ...e, awslogs: { ...awslogs, data: encode(awslogs.data) } };
  }
  if (Array.isArray(e.Records)) {
    return { ...e, Records: e.Records.map(encodeKinesisRecord) };
  }
  return event;
}

function encodeKinesisRecord(record: unknown): unknown {
  const r = record as { kinesis?: { data?: unknown } } | null;
  if (!r?.kinesis || typeof r.kinesis.data !== 'object' || r.kinesis.data === null) return record;
  return { ...r, kinesis: { ...r.kinesis, data: encode(r.kinesis.data) } };
}
