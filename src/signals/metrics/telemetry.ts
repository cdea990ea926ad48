// The forwarder's own counters, `aws.dd_forwarder.*` distributions (datadog-serverless-functions
// aws/logs_monitoring/telemetry.py, 5.4.11), tagged as the Datadog
// Forwarder tags them: `forwardername`, `forwarder_memorysize`, `forwarder_version`, `event_type`.
// The counters the Datadog Forwarder sends (`incoming_events`, `logs_forwarded`, `metrics_forwarded`,
// `traces_forwarded`) are sent on every invocation, zero included, so a dashboard shows zero rather than no data;
// `dropped` (tag `reason`), `retried` and `failed` (tag `intake`) only when not zero.
import type { ForwarderIdentity } from '../../parse/forwarder-identity.js';
import type { InvocationSummary } from '../../summary.js';
import type { EventType } from '../../types.js';
import type { MetricPoint } from './metric-point.js';

const TELEMETRY_PREFIX = 'aws.dd_forwarder.';

export interface TelemetryContext {
  readonly identity: ForwarderIdentity;
  /** The trigger of this invocation, when the event was recognised. */
  readonly eventType?: EventType;
  readonly timestampSeconds: number;
}

export function telemetryPoints(summary: InvocationSummary, context: TelemetryContext): MetricPoint[] {
  const { identity, eventType, timestampSeconds } = context;
  const tags = [
    `forwardername:${identity.name}`,
    `forwarder_memorysize:${identity.memorySizeMb}`,
    `forwarder_version:${identity.version}`,
  ];
  if (eventType !== undefined) tags.push(`event_type:${eventType}`);
  const point = (name: string, value: number, extra: readonly string[] = []): MetricPoint => ({
    metric: TELEMETRY_PREFIX + name,
    value,
    timestampSeconds,
    tags: extra.length === 0 ? tags : [...tags, ...extra],
  });
  const points = [
    point('incoming_events', summary.received),
    point('logs_forwarded', summary.forwarded),
    point('metrics_forwarded', summary.intakes.metrics?.delivered ?? 0),
    point('traces_forwarded', summary.intakes.traces?.delivered ?? 0),
  ];
  for (const [reason, count] of Object.entries(summary.dropped)) {
    if (count > 0) points.push(point('dropped', count, [`reason:${reason}`]));
  }
  for (const [intake, report] of Object.entries(summary.intakes)) {
    if (report.retries > 0) points.push(point('retried', report.retries, [`intake:${intake}`]));
    if (report.failed > 0) points.push(point('failed', report.failed, [`intake:${intake}`]));
  }
  return points;
}
