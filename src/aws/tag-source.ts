// The TagSource port over AWS (put together by tag-backends.ts):
// - Resource Groups Tagging API GetResources, every page (100 resources a page, as the Datadog Forwarder asks),
//   either as signed JSON calls (`jsonResourcePages`, no AWS SDK code loaded) or through the SDK's paginator
//   (tagging-client.ts, where the environment leaves credentials or endpoints to the SDK)
//   https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
// - CloudWatch Logs ListTagsForResource by log group ARN (Datadog Forwarder v5), in log-group-tags.ts: a
//   deployment that fetches only Lambda tags (the template's default) never loads the CloudWatch Logs client.
import type { TaggedResourceType, TagIndex, TagSource } from '../cache/tag-source.js';
import { awsTagsToDatadog, tagCacheKey } from '../enrich/aws-tags.js';
import type { AwsJsonApi } from './json-api.js';

/** One log group's tags by its ARN (log-group-tags.ts). */
export type LogGroupTagReader = (logGroupArn: string) => Promise<readonly string[]>;

/** A page of GetResources' answer, as the API returns it (and the SDK's paginator yields it). */
export interface GetResourcesPage {
  readonly PaginationToken?: string;
  readonly ResourceTagMappingList?: readonly {
    readonly ResourceARN?: string;
    readonly Tags?: readonly { readonly Key?: string; readonly Value?: string }[];
  }[];
}

/** Every page of GetResources for one resource type. */
export type ResourcePages = (type: TaggedResourceType) => AsyncIterable<GetResourcesPage>;

/** GetResources as signed JSON calls in `region`, page after page until the answer has no PaginationToken. */
export function jsonResourcePages(tagging: AwsJsonApi, region: string): ResourcePages {
  return async function* (type) {
    let token: string | undefined;
    do {
      const input = {
        ResourceTypeFilters: [type],
        ResourcesPerPage: 100,
        ...(token ? { PaginationToken: token } : {}),
      };
      const page = await tagging.call<GetResourcesPage>('GetResources', input, region);
      yield page;
      token = page.PaginationToken;
    } while (token);
  };
}

export class AwsTagSource implements TagSource {
  constructor(
    private readonly pages: ResourcePages,
    private readonly logGroups: LogGroupTagReader,
  ) {}

  async resourceTags(type: TaggedResourceType): Promise<TagIndex> {
    const index = new Map<string, string[]>();
    // A failure on any page rejects the whole refresh: a partial index would be cached as if it were complete.
    for await (const page of this.pages(type)) {
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
