// The trace intake's data model (`/api/v0.2/traces`), as the Datadog Forwarder's Go trace forwarder builds it
// from datadog-agent's `pb` package (datadog-serverless-functions
// aws/logs_monitoring/trace_forwarder/internal/apm/trace-connection.go, 5.4.11): a TracePayload per env holds
// APITraces, each the spans of
// one trace id. Ids are unsigned 64-bit integers, kept as BigInt so that no digit is ever lost to float64.
// 128-bit trace ids are deliberately cut to their low 64 bits (see docs/traces.md).

export interface Span {
  service: string;
  name: string;
  resource: string;
  traceId: bigint;
  spanId: bigint;
  parentId: bigint;
  /** Epoch nanoseconds (int64). */
  start: bigint;
  /** Nanoseconds (int64). */
  duration: bigint;
  error: number;
  meta: Record<string, string>;
  metrics: Record<string, number>;
  type: string;
}

export interface ApiTrace {
  traceId: bigint;
  spans: Span[];
  startTime: bigint;
  /** Always 0, as the Datadog Forwarder sends it (a bug there; the intake ignores the field). */
  endTime: bigint;
}

export interface TracePayload {
  hostName: string;
  env: string;
  traces: ApiTrace[];
}

export const UINT64_MASK = (1n << 64n) - 1n;
