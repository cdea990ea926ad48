// The attributes shared by every log of one origin: ddsource, service, host, ddtags and the nested `aws.*` and
// `lambda.*` attributes, exactly as the Datadog Forwarder v5 builds them (datadog-serverless-functions
// aws/logs_monitoring/steps/common.py, steps/enrichment.py and steps/handlers/, 5.4.11), computed
// once per origin rather than once per log.
import type { LogsConfig } from '../config/index.js';
import type { ForwarderIdentity } from '../parse/forwarder-identity.js';
import { lambdaFunctionName, lambdaTagsFromArn } from '../parse/lambda-function.js';
import { detectCloudWatchV5, type DetectCloudWatch } from '../parse/cloudwatch-detection.js';
import type { RuleSet } from '../routing/rules.js';
import type { Origin, SourceOrigin } from '../types.js';
import { routedOrigin } from './routed-origin.js';
import { firstServiceTag, hasTag, sortedUnique } from './tags.js';
import { triggerOrigin } from './trigger-origin.js';

/** Resource tags already looked up for this origin (enrich/resource-tags.ts); empty when not fetched. */
export interface ResourceTags {
  readonly logGroup?: readonly string[];
  readonly lambda?: readonly string[];
  /** Tags of the state machine writing a Step Functions log group; they follow the log group's
   * (datadog-serverless-functions aws/logs_monitoring/step_functions_cache.py, 3.99.0). */
  readonly stateMachine?: readonly string[];
  /** An S3 bucket's tags; they come before every other tag, so a bucket `service:` wins (datadog-serverless-functions
   * aws/logs_monitoring/steps/enrichment.py, 5.4.11). */
  readonly s3Bucket?: readonly string[];
}

export interface OriginSettings {
  readonly logs: LogsConfig;
  readonly identity: ForwarderIdentity;
  /** Source and host detection for CloudWatch log groups; v5 rules unless FORWARDER_DETECT_SOURCES is on. */
  readonly detectCloudWatchSource?: DetectCloudWatch;
  /** The routing rules in force for this invocation (src/routing/); none without FORWARDER_ROUTING_RULES. */
  readonly rules?: RuleSet;
}

/** The tags and `aws` attributes every log carries (`generate_metadata` in the Datadog Forwarder). */
function forwarderMetadata(settings: OriginSettings): { tags: string[]; aws: Record<string, unknown> } {
  const { identity, logs } = settings;
  const tags = [...logs.tags, `forwardername:${identity.name}`, `forwarder_version:${identity.version}`];
  if (logs.sourceOverride !== undefined) tags.push('source_overridden:true');
  const aws: Record<string, unknown> = { invoked_function_arn: identity.arn };
  if (identity.functionVersion !== '$LATEST') aws.function_version = identity.functionVersion;
  return { tags, aws };
}

/** `firstMessage`: the message of the first log of the payload, which some source detection rules read. */
export function describeOrigin(
  source: SourceOrigin,
  settings: OriginSettings,
  resourceTags: ResourceTags = {},
  firstMessage?: string,
): Origin {
  const origin = source.awslogs
    ? awsLogsOrigin(source, source.awslogs, settings, resourceTags, firstMessage)
    : triggerOrigin(source, settings, forwarderMetadata(settings), resourceTags.s3Bucket ?? []);
  // The resource whose logs these are comes first: its `dd_source` / `dd_host` tags win.
  const { logGroup, lambda, stateMachine, s3Bucket } = resourceTags;
  const tagged = [
    ['logGroup', logGroup],
    ['stateMachine', stateMachine],
    ['lambda', lambda],
    ['s3Bucket', s3Bucket],
  ] as const;
  return routedOrigin(origin, settings.rules, settings.identity, tagged);
}

function awsLogsOrigin(
  source: SourceOrigin,
  awslogs: NonNullable<SourceOrigin['awslogs']>,
  settings: OriginSettings,
  resourceTags: ResourceTags,
  firstMessage: string | undefined,
): Origin {
  const { logs, identity } = settings;
  const metadata = forwarderMetadata(settings);
  const detect = settings.detectCloudWatchSource ?? detectCloudWatchV5;
  // DD_SOURCE skips detection altogether, host rules included (datadog-serverless-functions
  // aws/logs_monitoring/steps/common.py and steps/enums.py, 5.4.11).
  const detected = logs.sourceOverride === undefined ? detect(awslogs, firstMessage) : undefined;
  const ddsource = logs.sourceOverride ?? detected?.ddsource ?? 'cloudwatch';
  const aws = { ...metadata.aws, awslogs: { ...awslogs } };
  const found = firstServiceTag([
    ...metadata.tags,
    ...(resourceTags.logGroup ?? []),
    ...(resourceTags.stateMachine ?? []),
  ]);
  const base: Origin = {
    source,
    ddsource,
    service: found.service ?? detected?.serviceSource ?? ddsource,
    host: detected?.host ?? awslogs.logGroup,
    tags: [...found.tags, ...(detected?.tags ?? [])],
    attributes: { aws },
    hostOf: detected?.hostOf,
  };
  // A DD_SOURCE override makes Lambda logs ordinary logs, as in the Datadog Forwarder v5 (datadog-serverless-functions
  // aws/logs_monitoring/steps/common.py and steps/enums.py, 5.4.11).
  if (ddsource !== 'lambda' || logs.sourceOverride !== undefined) return base;
  const name = lambdaFunctionName(awslogs.logGroup, awslogs.logStream);
  if (name === undefined) return base;
  // Deliberate fix (docs/compatibility.md): the function lives in the account that owns the log group, which
  // is the payload's `owner`, not necessarily the forwarder's account.
  const account = /^\d{12}$/.test(awslogs.owner) ? awslogs.owner : identity.account;
  const arn = `arn:${identity.partition}:lambda:${identity.region}:${account}:function:${name}`;
  return lambdaOrigin(base, arn, name, resourceTags.lambda ?? []);
}

/** `add_metadata_to_lambda_log`: host, function tags, service and env for a Lambda function's logs. */
function lambdaOrigin(base: Origin, arn: string, functionName: string, lambdaTags: readonly string[]): Origin {
  let tags = [...base.tags];
  if (!hasTag(tags, 'env')) tags.push('env:none');
  let custom = [...lambdaTagsFromArn(arn), ...lambdaTags];
  let service = base.service;
  if (!service || service === base.ddsource) {
    const tagged = custom.find((t) => t.startsWith('service:'));
    service = tagged ? tagged.slice('service:'.length) : functionName;
    if (!tagged) custom.push(`service:${functionName}`);
  } else {
    custom = custom.filter((t) => !t.startsWith('service:'));
  }
  if (hasTag(custom, 'env')) tags = tags.filter((t) => t !== 'env:none');
  tags.push(...sortedUnique(custom));
  const attributes = { ...base.attributes, lambda: { arn } };
  return { ...base, service, host: arn, tags, lambdaArn: arn, lambdaTags, attributes };
}
