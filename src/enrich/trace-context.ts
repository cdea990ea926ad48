// Logs linked to traces (seed documentation, "Connect logs and traces"): the log's Datadog trace id goes to
// `dd.trace_id` (and its span id to `dd.span_id`), and a Lambda function's request id to `lambda.request_id`,
// the attributes the logs intake correlates on. The Datadog Forwarder leaves this to Datadog's log pipeline
// (datadog-serverless-functions aws/logs_monitoring/steps/splitting.py, 5.4.11), which parses only some formats; here
// the ids are read from, in order of precedence:
//  1. a JSON log's `dd` object (`{"dd": {"trace_id": "...", "span_id": "..."}}`), also after Lambda's line prefix;
//  2. plain text `dd.trace_id=<decimal> dd.span_id=<decimal>` (what Datadog's tracers inject);
//  (in both, a 128-bit trace id written as 32 hex digits is passed on as it is);
//  3. a W3C `traceparent` (https://www.w3.org/TR/trace-context/#traceparent-header): the low 64 bits of the
//     trace id and the parent id, in decimal, which is what Datadog's 64-bit ids are;
//  4. an X-Ray trace id (`Root=1-...`, `XRAY TraceId: 1-...` in REPORT lines, `_X_AMZN_TRACE_ID`), converted
//     as Datadog's Lambda libraries convert it (x-ray-trace-id.ts); X-Ray gives no Datadog span id.
// Every rule is behind a substring check, so logs without trace context cost a few `includes` calls; a JSON log's
// ids come from the log's one parse (its view, src/parse/parsed-message.ts), exactly, also beyond 2^53.
import type { LogRecord, MessageView } from '../types.js';
import { datadogTraceIdFromXray } from './x-ray-trace-id.js';

interface TraceIds {
  readonly traceId?: string;
  readonly spanId?: string;
  readonly requestId?: string;
}

const DD_TEXT_TRACE = /\bdd\.trace_id=(\d{1,39}|[0-9a-f]{32})\b/;
const DD_TEXT_SPAN = /\bdd\.span_id=(\d{1,20})\b/;
const TRACEPARENT = /\b([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}\b/;
const XRAY = /(?:Root=|XRAY TraceId: )(1-[0-9a-f]{8}-[0-9a-f]{24})/;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** `START RequestId: <id>`, `END ...`, `REPORT ...`, and `<timestamp>\t<id>\t...` lines of Lambda's text format. */
const TEXT_REQUEST_ID = new RegExp(`^(?:(?:START|END|REPORT) RequestId: (${UUID})|\\S+[\\t ](${UUID})[\\t ])`);
const JSON_REQUEST_ID = /"requestId"\s*:\s*"([^"\\]{1,128})"/;
const LOW_64_BITS = (1n << 64n) - 1n;

/** The record with `dd.trace_id`, `dd.span_id` and `lambda.request_id` added where the log carries them. */
export function withTraceContext(record: LogRecord): LogRecord {
  const { message, view } = record;
  if (message === undefined || view === undefined) return record;
  const ids = findTraceIds(view, record.origin.lambdaArn !== undefined);
  if (ids.traceId === undefined && ids.requestId === undefined) return record;
  const extra: Record<string, unknown> = { ...record.extra };
  if (ids.traceId !== undefined) {
    extra.dd = ids.spanId === undefined ? { trace_id: ids.traceId } : { trace_id: ids.traceId, span_id: ids.spanId };
  }
  if (ids.requestId !== undefined) extra.lambda = { request_id: ids.requestId };
  // Built field by field: on Node 20 `{ ...record, extra }` measured several times slower on this per-log path.
  return { origin: record.origin, raw: record.raw, message, view, overrides: record.overrides, extra };
}

const NO_IDS: TraceIds = {};

export function findTraceIds(view: MessageView, isLambda: boolean): TraceIds {
  const message = view.text;
  // A JSON log may follow Lambda's `<time>\t<request id>\t<level>\t` prefix (console.log of a JSON string).
  let ids = message.includes('"dd"') ? idsFromJson(view) : NO_IDS;
  if (ids.traceId === undefined) ids = withTextIds(ids, idsFromText(message));
  if (!isLambda) return ids;
  const requestId = requestIdOf(message);
  return requestId === undefined ? ids : { traceId: ids.traceId, spanId: ids.spanId, requestId };
}

/** The ids the text gives, over what a JSON log gave without a trace id (its span id stays when the text has none). */
function withTextIds(fromJson: TraceIds, fromText: TraceIds): TraceIds {
  if (fromText === NO_IDS) return fromJson;
  return 'spanId' in fromText || fromJson.spanId === undefined ? fromText : { ...fromText, spanId: fromJson.spanId };
}

/**
 * Lambda's request id: `requestId` in its JSON log format (a regular expression, not a parse, as every line of
 * a JSON-format function carries one), else the START/END/REPORT and text-format line prefixes.
 */
function requestIdOf(message: string): string | undefined {
  if (message.includes('"requestId"')) {
    const fromJson = JSON_REQUEST_ID.exec(message)?.[1];
    if (fromJson !== undefined) return fromJson;
  }
  const match = TEXT_REQUEST_ID.exec(message);
  return match ? (match[1] ?? match[2]) : undefined;
}

function idsFromText(message: string): TraceIds {
  if (message.includes('dd.trace_id=')) {
    const traceId = DD_TEXT_TRACE.exec(message)?.[1];
    if (traceId !== undefined) return { traceId, spanId: DD_TEXT_SPAN.exec(message)?.[1] };
  }
  if (message.includes('traceparent')) {
    const match = TRACEPARENT.exec(message);
    if (match && match[1] !== 'ff' && !/^0+$/.test(match[2]!)) {
      const traceId = BigInt(`0x${match[2]}`) & LOW_64_BITS;
      if (traceId !== 0n) return { traceId: traceId.toString(), spanId: BigInt(`0x${match[3]}`).toString() };
    }
  }
  if (message.includes('Root=1-') || message.includes('XRAY TraceId: 1-')) {
    const xray = XRAY.exec(message)?.[1];
    const traceId = xray === undefined ? undefined : datadogTraceIdFromXray(xray);
    if (traceId !== undefined) return { traceId };
  }
  return NO_IDS;
}

function idsFromJson(view: MessageView): TraceIds {
  const dd = view.embeddedObject()?.dd;
  if (typeof dd !== 'object' || dd === null) return NO_IDS;
  return { traceId: decimalId(view, dd, 'trace_id'), spanId: decimalId(view, dd, 'span_id') };
}

/**
 * A decimal id given as a string or a number (read exactly), or a 128-bit trace id in 32 hex digits (what
 * tracers log with 128-bit ids on, and the logs intake accepts as is); anything else is ignored.
 */
function decimalId(view: MessageView, dd: object, key: string): string | undefined {
  const n = view.integer(dd, key);
  if (n !== undefined) return n >= 0n ? n.toString() : undefined;
  const value = (dd as Record<string, unknown>)[key];
  return typeof value === 'string' && /^(?:\d{1,39}|[0-9a-f]{32})$/.test(value) ? value : undefined;
}
