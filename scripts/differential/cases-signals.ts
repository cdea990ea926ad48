// The differential run's metric lines and trace payloads, compared with 3.99.0 and 5.4.11.
import { BASE_MS, hex, int, pick, type Case, type Rng } from './case-kit.js';
import {
  cloudWatchEvent,
  cloudWatchPayload,
  describe,
  KINDS,
  LAMBDA_FUNCTIONS,
  lambdaLine,
  type LogGroupKind,
} from './cases-cloudwatch.js';

// ---------- metrics and traces (3.99.0) ----------

function metricLine(rng: Rng): string {
  return JSON.stringify({
    m: pick(rng, ['app.orders', 'app.latency', 'checkout.count']),
    v: pick(rng, [1, int(rng, 1, 500), int(rng, 1, 1000) / 8]),
    e: BASE_MS / 1000 + int(rng, 0, 600),
    t: pick(rng, [[], ['env:prod'], ['team:core', 'version:1.2']]),
  });
}

function tracePayload(rng: Rng, service: string): string {
  const traceId = hex(rng, 16);
  const root = hex(rng, 16);
  const start = (BASE_MS + int(rng, 0, 999)) * 1_000_000;
  const spans = [
    {
      trace_id: traceId,
      span_id: root,
      parent_id: '0',
      name: 'aws.lambda',
      resource: service,
      service: 'aws.lambda',
      start,
      duration: int(rng, 1_000_000, 90_000_000),
      error: 0,
      type: 'serverless',
      meta: { 'function.request_id': hex(rng, 8), ...(rng() < 0.3 ? { env: 'staging' } : {}) },
      metrics: { _sampling_priority_v1: 1 },
    },
    ...Array.from({ length: int(rng, 0, 3) }, () => ({
      trace_id: traceId,
      span_id: hex(rng, 16),
      parent_id: root,
      name: pick(rng, ['http.request', 'dynamodb.query', 'compute']),
      resource: pick(rng, ['GET /items', 'Query', 'compute']),
      service: pick(rng, [service, 'aws.dynamodb', `${service}-http`]),
      start: start + int(rng, 1000, 99_000),
      duration: int(rng, 1000, 900_000),
      error: pick(rng, [0, 0, 1]),
      meta: { 'http.method': 'GET', component: 'x' },
      metrics: {},
    })),
  ];
  return JSON.stringify({ traces: [spans] });
}

export function metricsAndTracesCases(rng: Rng, count: number, version: 'v3' | 'v5'): Case[] {
  return Array.from({ length: count }, (_, i) => {
    const fn = pick(rng, LAMBDA_FUNCTIONS);
    const kind = KINDS[0] as LogGroupKind;
    const messages = Array.from({ length: int(rng, 2, 6) }, () =>
      pick(rng, [() => metricLine(rng), () => tracePayload(rng, fn), () => lambdaLine(rng), () => lambdaLine(rng)])(),
    );
    const settings =
      i % 3 === 0
        ? {}
        : pick(rng, [
            { DD_TAGS: 'env:prod,team:x' },
            { DD_TAGS: 'service:renamed' },
            { DD_FORWARD_LOG: 'false' },
            { DD_SOURCE: 'node' },
          ]);
    const payload = cloudWatchPayload(rng, kind, messages);
    payload.logGroup = `/aws/lambda/${fn}`;
    return {
      id: `${version === 'v3' ? 'mt3' : 'mt5'}-${String(i).padStart(3, '0')}`,
      source: version === 'v3' ? 'metrics+traces (3.99)' : 'metrics+traces (5.4.11)',
      python: version,
      description: `lambda log with metric lines, trace payloads and platform lines; ${describe(settings)}`,
      settings,
      event: cloudWatchEvent(payload),
      objects: [],
    };
  });
}
