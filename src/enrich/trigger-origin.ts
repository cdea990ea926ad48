// The shared attributes of logs that did not come from CloudWatch Logs, as the Datadog Forwarder v5 builds them
// (datadog-serverless-functions aws/logs_monitoring/steps/parsing.py and steps/handlers/, 5.4.11):
//   S3           ddsource from the key (s3-source-rules.ts), service = first `service:` tag or ddsource, no host
//                (v3 hosts with FORWARDER_DETECT_SOURCES), `aws.s3 = {bucket, key}`
//   SNS          ddsource `sns` even when DD_SOURCE is set, no service attribute
//   EventBridge  ddsource = second part of the event's `source` (`aws.guardduty` → `guardduty`), else `cloudwatch`
//   SQS, Kinesis ddsource `sqs` / `kinesis` (messages that are logs themselves; v5 drops or rejects these)
//   custom       ddsource `aws`, as v5's fallback
// DD_SOURCE replaces every ddsource but SNS's, and adds `source_overridden:true` (origin.ts, forwarderMetadata,
// whose result the caller passes in).
import type { LogsConfig } from '../config/index.js';
import type { ForwarderIdentity } from '../parse/forwarder-identity.js';
import { s3SourceV3, s3SourceV5 } from '../parse/s3-source-rules.js';
import type { Origin, SourceOrigin } from '../types.js';
import { firstServiceTag } from './tags.js';

interface TriggerSettings {
  readonly logs: Pick<LogsConfig, 'sourceOverride' | 'detectSources'>;
  readonly identity: ForwarderIdentity;
}

/** The tags and `aws` attributes every log carries. */
interface Metadata {
  readonly tags: string[];
  readonly aws: Record<string, unknown>;
}

/** `bucketTags`: the S3 bucket's own tags (DD_FETCH_S3_TAGS), put first so that a bucket `service:` wins. */
export function triggerOrigin(
  source: SourceOrigin,
  settings: TriggerSettings,
  { tags, aws }: Metadata,
  bucketTags: readonly string[] = [],
): Origin {
  const override = settings.logs.sourceOverride;
  if (source.s3) {
    const { bucket, key } = source.s3;
    const detected = settings.logs.detectSources ? s3SourceV3(bucket, key, settings.identity) : s3SourceV5(key);
    const ddsource = override ?? detected.source;
    const found = firstServiceTag([...bucketTags, ...tags]);
    return {
      source,
      ddsource,
      service: found.service ?? ddsource,
      host: detected.host,
      tags: found.tags,
      attributes: { aws: { ...aws, s3: { bucket, key } } },
    };
  }
  if (source.eventType === 'sns') return { source, ddsource: 'sns', service: '', tags, attributes: { aws } };
  const ddsource = override ?? defaultSource(source);
  const found = firstServiceTag(tags);
  return { source, ddsource, service: found.service ?? ddsource, tags: found.tags, attributes: { aws } };
}

function defaultSource(source: SourceOrigin): string {
  switch (source.eventType) {
    case 'events': {
      const parts = (source.eventSource ?? 'cloudwatch').split('.');
      return parts.length > 1 ? parts[1]! : 'cloudwatch';
    }
    case 'sqs':
      return 'sqs';
    case 'kinesis':
      return 'kinesis';
    default:
      return 'aws';
  }
}
