// The metrics branch of routing: a log that holds metrics (a Lambda `REPORT` line, a custom metric line) has its
// points sent to the metrics intake; a metric line is not forwarded as a log, a `REPORT` line is (both as in
// datadog-serverless-functions aws/logs_monitoring/steps/splitting.py and enhanced_lambda_metrics.py, 5.4.11).
// A metric line that cannot be used is dropped with a counted reason and one warning per reason and invocation.
import type { MetricsConfig } from '../config/index.js';
import type { Logger } from '../log.js';
import { findMetrics, type MetricFinding } from '../signals/metrics/find-metrics.js';
import { toSeriesJson, type MetricItem } from '../signals/metrics/metric-point.js';
import type { Tally } from '../tally.js';
import type { LogRecord } from '../types.js';

/** Where metric points go: the metrics intake and its additional destinations (failed-events/delivery.ts). */
export interface MetricSink {
  add(item: MetricItem): Promise<void> | undefined;
}

export class MetricRouter {
  private readonly warned = new Set<string>();

  constructor(
    private readonly config: MetricsConfig,
    private readonly sink: MetricSink,
    private readonly logger: Logger,
  ) {}

  /**
   * Sends the metrics the log holds; true when it was a metric line and so is not to be forwarded as a log.
   * False, without a promise, for a log that holds none (nearly all of them).
   */
  route(record: LogRecord, tally: Tally, itemId?: string): false | Promise<boolean> {
    const found = findMetrics(record, this.config);
    if (found === undefined) return false;
    if (found.dropped) this.dropped(found.dropped, tally);
    else if (found.consumed) tally.convert('metrics');
    return this.send(found, itemId);
  }

  private async send(found: MetricFinding, itemId: string | undefined): Promise<boolean> {
    for (const point of found.points) await this.sink.add({ json: toSeriesJson(point), itemId });
    return found.consumed;
  }

  private dropped(drop: NonNullable<MetricFinding['dropped']>, tally: Tally): void {
    tally.drop(drop.reason);
    // One warning per reason and invocation: a function writing bad metric lines would otherwise flood the log.
    // Lines dropped because DD_FORWARD_METRICS says so are the operator's choice, not a problem to warn about.
    const level = this.warned.has(drop.reason) || drop.reason === 'forward_metrics_disabled' ? 'debug' : 'warn';
    this.warned.add(drop.reason);
    this.logger[level]('Dropped a metric line.', { ...drop });
  }
}
