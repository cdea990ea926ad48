// Routes the metric points found in logs to the metrics intake, and ends the invocation with the forwarder's
// telemetry. Telemetry goes in its own request once logs, metrics and traces are delivered (its counts need them),
// and an undeliverable telemetry batch is counted as dropped, not failed: the forwarder's own counters must never
// make Lambda retry an invocation whose logs were delivered.
import type { Deps } from '../deps.js';
import type { ForwarderIdentity } from '../parse/forwarder-identity.js';
import { IntakeSink, type SinkRuntime } from '../sinks/intake-sink.js';
import { metricsEndpoint } from '../sinks/metrics-intake.js';
import type { InvocationSummary } from '../summary.js';
import type { Tally } from '../tally.js';
import type { EventType, LogRecord, SendReport } from '../types.js';
import { findMetrics, type MetricFinding } from '../signals/metrics/find-metrics.js';
import { toSeriesJson, toEpochSeconds, type MetricItem } from '../signals/metrics/metric-point.js';
import { telemetryPoints } from '../signals/metrics/telemetry.js';

type Report = SendReport & { stored?: number };

/** Where metric points go: the metrics intake and its additional destinations (failed-events/delivery.ts). */
interface MetricSink {
  add(item: MetricItem): Promise<void>;
  flush(): Promise<Report[]>;
}

export class MetricRouter {
  private eventType: EventType | undefined;
  private readonly warned = new Set<string>();

  constructor(
    private readonly deps: Deps,
    private readonly runtime: SinkRuntime,
    private readonly identity: ForwarderIdentity,
    private readonly sink: MetricSink,
  ) {}

  /** The metrics in this log; undefined, cheaply, for the many logs that hold none. */
  find(record: LogRecord): MetricFinding | undefined {
    this.eventType = record.origin.source.eventType;
    return findMetrics(record, this.deps.config.metrics);
  }

  /** Sends what `find` found; true when the log was a metric line and so is not to be forwarded as a log. */
  async send(found: MetricFinding, itemId: string | undefined, tally: Tally): Promise<boolean> {
    if (found.dropped) this.dropped(found.dropped, tally);
    else if (found.consumed) tally.convert('metrics');
    for (const point of found.points) await this.sink.add({ json: toSeriesJson(point), itemId });
    return found.consumed;
  }

  flush(): Promise<Report[]> {
    return this.sink.flush();
  }

  /** Sends the telemetry for `summary`; the report to add to the invocation's (none when telemetry is off). */
  async sendTelemetry(summary: InvocationSummary): Promise<Report[]> {
    if (!this.deps.config.metrics.telemetry) return [];
    const sink = new IntakeSink(metricsEndpoint(this.deps.config, this.deps.apiKey, 'telemetry'), this.runtime);
    const context = {
      identity: this.identity,
      eventType: this.eventType,
      timestampSeconds: toEpochSeconds(this.deps.clock.now()),
    };
    for (const point of telemetryPoints(summary, context)) await sink.add({ json: toSeriesJson(point) });
    const report = await sink.flush();
    if (report.failed === 0) return [report];
    this.deps.logger.warn('The forwarder could not send its telemetry.', { reason: report.lastError });
    const dropped = { ...report.dropped, telemetry_undeliverable: report.failed };
    return [{ ...report, failed: 0, dropped, failedItemIds: [] }];
  }

  private dropped(drop: NonNullable<MetricFinding['dropped']>, tally: Tally): void {
    tally.drop(drop.reason);
    // One warning per reason and invocation: a function writing bad metric lines would otherwise flood the log.
    // Lines dropped because DD_FORWARD_METRICS says so are the operator's choice, not a problem to warn about.
    const level = this.warned.has(drop.reason) || drop.reason === 'forward_metrics_disabled' ? 'debug' : 'warn';
    this.warned.add(drop.reason);
    this.deps.logger[level]('Dropped a metric line.', { ...drop });
  }
}
