// The TagSource port: where the tag caches get tags from (the AWS APIs in production, src/aws/tag-source.ts).
// Tags are already in Datadog's form (src/enrich/aws-tags.ts); an index is keyed by tagCacheKey(ARN).

/** Tags of every resource of one type in the account and region, by lowercased ARN. */
export type TagIndex = ReadonlyMap<string, readonly string[]>;

/** Resource Groups Tagging API resource types the forwarder reads. */
export type TaggedResourceType = 'lambda' | 's3:bucket' | 'states';

export interface TagSource {
  /** Every resource of a type with its tags (all pages). */
  resourceTags(type: TaggedResourceType): Promise<TagIndex>;
  /** One log group's tags, by log group ARN; an unknown log group has none. */
  logGroupTags(logGroupArn: string): Promise<readonly string[]>;
}
