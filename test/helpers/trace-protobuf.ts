// A small protobuf reader for what the trace intake receives (TracePayload, datadog-serverless-functions
// aws/logs_monitoring/trace_forwarder/internal/apm/trace-connection.go, 5.4.11), giving protobuf's
// JSON mapping as the conformance snapshots show it: lowerCamelCase names, 64-bit integers as decimal strings,
// fields at their default value left out. Independent of the encoder in src/, so tests check one with the other.

type Json = Record<string, unknown>;

class Reader {
  pos = 0;
  constructor(private readonly buf: Buffer) {}
  done(): boolean {
    return this.pos >= this.buf.length;
  }
  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.buf[this.pos++];
      if (byte === undefined) throw new Error('Truncated varint');
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }
  bytes(): Buffer {
    const length = Number(this.varint());
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }
  double(): number {
    const v = this.buf.readDoubleLE(this.pos);
    this.pos += 8;
    return v;
  }
}

function fields(buf: Buffer, onField: (field: number, wire: number, r: Reader) => void): void {
  const r = new Reader(buf);
  while (!r.done()) {
    const tag = Number(r.varint());
    onField(tag >> 3, tag & 7, r);
  }
}

const signed = (v: bigint): string => BigInt.asIntN(64, v).toString();

function mapEntry(buf: Buffer, valueOf: (r: Reader, wire: number) => unknown): [string, unknown] {
  let key = '';
  let value: unknown;
  fields(buf, (field, wire, r) => {
    if (field === 1) key = r.bytes().toString('utf8');
    else value = valueOf(r, wire);
  });
  return [key, value];
}

function decodeSpan(buf: Buffer): Json {
  const span: Json = {};
  const names = ['', 'service', 'name', 'resource', 'traceID', 'spanID', 'parentID', 'start', 'duration', 'error'];
  fields(buf, (field, _wire, r) => {
    if (field <= 3 || field === 12) span[field === 12 ? 'type' : names[field]!] = r.bytes().toString('utf8');
    else if (field <= 6) span[names[field]!] = r.varint().toString();
    else if (field <= 8) span[names[field]!] = signed(r.varint());
    else if (field === 9) span.error = Number(BigInt.asIntN(32, r.varint()));
    else if (field === 10) {
      const [k, v] = mapEntry(r.bytes(), (e) => e.bytes().toString('utf8'));
      span.meta = { ...(span.meta as Json), [k]: v };
    } else if (field === 11) {
      const [k, v] = mapEntry(r.bytes(), (e) => e.double());
      span.metrics = { ...(span.metrics as Json), [k]: v };
    }
  });
  return span;
}

function decodeApiTrace(buf: Buffer): Json {
  const trace: Json = {};
  fields(buf, (field, _wire, r) => {
    if (field === 1) trace.traceID = r.varint().toString();
    else if (field === 2) trace.spans = [...((trace.spans as Json[]) ?? []), decodeSpan(r.bytes())];
    else if (field === 6) trace.startTime = signed(r.varint());
    else if (field === 7) trace.endTime = signed(r.varint());
  });
  return trace;
}

export function decodeTracePayload(buf: Buffer): Json {
  const payload: Json = {};
  fields(buf, (field, _wire, r) => {
    if (field === 1) payload.hostName = r.bytes().toString('utf8');
    else if (field === 2) payload.env = r.bytes().toString('utf8');
    else if (field === 3) payload.traces = [...((payload.traces as Json[]) ?? []), decodeApiTrace(r.bytes())];
  });
  return payload;
}
