// The forwarder's telemetry (signals/metrics/telemetry.ts) sent to the metrics intake in its own request, once
// logs, metrics and traces are delivered (its counts need them). An undeliverable telemetry batch is counted as
// dropped, not failed: the forwarder's own counters must never make Lambda retry an invocation whose logs were
// delivered. Its `event_type` tag is the classified trigger's (sources/trigger.ts).
import type { Logger } from '../log.js';
import { toSeriesJson, type MetricItem } from '../signals/metrics/metric-point.js';
import { telemetryPoints, type TelemetryContext } from '../signals/metrics/telemetry.js';
import type { InvocationSummary } from '../summary.js';
import type { SendReport } from '../types.js';
import { IntakeSink, type IntakeEndpoint, type SinkRuntime } from './intake-sink.js';

/** The report to add to the invocation's. */
export async function sendTelemetry(
  summary: InvocationSummary,
  context: TelemetryContext,
  endpoint: IntakeEndpoint<MetricItem>,
  runtime: SinkRuntime,
  logger: Logger,
): Promise<(SendReport & { stored: number })[]> {
  const sink = new IntakeSink(endpoint, runtime);
  for (const point of telemetryPoints(summary, context)) await sink.add({ json: toSeriesJson(point) });
  const report = await sink.flush();
  if (report.failed === 0) return [report];
  logger.warn('The forwarder could not send its telemetry.', { reason: report.lastError });
  const dropped = { ...report.dropped, telemetry_undeliverable: report.failed };
  return [{ ...report, failed: 0, dropped, failedItemIds: [] }];
}
