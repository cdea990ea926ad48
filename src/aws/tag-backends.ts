// The tag caches' AWS backends, loaded by deps.ts when a DD_FETCH_*_TAGS setting is on. Lambda tags (the
// template's default) are fetched with signed JSON calls (json-api.ts), without loading the AWS SDK, where the
// environment gives credentials and endpoints (in Lambda it does); elsewhere through the SDK's tagging client
// (tagging-client.ts). The CloudWatch Logs client is loaded on the first log group looked up, and the S3 client
// with builders.ts only when DD_S3_BUCKET_NAME shares the caches. Each SDK client loaded costs the cold start
// tens of milliseconds of compilation.
import type { SharedStore } from '../cache/shared-store.js';
import type { TagSource } from '../cache/tag-source.js';
import type { InvocationDeadline } from '../deadline.js';
import { awsEnvironment, type AwsService } from './aws-environment.js';
import { awsConfig, boundedBy, lazily, type AwsClientSettings } from './client-config.js';
import { AwsJsonApi } from './json-api.js';
import { AwsTagSource, jsonResourcePages, type GetResourcesPage, type ResourcePages } from './tag-source.js';

const TAGGING: AwsService = {
  envId: 'RESOURCE_GROUPS_TAGGING_API',
  endpointPrefix: 'tagging',
  signingName: 'tagging',
  targetPrefix: 'ResourceGroupsTaggingAPI_20170126',
};

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
  const source = new AwsTagSource(resourcePages(settings, deadline), async (arn) => (await logGroups())(arn));
  if (cacheBucket === undefined) return { source };
  const store = (await import('./builders.js')).awsCacheStore(settings, cacheBucket, deadline);
  return { source, store };
}

function resourcePages(settings: AwsClientSettings | undefined, deadline: InvocationDeadline): ResourcePages {
  const aws = awsConfig(settings, 3);
  const environment = awsEnvironment(settings);
  if (environment !== undefined) {
    const signal = () => deadline.signal('send');
    const tagging = new AwsJsonApi({ environment, service: TAGGING, maxAttempts: aws.maxAttempts, signal });
    if (tagging.reaches(environment.region)) return jsonResourcePages(tagging, environment.region);
  }
  const sdk = lazily(async () => {
    const { ResourceGroupsTaggingAPIClient, sdkResourcePages } = await import('./tagging-client.js');
    return sdkResourcePages(boundedBy(new ResourceGroupsTaggingAPIClient(aws), deadline, 'send'));
  });
  return async function* (type): AsyncIterable<GetResourcesPage> {
    yield* (await sdk())(type);
  };
}
