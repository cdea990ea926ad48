// REDACT_IP, REDACT_EMAIL and DD_SCRUBBING_RULE (`SCRUBBING_RULE_CONFIGS` of datadog-serverless-functions
// aws/logs_monitoring/settings.py, 5.4.11), applied to the text of a log's values before
// it is serialized: the message, its fields, the tags, host, service and other attributes. The Datadog Forwarder
// runs re.sub over the serialized batch (datadog-serverless-functions aws/logs_monitoring/logs/datadog_scrubber.py
// and datadog_http_client.py, 5.4.11), where a replacement or a match next to an escape (`\n` before an email)
// can write an invalid escape and the intake rejects the whole batch; on value text that cannot happen, since
// JSON.stringify escapes whatever the rules write. docs/compatibility.md says what this changes.
// The mechanism is a list of text redactors run over every string value; a value is rewritten only when a
// redactor finds something in it, and what is shared by a whole origin is scrubbed once.
import type { ScrubbingRule } from '../config/index.js';
import type { LogRecord, Origin } from '../types.js';

/** Rewrites one value's text; returns the same string when there is nothing to redact. */
export interface TextRedactor {
  redact(text: string): string;
}

/** A scrubbing rule as a redactor: Python's re.sub, run only on text the pattern is found in. */
function ruleRedactor(rule: ScrubbingRule): TextRedactor {
  return {
    redact: (text) => (rule.pattern.search(text) ? rule.pattern.sub(text, rule.replacement) : text),
  };
}

export class Scrubber {
  private readonly origins = new WeakMap<Origin, Origin>();

  constructor(private readonly redactors: readonly TextRedactor[]) {}

  /** The text with every redactor applied in order. */
  text(text: string): string {
    let out = text;
    for (const redactor of this.redactors) out = redactor.redact(out);
    return out;
  }

  /** A JSON value with every string in it redacted (keys are not); the same value when nothing changed. */
  value<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (typeof value !== 'object' || value === null) return value;
    let copy: Record<string, unknown> | unknown[] | undefined;
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [key, item] of entries) {
      const scrubbed = this.value(item);
      if (scrubbed === item) continue;
      copy ??= Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
      // Defined, not assigned: a `__proto__` key in a log is data.
      Object.defineProperty(copy, key, { value: scrubbed, enumerable: true, writable: true, configurable: true });
    }
    return (copy ?? value) as T;
  }

  /** The record with its values redacted; its origin's shared values are redacted once per origin. */
  record(record: LogRecord): LogRecord {
    const { raw, message, overrides, extra } = record;
    const origin = this.origin(record.origin);
    const scrubbedRaw = this.value(raw);
    return {
      ...record,
      origin,
      raw: scrubbedRaw,
      message: message === raw.message ? scrubbedRaw.message : this.value(message),
      overrides: this.value(overrides),
      extra: this.value(extra),
    };
  }

  private origin(origin: Origin): Origin {
    let scrubbed = this.origins.get(origin);
    if (scrubbed === undefined) {
      const tags = origin.tags.join(',');
      const scrubbedTags = this.text(tags);
      scrubbed = {
        ...origin,
        ddsource: this.text(origin.ddsource),
        service: this.text(origin.service),
        host: this.value(origin.host),
        tags: scrubbedTags === tags ? origin.tags : scrubbedTags.split(','),
        attributes: this.value(origin.attributes),
      };
      this.origins.set(origin, scrubbed);
    }
    return scrubbed;
  }
}

const scrubbers = new WeakMap<readonly ScrubbingRule[], Scrubber>();

/** The scrubber for a configuration's rules (built once), or undefined when there are none. */
export function scrubberFor(rules: readonly ScrubbingRule[]): Scrubber | undefined {
  if (rules.length === 0) return undefined;
  let scrubber = scrubbers.get(rules);
  if (scrubber === undefined) scrubbers.set(rules, (scrubber = new Scrubber(rules.map(ruleRedactor))));
  return scrubber;
}
