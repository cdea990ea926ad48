// Which metric points a log holds (datadog-serverless-functions aws/logs_monitoring/steps/splitting.py and
// enhanced_lambda_metrics.py, 5.4.11): a metric line `{"m","v","e","t"}` is a metric and not a
// log; a Lambda function's platform line (REPORT, timeout, out of memory) gives enhanced metrics and stays a log.
// As in the Datadog Forwarder, this runs before INCLUDE_AT_MATCH/EXCLUDE_AT_MATCH and regardless of DD_FORWARD_LOG.
import type { MetricsConfig } from '../../config/index.js';
import type { DropReason, LogRecord, MessageView } from '../../types.js';
import { parseMetricLine } from './custom-metric.js';
import { enhancedMetrics } from './enhanced-metrics.js';
import { parsePlatformEvent } from './lambda-report.js';
import type { Architecture } from './estimated-cost.js';
import type { MetricPoint } from './metric-point.js';
import { toEpochSeconds } from './metric-point.js';

export interface MetricFinding {
  readonly points: readonly MetricPoint[];
  /** The log was a metric line: it is not forwarded as a log. */
  readonly consumed: boolean;
  /** Why a metric line gave no metric, when it did not. */
  readonly dropped?: { readonly reason: DropReason; readonly detail: string };
}

/** The metrics in one log, or undefined (the common case, without allocating) when it holds none. */
export function findMetrics(record: LogRecord, config: MetricsConfig): MetricFinding | undefined {
  const message = record.view;
  if (message === undefined || message.text === '') return undefined;
  const line = parseMetricLine(message);
  if (line !== undefined) {
    if (line.kind === 'invalid') return { points: [], consumed: true, dropped: line };
    if (!config.forwardMetrics) {
      const detail = 'DD_FORWARD_METRICS is false';
      return { points: [], consumed: true, dropped: { reason: 'forward_metrics_disabled', detail } };
    }
    const tags = [...line.tags, ...functionArnTag(record), ...recordTags(record)];
    const point = { metric: line.name, value: line.value, timestampSeconds: Math.floor(line.epochSeconds), tags };
    return { points: [point], consumed: true };
  }
  return config.enhancedMetrics ? lambdaPlatformMetrics(record, message, config) : undefined;
}

function lambdaPlatformMetrics(
  record: LogRecord,
  message: MessageView,
  config: MetricsConfig,
): MetricFinding | undefined {
  const { lambdaArn, lambdaTags } = record.origin;
  const { timestampMs } = record.raw;
  if (lambdaArn === undefined || timestampMs === undefined) return undefined;
  // Most Lambda logs are no platform event: this test is all they cost.
  const event = parsePlatformEvent(message);
  if (event === undefined) return undefined;
  const points = enhancedMetrics(event, {
    timestampSeconds: toEpochSeconds(timestampMs),
    lambdaArn,
    lambdaTags: lambdaTags ?? [],
    architecture: architectureOf(lambdaArn, config),
  });
  return { points, consumed: false };
}

/** arm64 when FORWARDER_ARM64_FUNCTIONS names the function; the Lambda default, x86_64, otherwise. */
export function architectureOf(lambdaArn: string, config: MetricsConfig): Architecture {
  const name = lambdaArn.split(':')[6] ?? '';
  return config.arm64Functions?.test(name) ? 'arm64' : 'x86_64';
}

function functionArnTag(record: LogRecord): string[] {
  const arn = record.origin.lambdaArn;
  return arn === undefined ? [] : [`function_arn:${arn.toLowerCase()}`];
}

/**
 * The log's own ddtags (its message's `ddtags` included), as the Datadog Forwarder appends them, without the
 * empty ones a DD_TAGS written with `,,` or a trailing comma gives (docs/compatibility.md, M12).
 */
function recordTags(record: LogRecord): readonly string[] {
  const override = record.overrides?.ddtags;
  return (override === undefined ? record.origin.tags : override.split(',')).filter((t) => t !== '');
}
