// The TagSource port over the real AWS SDK v3 clients (built by deps.ts):
// - Resource Groups Tagging API GetResources, every page (100 resources a page, as the Datadog Forwarder asks)
//   https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
// - CloudWatch Logs ListTagsForResource by log group ARN (Datadog Forwarder v5)
//   https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_ListTagsForResource.html
import { ListTagsForResourceCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { paginateGetResources, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { TaggedResourceType, TagIndex, TagSource } from '../cache/tag-source.js';
import { awsTagsToDatadog, tagCacheKey } from '../enrich/aws-tags.js';

export class AwsTagSource implements TagSource {
  constructor(
    private readonly tagging: ResourceGroupsTaggingAPIClient,
    private readonly logs: CloudWatchLogsClient,
  ) {}

  async resourceTags(type: TaggedResourceType): Promise<TagIndex> {
    const index = new Map<string, string[]>();
    const pages = paginateGetResources(
      { client: this.tagging },
      { ResourceTypeFilters: [type], ResourcesPerPage: 100 },
    );
    // A failure on any page rejects the whole refresh: a partial index would be cached as if it were complete.
    for await (const page of pages) {
      for (const mapping of page.ResourceTagMappingList ?? []) {
        if (mapping.ResourceARN === undefined) continue;
        const key = tagCacheKey(mapping.ResourceARN);
        const tags = awsTagsToDatadog(mapping.Tags);
        index.set(key, [...new Set([...(index.get(key) ?? []), ...tags])]);
      }
    }
    return index;
  }

  async logGroupTags(logGroupArn: string): Promise<readonly string[]> {
    try {
      const output = await this.logs.send(new ListTagsForResourceCommand({ resourceArn: logGroupArn }));
      const tags = Object.entries(output.tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
      return awsTagsToDatadog(tags, { truncate: false });
    } catch (error) {
      // A log group that no longer exists (or is in another account) has no tags: that is an answer.
      if ((error as Error).name === 'ResourceNotFoundException') return [];
      throw error;
    }
  }
}
