// Enhanced Lambda metrics (`aws.lambda.enhanced.*`) from a Lambda function's platform lines, with the Datadog
// Forwarder's names, units and tags (datadog-serverless-functions aws/logs_monitoring/enhanced_lambda_metrics.py,
// 5.4.11): durations in seconds, memory in MB, cost in US dollars,
// timeouts and out_of_memory as 1. Tags: `memorysize` and `cold_start` from a report, then `region`, `aws_account`
// and `functionname` from the function's ARN, then the function's resource tags when they were fetched.
// Deliberate differences (docs/compatibility.md): timestamps in seconds, arm64 pricing, no `account_id` tag.
import { lambdaTagsFromArn } from '../../parse/lambda-function.js';
import { estimatedCostUsd, type Architecture } from './estimated-cost.js';
import type { LambdaReport, PlatformEvent } from './lambda-report.js';
import type { MetricPoint } from './metric-point.js';

const ENHANCED_PREFIX = 'aws.lambda.enhanced.';

interface EnhancedSource {
  readonly timestampSeconds: number;
  readonly lambdaArn: string;
  /** The function's resource tags (`key:value`), when they were fetched. */
  readonly lambdaTags: readonly string[];
  readonly architecture: Architecture;
}

/** The metrics one platform event (parse it with `parsePlatformEvent`) gives for the function that logged it. */
export function enhancedMetrics(event: PlatformEvent, source: EnhancedSource): MetricPoint[] {
  const functionTags = [...lambdaTagsFromArn(source.lambdaArn), ...source.lambdaTags];
  if (event.kind === 'timeout') return [point(source, 'timeouts', 1, functionTags)];
  if (event.kind === 'out_of_memory') return [point(source, 'out_of_memory', 1, functionTags)];
  return reportMetrics(event, source, functionTags);
}

function reportMetrics(report: LambdaReport, source: EnhancedSource, functionTags: readonly string[]): MetricPoint[] {
  const tags: string[] = [];
  if (report.memorySizeMb !== undefined) tags.push(`memorysize:${report.memorySizeMb}`);
  tags.push(`cold_start:${report.initDurationMs !== undefined}`, ...functionTags);
  const values: [string, number | undefined][] = [
    ['duration', seconds(report.durationMs)],
    ['billed_duration', seconds(report.billedDurationMs)],
    ['max_memory_used', report.maxMemoryUsedMb],
    ['init_duration', seconds(report.initDurationMs)],
    ['estimated_cost', cost(report, source.architecture)],
    ['timeouts', report.timedOut ? 1 : undefined],
    ['out_of_memory', report.outOfMemory ? 1 : undefined],
  ];
  return values.flatMap(([name, value]) => (value === undefined ? [] : [point(source, name, value, tags)]));
}

/** Cost needs the billed duration, which Lambda Managed Instances' reports do not have. */
function cost(report: LambdaReport, architecture: Architecture): number | undefined {
  const { billedDurationMs, memorySizeMb } = report;
  if (billedDurationMs === undefined || memorySizeMb === undefined) return undefined;
  return estimatedCostUsd(billedDurationMs, memorySizeMb, architecture);
}

/** Milliseconds to seconds, multiplying by 0.001 as the Datadog Forwarder does (so values are equal to the bit). */
function seconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : ms * 0.001;
}

function point(source: EnhancedSource, name: string, value: number, tags: readonly string[]): MetricPoint {
  return { metric: ENHANCED_PREFIX + name, value, timestampSeconds: source.timestampSeconds, tags };
}
