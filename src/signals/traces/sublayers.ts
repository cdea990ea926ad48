// The span metrics the Datadog Forwarder's trace path computes before sending (datadog-serverless-functions
// aws/logs_monitoring/trace_forwarder/internal/apm/model.go, 5.4.11,
// `computeSublayerMetrics`, from datadog-agent's pkg/trace/traceutil and pkg/trace/stats of that era):
// `_top_level` on spans whose parent is absent or of another service, and on every top-level span that has
// children, `_sublayers.duration.by_service.sublayer_service:<s>`, `_sublayers.duration.by_type.sublayer_type:<t>`
// and `_sublayers.span_count` for the subtrace it roots. The conformance snapshots pin these values exactly.
import type { Span } from './span.js';

/**
 * Sublayer metrics cost time in proportion to the summed sizes of the subtraces (a deep trace alternating
 * services has as many subtraces as spans). Past this many span visits they are skipped for that trace: they
 * are legacy metrics (the backend computes APM stats itself, `_dd.compute_stats`), and one log line must not
 * stall the invocation. `_top_level` is always set.
 */
export const SUBLAYER_BUDGET_SPAN_VISITS = 20_000;

export function computeSublayerMetrics(spans: Span[]): void {
  const root = traceRoot(spans);
  computeTopLevel(spans);
  if (root === undefined) return;
  const subtraces = extractSubtraces(spans, root, SUBLAYER_BUDGET_SPAN_VISITS);
  if (subtraces === undefined) return;
  for (const [subtraceRoot, subtrace] of subtraces) setSublayers(subtraceRoot, computeSublayers(subtrace));
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

/**
 * `ExtractSubtraces`: a depth-first walk from the root, giving each top-level span with children its subtree;
 * undefined once the subtrees hold more than `maxVisits` spans in all.
 */
function extractSubtraces(spans: readonly Span[], root: Span, maxVisits: number): Map<Span, Span[]> | undefined {
  let visits = 0;
  const children = childrenMap(spans);
  const subtraces = new Map<Span, Span[]>();
  const visited = new Set<Span>();
  const stack: { span: Span; ancestors: Span[] }[] = [{ span: root, ancestors: [] }];
  while (stack.length > 0) {
    const { span, ancestors: inherited } = stack.pop()!;
    const own = children.get(span.spanId) ?? [];
    const ancestors = span.metrics._top_level === 1 && own.length > 0 ? [...inherited, span] : inherited;
    visited.add(span);
    visits += ancestors.length;
    if (visits > maxVisits) return undefined;
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

/**
 * `ComputeSublayers`: each interval between consecutive span starts and ends is shared equally among the spans
 * running then with no running child, and added to their service's and type's totals. The agent tested every
 * span against every interval (cubic over a subtree; a deep 1,500-span trace took 25 s), so this sweeps the
 * timestamps once, keeping the running spans and how many running children each has. Sums are made in the same
 * order, one addition per active span, so the totals are the agent's to the last bit.
 */
function computeSublayers(spans: readonly Span[]): Sublayers {
  const byService = new Map<string, number>();
  const byType = new Map<string, number>();
  const add = (totals: Map<string, number>, key: string, share: number) => {
    if (key !== '') totals.set(key, (totals.get(key) ?? 0) + share);
  };
  sweep(spans, (active, durationNs) => {
    const share = durationNs / active.size;
    for (const span of active) {
      add(byService, span.service, share);
      add(byType, span.type, share);
    }
  });
  const values: Sublayers = {};
  for (const [key, total] of byService)
    values[`_sublayers.duration.by_service.sublayer_service:${key}`] = Math.trunc(total);
  for (const [key, total] of byType) values[`_sublayers.duration.by_type.sublayer_type:${key}`] = Math.trunc(total);
  values['_sublayers.span_count'] = spans.length;
  return values;
}

/** Calls `onInterval` for each interval with spans active in it (running, with no running child). */
function sweep(spans: readonly Span[], onInterval: (active: ReadonlySet<Span>, durationNs: number) => void): void {
  const events = new Map<bigint, { starting: Span[]; ending: Span[] }>();
  const at = (ts: bigint) => {
    let e = events.get(ts);
    if (e === undefined) events.set(ts, (e = { starting: [], ending: [] }));
    return e;
  };
  for (const span of spans) {
    at(span.start).starting.push(span);
    at(span.start + span.duration).ending.push(span);
  }
  const parents = parentsMap(spans);
  const running = new Set<Span>();
  const runningChildren = new Map<Span, number>();
  const active = new Set<Span>();
  const timestamps = [...events.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (let i = 0; i < timestamps.length - 1; i++) {
    const { starting, ending } = events.get(timestamps[i]!)!;
    const touched = new Set<Span>();
    const change = (span: Span, isRunning: boolean) => {
      if (isRunning) running.add(span);
      else running.delete(span);
      touched.add(span);
      for (const parent of parents.get(span) ?? []) {
        runningChildren.set(parent, (runningChildren.get(parent) ?? 0) + (isRunning ? 1 : -1));
        touched.add(parent);
      }
    };
    for (const span of ending) if (running.has(span)) change(span, false);
    for (const span of starting) if (span.duration > 0n) change(span, true);
    for (const span of touched) {
      if (running.has(span) && (runningChildren.get(span) ?? 0) === 0) active.add(span);
      else active.delete(span);
    }
    if (active.size > 0) onInterval(active, Number(timestamps[i + 1]! - timestamps[i]!));
  }
}

/** For each span, the spans of the subtree that are its parent (by id). */
function parentsMap(spans: readonly Span[]): Map<Span, Span[]> {
  const byId = new Map<bigint, Span[]>();
  for (const span of spans) {
    const list = byId.get(span.spanId);
    if (list) list.push(span);
    else byId.set(span.spanId, [span]);
  }
  const parents = new Map<Span, Span[]>();
  for (const span of spans) if (span.parentId !== 0n) parents.set(span, byId.get(span.parentId) ?? []);
  return parents;
}

function setSublayers(span: Span, values: Sublayers): void {
  Object.assign(span.metrics, values);
}
