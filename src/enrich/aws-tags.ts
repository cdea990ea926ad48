// AWS resource tags in Datadog's tag form, as the Datadog Forwarder writes them (`sanitize_aws_tag_string`,
// datadog-serverless-functions aws/logs_monitoring/caching/common.py `sanitize_aws_tag_string`, 5.4.11): lowercased; in
// keys `:` becomes `_`; every character outside [\w:\-./] becomes `_`; runs of
// `_` collapse; trailing `_` go. A tag is `key:value` cut to 200 characters, or `key` alone when the value is
// empty. Log group tags are not cut (the Datadog Forwarder does not cut them either).
// https://docs.datadoghq.com/getting_started/tagging/#define-tags

interface AwsTag {
  readonly Key?: string;
  readonly Value?: string;
}

const MAX_TAG_LENGTH = 200;

export function sanitizeAwsTagString(text: string, options: { removeColons: boolean }): string {
  if (text === '') return text;
  let out = text.toLowerCase();
  if (options.removeColons) out = out.replace(/:/g, '_');
  return (
    out
      // Python's \w is Unicode-aware: letters and digits of any script, and `_`.
      .replace(/[^\p{L}\p{N}_:\-./]/gu, '_')
      .replace(/_+/g, '_')
      .replace(/_+$/, '')
  );
}

/** One AWS tag as one Datadog tag; undefined when it has no key. */
export function awsTagToDatadog(tag: AwsTag, options: { truncate: boolean } = { truncate: true }): string | undefined {
  if (tag.Key === undefined || tag.Key === '') return undefined;
  const key = sanitizeAwsTagString(tag.Key, { removeColons: true });
  const value = sanitizeAwsTagString(tag.Value ?? '', { removeColons: false });
  const text = value === '' ? key : `${key}:${value}`;
  return options.truncate ? text.slice(0, MAX_TAG_LENGTH) : text;
}

export function awsTagsToDatadog(tags: readonly AwsTag[] | undefined, options?: { truncate: boolean }): string[] {
  return (tags ?? []).map((tag) => awsTagToDatadog(tag, options)).filter((t): t is string => t !== undefined);
}

/**
 * The function an ARN names, without a version or alias (`arn:aws:lambda:<region>:<account>:function:<name>`),
 * lowercased as the Datadog Forwarder keys its cache. Other ARNs are only lowercased.
 */
export function tagCacheKey(arn: string): string {
  const parts = arn.split(':');
  const lambda = parts[2] === 'lambda' && parts[5] === 'function' && parts.length > 7;
  return (lambda ? parts.slice(0, 7).join(':') : arn).toLowerCase();
}
