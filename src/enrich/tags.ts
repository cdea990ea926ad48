// Small helpers over ddtags lists (`key:value` strings), with the Datadog Forwarder's semantics.

/** The value of the first `service:` tag, and the list without any later `service:` duplicates
 * (datadog-serverless-functions aws/logs_monitoring/steps/common.py `get_service_from_tags_and_remove_duplicates`,
 * 5.4.11). */
export function firstServiceTag(tags: readonly string[]): { service?: string; tags: string[] } {
  let service: string | undefined;
  const kept: string[] = [];
  for (const tag of tags) {
    if (tag.startsWith('service:')) {
      if (service !== undefined) continue;
      service = tag.slice('service:'.length);
    }
    kept.push(tag);
  }
  return { service, tags: kept };
}

export function hasTag(tags: readonly string[], key: string): boolean {
  const prefix = `${key}:`;
  return tags.some((t) => t.startsWith(prefix));
}

/** Sorted and without duplicates, as the Datadog Forwarder appends resource tags. */
export function sortedUnique(tags: readonly string[]): string[] {
  return [...new Set(tags)].sort();
}
