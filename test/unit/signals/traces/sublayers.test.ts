import type { Span } from '../../../../src/signals/traces/span.js';
import { computeSublayerMetrics, SUBLAYER_BUDGET_SPAN_VISITS } from '../../../../src/signals/traces/sublayers.js';

const span = (id: number, parent: number, start: number, duration: number, service: string, type = ''): Span => ({
  service,
  name: 'op',
  resource: 'r',
  traceId: 1n,
  spanId: BigInt(id),
  parentId: BigInt(parent),
  start: BigInt(start),
  duration: BigInt(duration),
  error: 0,
  meta: {},
  metrics: {},
  type,
});

describe('sublayer metrics', () => {
  it('share each instant among the running spans without running children', () => {
    // web [0,100) has db children [10,30) and [20,60): 10 ns web alone, 10 db alone, 10 shared, 30 db, 40 web.
    const spans = [span(1, 0, 0, 100, 'web', 'web'), span(2, 1, 10, 20, 'db', 'sql'), span(3, 1, 20, 40, 'db', 'sql')];
    computeSublayerMetrics(spans);
    expect(spans[0]!.metrics).toEqual({
      _top_level: 1,
      '_sublayers.duration.by_service.sublayer_service:web': 50,
      '_sublayers.duration.by_service.sublayer_service:db': 50,
      '_sublayers.duration.by_type.sublayer_type:web': 50,
      '_sublayers.duration.by_type.sublayer_type:sql': 50,
      '_sublayers.span_count': 3,
    });
    expect(spans[1]!.metrics).toEqual({ _top_level: 1 });
  });

  it('are skipped, keeping _top_level, for a trace whose subtraces exceed the budget', () => {
    // A chain alternating services: every other span roots a subtrace holding everything below it.
    const count = Math.ceil(Math.sqrt(SUBLAYER_BUDGET_SPAN_VISITS * 4));
    const spans = Array.from({ length: count }, (_, i) => span(i + 1, i, i, 2 * count - i, i % 2 ? 'a' : 'b'));
    computeSublayerMetrics(spans);
    expect(spans.every((s) => s.metrics._top_level === 1)).toBe(true);
    expect(spans.some((s) => '_sublayers.span_count' in s.metrics)).toBe(false);
  });
});
