// A Resource Groups Tagging API stand-in for the loopback AWS JSON server: GetResources answers from a table of
// resources, in pages of `pageSize` linked by PaginationToken, as the real API does.
// https://docs.aws.amazon.com/resourcegroupstagging/latest/APIReference/API_GetResources.html
import type { AwsHandler } from './aws-json-server.js';

export interface TaggedResource {
  readonly arn: string;
  readonly tags: Record<string, string>;
}

export function getResourcesHandler(resources: () => readonly TaggedResource[], pageSize = 2): AwsHandler {
  return (input) => {
    const types = (input.ResourceTypeFilters as string[] | undefined) ?? [];
    const matching = resources().filter((r) => types.length === 0 || types.some((t) => resourceType(r.arn) === t));
    const start = Number(input.PaginationToken ?? 0);
    const page = matching.slice(start, start + pageSize);
    const next = start + pageSize < matching.length ? String(start + pageSize) : '';
    return {
      PaginationToken: next,
      ResourceTagMappingList: page.map((r) => ({
        ResourceARN: r.arn,
        Tags: Object.entries(r.tags).map(([Key, Value]) => ({ Key, Value })),
      })),
    };
  };
}

/** `lambda`, `s3:bucket`, `states`: the ResourceTypeFilters value an ARN matches. */
function resourceType(arn: string): string {
  const [, , service = '', , , resource = ''] = arn.split(':');
  if (service === 's3') return 's3:bucket';
  return service === 'lambda' || service === 'states' ? service : `${service}:${resource}`;
}
