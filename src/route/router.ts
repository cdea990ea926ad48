// The route stage: the one place that decides whether a log is a metric line, a trace payload or a log, in the
// Datadog Forwarder's order (datadog-serverless-functions aws/logs_monitoring/steps/splitting.py, 5.4.11): metrics
// first, then traces, and what is neither is a log. Metrics and traces are sent to the sinks the router is given;
// a log is returned for the transform stage. The routers get what they need (their settings, their sinks, the
// logger), not the dependency container.
import type { Config } from '../config/index.js';
import type { Logger } from '../log.js';
import type { Tally } from '../tally.js';
import type { LogRecord } from '../types.js';
import { MetricRouter, type MetricSink } from './metric-router.js';
import { TraceRouter, type TraceSink } from './trace-router.js';

type Routed = LogRecord | undefined | Promise<LogRecord | undefined>;

interface RouteSinks {
  readonly metrics: MetricSink;
  readonly traces: TraceSink;
}

export class Router {
  private readonly metrics: MetricRouter;
  private readonly traces: TraceRouter;

  constructor(config: Pick<Config, 'metrics' | 'traces'>, sinks: RouteSinks, logger: Logger) {
    this.metrics = new MetricRouter(config.metrics, sinks.metrics, logger);
    this.traces = new TraceRouter(config.traces, sinks.traces, logger);
  }

  /**
   * The record when it is to be forwarded as a log; undefined when it was a metric line or a trace payload.
   * Without a promise for a log that is neither (nearly all of them): a promise per log shows in the profile.
   */
  route(record: LogRecord, tally: Tally, itemId?: string): Routed {
    const metrics = this.metrics.route(record, tally, itemId);
    if (metrics === false) return this.traced(record, tally, itemId);
    return metrics.then((sent) => (sent ? undefined : this.traced(record, tally, itemId)));
  }

  private traced(record: LogRecord, tally: Tally, itemId: string | undefined): Routed {
    const traces = this.traces.route(record, tally, itemId);
    if (traces === false) return record;
    return traces.then((sent) => (sent ? undefined : record));
  }
}
