// The tag caches' AWS backends, loaded by deps.ts when a DD_FETCH_*_TAGS setting is on. Only the tagging client
// is loaded with this module (Lambda tags, the template's default); the CloudWatch Logs client is loaded on the
// first log group looked up, and the S3 client with builders.ts only when DD_S3_BUCKET_NAME shares the caches.
// Each SDK client loaded costs the cold start tens of milliseconds of compilation.
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { SharedStore } from '../cache/shared-store.js';
import type { TagSource } from '../cache/tag-source.js';
import type { InvocationDeadline } from '../deadline.js';
import { awsConfig, boundedBy, lazily, type AwsClientSettings } from './client-config.js';
import { AwsTagSource } from './tag-source.js';

/** The tagging API and CloudWatch Logs as a TagSource, and the shared cache object store when a bucket is set. */
export async function awsTagBackends(
  settings: AwsClientSettings | undefined,
  cacheBucket: string | undefined,
  deadline: InvocationDeadline,
): Promise<{ source: TagSource; store?: SharedStore }> {
  const aws = awsConfig(settings, 3);
  const logGroups = lazily(async () => {
    const { CloudWatchLogsClient, logGroupTagReader } = await import('./log-group-tags.js');
    return logGroupTagReader(boundedBy(new CloudWatchLogsClient(aws), deadline, 'send'));
  });
  const source = new AwsTagSource(boundedBy(new ResourceGroupsTaggingAPIClient(aws), deadline, 'send'), async (arn) =>
    (await logGroups())(arn),
  );
  if (cacheBucket === undefined) return { source };
  const store = (await import('./builders.js')).awsCacheStore(settings, cacheBucket, deadline);
  return { source, store };
}
