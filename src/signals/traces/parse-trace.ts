// Trace payloads written to logs by Datadog's Lambda libraries: `{"traces": [[span, ...], ...]}`.
// Detection follows the Datadog Forwarder (datadog-serverless-functions aws/logs_monitoring/steps/splitting.py,
// 5.4.11): the message is a JSON object whose `traces` is a
// list, whose first element is a non-empty list, whose first span has a non-null `trace_id`. Span fields follow
// the Go trace forwarder's `rawSpan` (datadog-serverless-functions
// aws/logs_monitoring/trace_forwarder/internal/apm/model.go, 5.4.11): ids are hex strings of which the last 16 digits
// are kept
// (128-bit ids become their low 64 bits, the upper 64 going to `_dd.p.tid`; anything unreadable becomes 0), `start` and `duration` are
// int64 nanoseconds, `meta` maps strings to strings and `metrics` strings to numbers. Where that forwarder lost
// a whole payload to a type error without a word, this reports what was wrong so the log can be kept.
import type { MessageView } from '../../types.js';
import type { Span } from './span.js';

type TraceDetection =
  | { readonly kind: 'none' }
  | { readonly kind: 'trace'; readonly traces: readonly Span[][] }
  | { readonly kind: 'corrupt'; readonly reason: string };

const NONE: TraceDetection = { kind: 'none' };

/** Cheap first: only messages that mention `"traces"` are read (their JSON, from the log's view). */
export function detectTracePayload(message: MessageView | undefined): TraceDetection {
  if (message === undefined || !message.text.includes('"traces"')) return NONE;
  const parsed = message.object();
  if (!isTracePayload(parsed)) return NONE;
  const integer = (holder: object, key: string) => message.integer(holder, key);
  try {
    return { kind: 'trace', traces: parsed.traces.map((trace, i) => parseTrace(trace, i, integer)) };
  } catch (error) {
    return { kind: 'corrupt', reason: (error as Error).message };
  }
}

/** Reads an integer of the payload exactly (int64 nanoseconds are beyond a double's 2^53). */
type IntegerReader = (holder: object, key: string) => bigint | undefined;

function isTracePayload(value: unknown): value is { traces: unknown[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const traces = (value as { traces?: unknown }).traces;
  if (!Array.isArray(traces) || !Array.isArray(traces[0]) || traces[0].length === 0) return false;
  const first: unknown = traces[0][0];
  if (typeof first !== 'object' || first === null) return false;
  const traceId = (first as { trace_id?: unknown }).trace_id;
  return traceId !== undefined && traceId !== null;
}

function parseTrace(trace: unknown, index: number, integer: IntegerReader): Span[] {
  if (!Array.isArray(trace)) throw new Error(`traces[${index}] is not a list of spans`);
  return trace.map((span, i) => parseSpan(span, `traces[${index}][${i}]`, integer));
}

function parseSpan(value: unknown, where: string, integer: IntegerReader): Span {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${where} is not an object`);
  const raw = value as Record<string, unknown>;
  const traceId = stringField(raw, 'trace_id', where);
  const meta = mapField(raw, 'meta', where, (v) => (typeof v === 'string' ? v : undefined));
  const high = highTraceIdBits(traceId);
  if (high !== undefined && meta['_dd.p.tid'] === undefined) meta['_dd.p.tid'] = high;
  return {
    service: stringField(raw, 'service', where),
    name: stringField(raw, 'name', where),
    resource: stringField(raw, 'resource', where),
    traceId: apmId(traceId),
    spanId: apmId(stringField(raw, 'span_id', where)),
    parentId: apmId(stringField(raw, 'parent_id', where)),
    start: int64Field(raw, 'start', where, integer),
    duration: int64Field(raw, 'duration', where, integer),
    error: Number(int64Field(raw, 'error', where, integer)),
    meta,
    metrics: mapField(raw, 'metrics', where, (v) => (typeof v === 'number' ? v : undefined)),
    type: stringField(raw, 'type', where),
  };
}

const HEX = /^[0-9a-fA-F]+$/;

/** `decodeAPMId`: the last 16 hex digits as an unsigned 64-bit integer; 0 when unreadable. */
export function apmId(id: string): bigint {
  const low = id.length > 16 ? id.slice(-16) : id;
  return HEX.test(low) ? BigInt(`0x${low}`) : 0n;
}

/**
 * The upper 64 bits of a 128-bit trace id, as Datadog's tracers carry them in the `_dd.p.tid` tag (16 lowercase
 * hex digits), so that cutting the id to 64 bits, as the intake's `traceID` field requires, loses nothing.
 */
function highTraceIdBits(id: string): string | undefined {
  if (id.length <= 16 || !HEX.test(id)) return undefined;
  const high = id
    .slice(Math.max(0, id.length - 32), -16)
    .padStart(16, '0')
    .toLowerCase();
  return /^0+$/.test(high) ? undefined : high;
}

function stringField(raw: Record<string, unknown>, key: string, where: string): string {
  const value = raw[key];
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new Error(`${where}.${key} must be a string`);
  return value;
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

function int64Field(raw: Record<string, unknown>, key: string, where: string, integer: IntegerReader): bigint {
  const value = raw[key];
  if (value === undefined || value === null) return 0n;
  const n = integer(raw, key);
  if (n === undefined || n < INT64_MIN || n > INT64_MAX) throw new Error(`${where}.${key} must be a 64-bit integer`);
  return n;
}

function mapField<T>(
  raw: Record<string, unknown>,
  key: string,
  where: string,
  read: (value: unknown) => T | undefined,
): Record<string, T> {
  // No prototype: a `__proto__` tag (here, or added from ddtags later) is one more tag, not the map's prototype.
  const out = Object.create(null) as Record<string, T>;
  const value = raw[key];
  if (value === undefined || value === null) return out;
  if (typeof value !== 'object' || Array.isArray(value)) throw new Error(`${where}.${key} must be an object`);
  for (const [k, v] of Object.entries(value)) {
    const read_ = read(v);
    if (read_ === undefined) throw new Error(`${where}.${key}.${k} has the wrong type`);
    out[k] = read_;
  }
  return out;
}
