// The TagSource port over the real AWS SDK v3 clients (built by tag-backends.ts):
// - Resource Groups Tagging API GetResources, every page (100 resources a page, as the Datadog Forwarder asks)
//   https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
// - CloudWatch Logs ListTagsForResource by log group ARN (Datadog Forwarder v5), in log-group-tags.ts: a
//   deployment that fetches only Lambda tags (the template's default) never loads the CloudWatch Logs client.
import { paginateGetResources, type ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { TaggedResourceType, TagIndex, TagSource } from '../cache/tag-source.js';
import { awsTagsToDatadog, tagCacheKey } from '../enrich/aws-tags.js';

/** One log group's tags by its ARN (log-group-tags.ts). */
export type LogGroupTagReader = (logGroupArn: string) => Promise<readonly string[]>;

export class AwsTagSource implements TagSource {
  constructor(
    private readonly tagging: ResourceGroupsTaggingAPIClient,
    private readonly logGroups: LogGroupTagReader,
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

  logGroupTags(logGroupArn: string): Promise<readonly string[]> {
    return this.logGroups(logGroupArn);
  }
}
