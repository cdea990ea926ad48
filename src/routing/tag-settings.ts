// Routing by resource tags (docs/routing.md): tags on the log group, the Lambda function, the state machine or the
// S3 bucket, read from the tag caches the forwarder already keeps (src/cache/), set the logs' ddsource (`dd_source`)
// and host (`dd_host`). A `service` tag keeps the meaning the Datadog Forwarder gives it (src/enrich/origin.ts):
// it is not read here. Tags arrive in Datadog's form (src/enrich/aws-tags.ts): lowercased, `key:value`.
import type { RouteSettings, SettingSource } from './rules.js';

/** The tag keys read, and the setting each gives. */
const ROUTING_TAG_KEYS = { dd_source: 'ddsource', dd_host: 'host' } as const;

interface TaggedSettings {
  readonly settings: RouteSettings;
  readonly setBy: Readonly<Partial<Record<keyof RouteSettings, SettingSource>>>;
}

/**
 * The settings the resources' tags give, the first resource listed winning (the caller lists the most specific
 * first); undefined when no routing tag is present, the common case, checked without allocating.
 */
export function settingsFromTags(
  resources: readonly (readonly [resource: string, tags: readonly string[] | undefined])[],
): TaggedSettings | undefined {
  let settings: Record<string, string> | undefined;
  let setBy: Record<string, SettingSource> | undefined;
  for (const [resource, tags] of resources) {
    for (const tag of tags ?? []) {
      if (!tag.startsWith('dd_')) continue;
      const colon = tag.indexOf(':');
      const key = tag.slice(0, colon) as keyof typeof ROUTING_TAG_KEYS;
      const setting = colon > 0 ? ROUTING_TAG_KEYS[key] : undefined;
      const value = tag.slice(colon + 1);
      if (setting === undefined || value === '' || settings?.[setting] !== undefined) continue;
      (settings ??= {})[setting] = value;
      (setBy ??= {})[setting] = { by: 'tag', resource, tag };
    }
  }
  return settings && setBy ? { settings, setBy } : undefined;
}
