// Which log groups to subscribe: by name prefix, by regular expression on the name, by tag, or any mix (a group
// must pass every kind given; within a kind, any one match is enough). The forwarder's own log group is never
// selected, whatever the selection says: subscribing it would make the forwarder forward its own logs forever.

export interface LogGroupSelector {
  /** Name prefixes (any); empty means every name. Also sent to DescribeLogGroups to narrow the listing. */
  readonly prefixes: readonly string[];
  /** A regular expression the name must match (unanchored). */
  readonly pattern?: RegExp;
  /** Tags the group must carry (all); a value of undefined means the key with any value. */
  readonly tags: Readonly<Record<string, string | undefined>>;
  /** Log groups never selected (the forwarder's own). */
  readonly excluded: readonly string[];
}

export function needsTags(selector: LogGroupSelector): boolean {
  return Object.keys(selector.tags).length > 0;
}

/** Whether the name alone passes (the tag check, which costs a call, comes after). */
export function nameSelected(selector: LogGroupSelector, name: string): boolean {
  if (selector.excluded.includes(name)) return false;
  if (selector.prefixes.length > 0 && !selector.prefixes.some((p) => name.startsWith(p))) return false;
  return selector.pattern === undefined || selector.pattern.test(name);
}

export function tagsSelected(selector: LogGroupSelector, tags: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector.tags).every(([key, value]) =>
    value === undefined ? key in tags : tags[key] === value,
  );
}

/** `key=value` or `key` (any value) → an entry of `LogGroupSelector.tags`. */
export function parseTagFilter(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

/** The Lambda log group of the function an ARN names (`arn:aws:lambda:r:a:function:name[:qualifier]`). */
export function functionLogGroup(functionArn: string): string | undefined {
  const name = functionArn.split(':')[6];
  return name ? `/aws/lambda/${name}` : undefined;
}
