// `ParseTrace` of the Go trace forwarder (datadog-serverless-functions
// aws/logs_monitoring/trace_forwarder/internal/apm/model.go, 5.4.11): one TracePayload per inner list of spans, spans
// grouped by trace id into APITraces, `_dd.origin: lambda` and `_dd.compute_stats: 1` forced on every span, the env
// taken from span meta (the last span with one wins; `none` otherwise), and X-Ray merging: a span whose
// `_dd.parent_source` is `xray` is a placeholder for the X-Ray segment that invoked the function, so it is dropped
// and the spans it parented are re-parented to that segment's id, which lets the backend join the X-Ray and
// Datadog traces. As there, a child is re-parented only when its placeholder comes before it in the list.
import type { ApiTrace, Span, TracePayload } from './span.js';
import { computeSublayerMetrics } from './sublayers.js';

export function buildPayloads(traces: readonly Span[][]): TracePayload[] {
  const payloads: TracePayload[] = [];
  for (const spans of traces) {
    const payload = buildPayload(spans);
    if (payload.traces.length > 0) payloads.push(payload);
  }
  return payloads;
}

function buildPayload(spans: readonly Span[]): TracePayload {
  const byTraceId = new Map<bigint, ApiTrace>();
  const removed = new Map<bigint, bigint>();
  let env = 'none';
  for (const original of spans) {
    const span: Span = {
      ...original,
      meta: { ...original.meta, '_dd.origin': 'lambda', '_dd.compute_stats': '1' },
      metrics: { ...original.metrics },
    };
    const spanEnv = span.meta.env;
    if (spanEnv !== undefined) env = spanEnv;
    if (span.meta['_dd.parent_source'] === 'xray') {
      removed.set(span.spanId, span.parentId);
      continue;
    }
    const xrayParent = removed.get(span.parentId);
    if (xrayParent !== undefined) span.parentId = xrayParent;
    const trace = byTraceId.get(span.traceId);
    if (trace === undefined) {
      byTraceId.set(span.traceId, { traceId: span.traceId, spans: [span], startTime: span.start, endTime: 0n });
    } else {
      trace.spans.push(span);
      if (span.start < trace.startTime) trace.startTime = span.start;
    }
  }
  const traces = [...byTraceId.values()];
  for (const trace of traces) computeSublayerMetrics(trace.spans);
  return { hostName: '', env, traces };
}
