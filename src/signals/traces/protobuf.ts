// A protobuf encoder for the trace intake's TracePayload (datadog-serverless-functions
// aws/logs_monitoring/trace_forwarder/internal/apm/trace-connection.go, 5.4.11; the schema is datadog-agent's
// `pb/trace_payload.proto`, `pb/span.proto`), written by hand because it is three messages: pulling in a
// protobuf library for them would cost more than these lines. Encoding rules:
// https://protobuf.dev/programming-guides/encoding/ (varints, length-delimited fields, packed maps as repeated
// entry messages). proto3: fields holding their default value (0, "", empty map) are not written.
//
//   TracePayload { string hostName = 1; string env = 2; repeated APITrace traces = 3; }
//   APITrace     { uint64 traceID = 1; repeated Span spans = 2; int64 startTime = 6; int64 endTime = 7; }
//   Span         { string service = 1; string name = 2; string resource = 3; uint64 traceID = 4; uint64 spanID = 5;
//                  uint64 parentID = 6; int64 start = 7; int64 duration = 8; int32 error = 9;
//                  map<string,string> meta = 10; map<string,double> metrics = 11; string type = 12; }
import type { ApiTrace, Span, TracePayload } from './span.js';
import { UINT64_MASK } from './span.js';

const VARINT = 0;
const FIXED64 = 1;
const BYTES = 2;

/** Accumulates encoded bytes; small pieces are joined once at the end. */
class Writer {
  private readonly parts: Buffer[] = [];
  length = 0;

  bytes(value: Buffer): void {
    this.parts.push(value);
    this.length += value.length;
  }

  varint(value: bigint): void {
    // int64 negatives are written as their two's complement, ten bytes long, as protobuf specifies.
    let v = value & UINT64_MASK;
    const out: number[] = [];
    while (v > 0x7fn) {
      out.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    out.push(Number(v));
    this.bytes(Buffer.from(out));
  }

  smallVarint(value: number): void {
    if (value < 0x80 && value >= 0) this.bytes(Buffer.from([value]));
    else this.varint(BigInt(value));
  }

  tag(field: number, wireType: number): void {
    this.smallVarint((field << 3) | wireType);
  }

  finish(): Buffer {
    return Buffer.concat(this.parts, this.length);
  }
}

function writeString(w: Writer, field: number, value: string): void {
  if (value === '') return;
  const bytes = Buffer.from(value, 'utf8');
  w.tag(field, BYTES);
  w.smallVarint(bytes.length);
  w.bytes(bytes);
}

function writeVarint(w: Writer, field: number, value: bigint | number): void {
  if (value === 0 || value === 0n) return;
  w.tag(field, VARINT);
  w.varint(BigInt(value));
}

function writeMessage(w: Writer, field: number, message: Buffer): void {
  w.tag(field, BYTES);
  w.smallVarint(message.length);
  w.bytes(message);
}

function mapEntry(key: string, writeValue: (w: Writer) => void): Buffer {
  const entry = new Writer();
  // Map entries always carry their key and value, even when empty (what protobuf-go and gogo write).
  const keyBytes = Buffer.from(key, 'utf8');
  entry.tag(1, BYTES);
  entry.smallVarint(keyBytes.length);
  entry.bytes(keyBytes);
  writeValue(entry);
  return entry.finish();
}

export function encodeSpan(span: Span): Buffer {
  const w = new Writer();
  writeString(w, 1, span.service);
  writeString(w, 2, span.name);
  writeString(w, 3, span.resource);
  writeVarint(w, 4, span.traceId);
  writeVarint(w, 5, span.spanId);
  writeVarint(w, 6, span.parentId);
  writeVarint(w, 7, span.start);
  writeVarint(w, 8, span.duration);
  writeVarint(w, 9, span.error);
  for (const key of Object.keys(span.meta).sort()) {
    const value = Buffer.from(span.meta[key] ?? '', 'utf8');
    writeMessage(
      w,
      10,
      mapEntry(key, (e) => {
        e.tag(2, BYTES);
        e.smallVarint(value.length);
        e.bytes(value);
      }),
    );
  }
  for (const key of Object.keys(span.metrics).sort()) {
    const value = Buffer.alloc(8);
    value.writeDoubleLE(span.metrics[key] ?? 0);
    writeMessage(
      w,
      11,
      mapEntry(key, (e) => {
        e.tag(2, FIXED64);
        e.bytes(value);
      }),
    );
  }
  writeString(w, 12, span.type);
  return w.finish();
}

export function encodeApiTrace(trace: ApiTrace): Buffer {
  const w = new Writer();
  writeVarint(w, 1, trace.traceId);
  for (const span of trace.spans) writeMessage(w, 2, encodeSpan(span));
  writeVarint(w, 6, trace.startTime);
  writeVarint(w, 7, trace.endTime);
  return w.finish();
}

/**
 * The TracePayload's fields before its traces (hostName, env). A payload is this header followed by its traces,
 * each an encoded `traces` field (encodeTraceField): the traces sink writes a batch so, a trace at a time.
 */
export function encodeTracePayloadHeader(hostName: string, env: string): Buffer {
  const w = new Writer();
  writeString(w, 1, hostName);
  writeString(w, 2, env);
  return w.finish();
}

/** One APITrace as a TracePayload `traces` field: tag, length, message. */
export function encodeTraceField(trace: ApiTrace): Buffer {
  const w = new Writer();
  writeMessage(w, 3, encodeApiTrace(trace));
  return w.finish();
}

export function encodeTracePayload(payload: TracePayload): Buffer {
  const header = encodeTracePayloadHeader(payload.hostName, payload.env);
  return Buffer.concat([header, ...payload.traces.map(encodeTraceField)]);
}
