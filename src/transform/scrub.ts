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

/** Told how many matches a redactor replaced in one value (for the decision log; never what it matched). */
export type HitCounter = (redactor: string, hits: number) => void;

/** Rewrites one value's text; returns the same string when there is nothing to redact. */
export interface TextRedactor {
  /** When `hits` is given, it is told how many matches were replaced, when there were any. */
  redact(text: string, hits?: HitCounter): string;
}

/** A scrubbing rule as a redactor: Python's re.sub, run only on text the pattern is found in. */
function ruleRedactor(rule: ScrubbingRule): TextRedactor {
  return {
    redact: (text, hits) => {
      if (!rule.pattern.search(text)) return text;
      if (!hits) return rule.pattern.sub(text, rule.replacement);
      const { text: redacted, count } = rule.pattern.subn(text, rule.replacement);
      hits(rule.name, count);
      return redacted;
    },
  };
}

export class Scrubber {
  private readonly origins = new WeakMap<Origin, Origin>();

  constructor(private readonly redactors: readonly TextRedactor[]) {}

  /** The text with every redactor applied in order. */
  text(text: string, hits?: HitCounter): string {
    let out = text;
    for (const redactor of this.redactors) out = redactor.redact(out, hits);
    return out;
  }

  /** A JSON value with every string in it redacted (keys are not); the same value when nothing changed. */
  value<T>(value: T, hits?: HitCounter): T {
    if (typeof value === 'string') return this.text(value, hits) as T;
    if (typeof value !== 'object' || value === null) return value;
    let copy: Record<string, unknown> | unknown[] | undefined;
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [key, item] of entries) {
      const scrubbed = this.value(item, hits);
      if (scrubbed === item) continue;
      copy ??= Array.isArray(value) ? [...(value as unknown[])] : { ...(value as Record<string, unknown>) };
      // Defined, not assigned: a `__proto__` key in a log is data.
      Object.defineProperty(copy, key, { value: scrubbed, enumerable: true, writable: true, configurable: true });
    }
    return (copy ?? value) as T;
  }

  /**
   * The record with its values redacted; its origin's shared values are redacted once per origin, or, when
   * `hits` is to be told of every redaction in this record, again for each record.
   */
  record(record: LogRecord, hits?: HitCounter): LogRecord {
    const { raw, message, overrides, extra } = record;
    const origin = hits ? this.scrubOrigin(record.origin, hits) : this.origin(record.origin);
    const scrubbedRaw = this.value(raw, hits);
    return {
      ...record,
      origin,
      raw: scrubbedRaw,
      message: message === raw.message ? scrubbedRaw.message : this.value(message, hits),
      overrides: this.value(overrides, hits),
      extra: this.value(extra, hits),
    };
  }

  private origin(origin: Origin): Origin {
    let scrubbed = this.origins.get(origin);
    if (scrubbed === undefined) this.origins.set(origin, (scrubbed = this.scrubOrigin(origin)));
    return scrubbed;
  }

  private scrubOrigin(origin: Origin, hits?: HitCounter): Origin {
    const tags = origin.tags.join(',');
    const scrubbedTags = this.text(tags, hits);
    return {
      ...origin,
      ddsource: this.text(origin.ddsource, hits),
      service: this.text(origin.service, hits),
      host: this.value(origin.host, hits),
      tags: scrubbedTags === tags ? origin.tags : scrubbedTags.split(','),
      attributes: this.value(origin.attributes, hits),
    };
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
