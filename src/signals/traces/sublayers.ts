// The span metrics the Datadog Forwarder's trace path computes before sending (reference §4.3,
// `computeSublayerMetrics`, from datadog-agent's pkg/trace/traceutil and pkg/trace/stats of that era):
// `_top_level` on spans whose parent is absent or of another service, and on every top-level span that has
// children, `_sublayers.duration.by_service.sublayer_service:<s>`, `_sublayers.duration.by_type.sublayer_type:<t>`
// and `_sublayers.span_count` for the subtrace it roots. The conformance snapshots pin these values exactly.
import type { Span } from './span.js';

export function computeSublayerMetrics(spans: Span[]): void {
  const root = traceRoot(spans);
  computeTopLevel(spans);
  if (root === undefined) return;
  for (const [subtraceRoot, subtrace] of extractSubtraces(spans, root)) {
    setSublayers(subtraceRoot, computeSublayers(subtrace));
  }
}

/**
 * `GetRoot`: the last span without a parent, else a span whose parent is not in the trace. Where the agent picks
 * among several orphans by Go map order (random), this picks the first such span in the payload's order.
 */
export function traceRoot(spans: readonly Span[]): Span | undefined {
  for (let i = spans.length - 1; i >= 0; i--) if (spans[i]!.parentId === 0n) return spans[i];
  const ids = new Set(spans.map((s) => s.spanId));
  return spans.find((s) => !ids.has(s.parentId)) ?? spans[spans.length - 1];
}

function computeTopLevel(spans: Span[]): void {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  for (const span of spans) {
    const parent = span.parentId === 0n ? undefined : byId.get(span.parentId);
    if (parent === undefined || parent.service !== span.service) span.metrics._top_level = 1;
    else delete span.metrics._top_level;
  }
}

function childrenMap(spans: readonly Span[]): Map<bigint, Span[]> {
  const children = new Map<bigint, Span[]>();
  for (const span of spans) {
    if (span.parentId === 0n) continue;
    const list = children.get(span.parentId);
    if (list) list.push(span);
    else children.set(span.parentId, [span]);
  }
  return children;
}

/** `ExtractSubtraces`: a depth-first walk from the root, giving each top-level span with children its subtree. */
function extractSubtraces(spans: readonly Span[], root: Span): Map<Span, Span[]> {
  const children = childrenMap(spans);
  const subtraces = new Map<Span, Span[]>();
  const visited = new Set<Span>();
  const stack: { span: Span; ancestors: Span[] }[] = [{ span: root, ancestors: [] }];
  while (stack.length > 0) {
    const { span, ancestors: inherited } = stack.pop()!;
    const own = children.get(span.spanId) ?? [];
    const ancestors = span.metrics._top_level === 1 && own.length > 0 ? [...inherited, span] : inherited;
    visited.add(span);
    for (const ancestor of ancestors) {
      const list = subtraces.get(ancestor);
      if (list) list.push(span);
      else subtraces.set(ancestor, [span]);
    }
    for (const child of own) if (!visited.has(child)) stack.push({ span: child, ancestors });
  }
  return subtraces;
}

type Sublayers = Record<string, number>;

/** `ComputeSublayers`: each instant's time is shared among the spans running then with no running child. */
function computeSublayers(spans: readonly Span[]): Sublayers {
  const timestamps = [...new Set(spans.flatMap((s) => [s.start, s.start + s.duration]))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const active = activeSpans(spans, timestamps);
  const values: Sublayers = {};
  const add = (prefix: string, attr: (s: Span) => string): void => {
    const durations = new Map<string, number>();
    for (let i = 0; i < timestamps.length - 1; i++) {
      const running = active.get(timestamps[i]!) ?? [];
      if (running.length === 0) continue;
      const share = Number(timestamps[i + 1]! - timestamps[i]!) / running.length;
      for (const span of running) {
        const key = attr(span);
        if (key !== '') durations.set(key, (durations.get(key) ?? 0) + share);
      }
    }
    for (const [key, duration] of durations) values[`${prefix}:${key}`] = Math.trunc(duration);
  };
  add('_sublayers.duration.by_service.sublayer_service', (s) => s.service);
  add('_sublayers.duration.by_type.sublayer_type', (s) => s.type);
  values['_sublayers.span_count'] = spans.length;
  return values;
}

function activeSpans(spans: readonly Span[], timestamps: readonly bigint[]): Map<bigint, Span[]> {
  const index = new Map(timestamps.map((ts, i) => [ts, i]));
  const children = childrenMap(spans);
  const active = new Map<bigint, Span[]>();
  for (const span of spans) {
    const own = children.get(span.spanId) ?? [];
    const from = index.get(span.start)!;
    const to = index.get(span.start + span.duration)!;
    for (let i = from; i < to; i++) {
      const ts = timestamps[i]!;
      if (own.some((c) => c.start <= ts && ts < c.start + c.duration)) continue;
      const list = active.get(ts);
      if (list) list.push(span);
      else active.set(ts, [span]);
    }
  }
  return active;
}

function setSublayers(span: Span, values: Sublayers): void {
  Object.assign(span.metrics, values);
}
