// REDACT_IP, REDACT_EMAIL and DD_SCRUBBING_RULE (reference §7.2). As in the Datadog Forwarder, rules apply to the
// serialized log, attributes included, so a tag or host holding an address is redacted too.
import type { ScrubbingRule } from '../config/index.js';

export function scrub(json: string, rules: readonly ScrubbingRule[]): string {
  let out = json;
  // A replacer function inserts the replacement literally: a string would give `$&` and `$1` their JavaScript
  // meaning and put the matched secret back, where the Datadog Forwarder (Python re.sub) writes them as is.
  for (const rule of rules) out = out.replace(rule.pattern, () => rule.replacement);
  return out;
}
