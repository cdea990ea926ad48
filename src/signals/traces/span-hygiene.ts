// What users ask of their spans before they leave (seed documentation: "DD_SERVICE_MAPPING", "Filter or scrub
// sensitive information from traces"), applied after the Datadog Forwarder's own processing:
// - DD_SERVICE_MAPPING renames services. An inferred span (API Gateway, SQS, SNS, S3, EventBridge, Kinesis,
//   DynamoDB, function URL; marked `_inferred_span.tag_source: self`) is looked up by its whole service name,
//   then its specific name (API id, queue, topic, bucket, event source, stream, table), then its integration
//   (`lambda_sqs`, ...), as Datadog's Lambda libraries do; any other span by its whole service name.
// - DD_APM_REPLACE_TAGS rewrites tag values as the Datadog Agent's replace_tags does
//   (https://docs.datadoghq.com/tracing/configure_data_security/#replace-rules-for-tag-filtering): `*` is every
//   meta value but `_dd.*` ones, and the resource; `resource.name` the resource; any other name that meta key.
// - DD_APM_IGNORE_RESOURCES drops a trace whose root span's resource matches
//   (https://docs.datadoghq.com/tracing/guide/ignoring_apm_resources/).
import type { ReplaceTagRule, TracesConfig } from '../../config/traces.js';
import type { Span, TracePayload } from './span.js';
import { traceRoot } from './sublayers.js';

const INTEGRATION_BY_OPERATION: Readonly<Record<string, string>> = {
  'aws.apigateway': 'lambda_api_gateway',
  'aws.apigateway.rest': 'lambda_api_gateway',
  'aws.apigateway.http': 'lambda_api_gateway',
  'aws.apigateway.websocket': 'lambda_api_gateway',
  'aws.httpapi': 'lambda_api_gateway',
  'aws.lambda.url': 'lambda_url',
  'aws.sqs': 'lambda_sqs',
  'aws.sns': 'lambda_sns',
  'aws.s3': 'lambda_s3',
  'aws.eventbridge': 'lambda_eventbridge',
  'aws.kinesis': 'lambda_kinesis',
  'aws.dynamodb': 'lambda_dynamodb',
};

const SPECIFIC_NAME_KEYS = ['apiid', 'queuename', 'topicname', 'bucketname', 'streamname', 'tablename'];
const HOST_ID = /^([^.]+)\.(?:execute-api|lambda-url)\./;

/** Applies the user's span rules; returns how many traces were dropped for an ignored resource. */
export function applySpanHygiene(payloads: TracePayload[], config: TracesConfig): number {
  const mapping = new Map(Object.entries(config.serviceMapping));
  let ignored = 0;
  for (const payload of payloads) {
    const before = payload.traces.length;
    payload.traces = payload.traces.filter((t) => !isIgnored(t.spans, config.ignoreResources));
    ignored += before - payload.traces.length;
    for (const trace of payload.traces) {
      for (const span of trace.spans) {
        if (mapping.size > 0) mapService(span, mapping);
        if (config.replaceTags.length > 0) replaceTags(span, config.replaceTags);
      }
    }
  }
  return ignored;
}

function isIgnored(spans: readonly Span[], patterns: readonly RegExp[]): boolean {
  if (patterns.length === 0) return false;
  const root = traceRoot(spans);
  return root !== undefined && patterns.some((p) => p.test(root.resource));
}

function mapService(span: Span, mapping: ReadonlyMap<string, string>): void {
  const operation = span.meta.operation_name ?? span.name;
  const inferred = span.meta['_inferred_span.tag_source'] === 'self';
  const keys = [span.service];
  if (inferred) {
    for (const key of SPECIFIC_NAME_KEYS) if (span.meta[key] !== undefined) keys.push(span.meta[key]);
    const hostId = HOST_ID.exec(span.service)?.[1];
    if (hostId !== undefined) keys.push(hostId);
    if (operation === 'aws.eventbridge') keys.push(span.resource);
    const integration = INTEGRATION_BY_OPERATION[operation] ?? INTEGRATION_BY_OPERATION[span.name];
    if (integration !== undefined) keys.push(integration);
  }
  const renamed = keys.map((k) => mapping.get(k)).find((v) => v !== undefined);
  if (renamed === undefined) return;
  span.service = renamed;
  if (span.meta.service !== undefined) span.meta.service = renamed;
}

function replaceTags(span: Span, rules: readonly ReplaceTagRule[]): void {
  for (const { name, pattern, repl } of rules) {
    if (name === '*') {
      for (const key of Object.keys(span.meta)) {
        if (!key.startsWith('_dd.')) span.meta[key] = span.meta[key]!.replace(pattern, repl);
      }
      span.resource = span.resource.replace(pattern, repl);
    } else if (name === 'resource.name') {
      span.resource = span.resource.replace(pattern, repl);
    } else if (span.meta[name] !== undefined) {
      span.meta[name] = span.meta[name].replace(pattern, repl);
    }
  }
}
