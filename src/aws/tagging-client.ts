// GetResources through the AWS SDK v3 tagging client and its paginator: what tag-backends.ts loads, in a bundle
// chunk of its own, when the environment leaves credentials or endpoints to the SDK (a profile, FIPS endpoints).
import { paginateGetResources, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import type { ResourcePages } from './tag-source.js';

export { ResourceGroupsTaggingAPIClient };

export function sdkResourcePages(client: ResourceGroupsTaggingAPIClient): ResourcePages {
  return (type) => paginateGetResources({ client }, { ResourceTypeFilters: [type], ResourcesPerPage: 100 });
}
