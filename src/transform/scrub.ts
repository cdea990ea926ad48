// REDACT_IP, REDACT_EMAIL and DD_SCRUBBING_RULE (`SCRUBBING_RULE_CONFIGS` of datadog-serverless-functions
// aws/logs_monitoring/settings.py, 5.4.11), applied to the text of a log's values before
// it is serialized: the message, its fields, the tags, host, service and other attributes. The Datadog Forwarder
// runs re.sub over the serialized batch (datadog-serverless-functions aws/logs_monitoring/logs/datadog_scrubber.py
// and datadog_http_client.py, 5.4.11), where a replacement or a match next to an escape (`\n` before an email)
// can write an invalid escape and the intake rejects the whole batch; on value text that cannot happen, since
// JSON.stringify escapes whatever the rules write. docs/compatibility.md says what this changes.
// The mechanism is a list of text redactors run over every string value; a value is rewritten only when a
// redactor finds something in it, and what is shared by a whole origin is scrubbed once. The rules run first,
// then the built-in detectors (FORWARDER_REDACT and a routing rule's `redact`: ./detectors/), so the rules see
// the text they always saw.
import type { ScrubbingRule } from '../config/index.js';
import type { LogRecord, Origin, RawLog } from '../types.js';
import type { TextRedactor } from './detectors/detector.js';
import { detectorRedactor, type RedactionHits } from './detectors/index.js';

export type { TextRedactor } from './detectors/detector.js';

/**
 * A scrubbing rule as a redactor: Python's re.sub, run only on text the pattern is found in; what it replaced is
 * counted under the rule's name (REDACT_IP, REDACT_EMAIL, DD_SCRUBBING_RULE or a routing rule's), as Python's re.subn
 * counts.
 */
function ruleRedactor(rule: ScrubbingRule): TextRedactor {
  return {
    redact: (text, _key, hits) => {
      if (!rule.pattern.search(text)) return text;
      if (!hits) return rule.pattern.sub(text, rule.replacement);
      const { text: redacted, count } = rule.pattern.subn(text, rule.replacement);
      if (count > 0) hits[rule.name] = (hits[rule.name] ?? 0) + count;
      return redacted;
    },
  };
}

export class Scrubber {
  /** Each origin scrubbed, with what its shared values' scrubbing counted (added to every log of it). */
  private readonly origins = new WeakMap<Origin, { origin: Origin; hits?: RedactionHits }>();

  constructor(private readonly redactors: readonly TextRedactor[]) {}

  /** The text with every redactor applied in order. */
  text(text: string, key?: string, hits?: RedactionHits): string {
    let out = text;
    for (const redactor of this.redactors) out = redactor.redact(out, key, hits);
    return out;
  }

  /** A JSON value with every string in it redacted (keys are not); the same value when nothing changed. */
  value<T>(value: T, hits?: RedactionHits, key?: string): T {
    if (typeof value === 'string') return this.text(value, key, hits) as T;
    if (typeof value !== 'object' || value === null) return value;
    // Indexes and keys rather than entries: this runs on every value of every log, and allocates nothing until
    // something is redacted.
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        const scrubbed = this.value(item, hits, key);
        if (scrubbed !== item) (copy ??= [...(value as unknown[])])[i] = scrubbed;
      }
      return (copy ?? value) as T;
    }
    let copy: Record<string, unknown> | undefined;
    const object = value as Record<string, unknown>;
    for (const name of Object.keys(object)) {
      const item = object[name];
      const scrubbed = this.value(item, hits, name);
      if (scrubbed === item) continue;
      copy ??= { ...object };
      // Defined, not assigned: a `__proto__` key in a log is data.
      Object.defineProperty(copy, name, { value: scrubbed, enumerable: true, writable: true, configurable: true });
    }
    return (copy ?? value) as T;
  }

  /**
   * The record with its values redacted; its origin's shared values are redacted once per origin (and what
   * that replaced is counted again for each log, which carries it). `hits`: counts by detector.
   */
  record(record: LogRecord, hits?: RedactionHits): LogRecord {
    const { raw, message, overrides, extra } = record;
    const origin = this.origin(record.origin);
    if (hits && origin.hits)
      for (const [name, count] of Object.entries(origin.hits)) hits[name] = (hits[name] ?? 0) + count;
    const sameMessage = message === raw.message;
    const newRaw = this.raw(raw, hits, sameMessage);
    const newMessage = sameMessage ? newRaw.message : this.value(message, hits, 'message');
    const newOverrides = this.value(overrides, hits);
    const newExtra = this.value(extra, hits);
    const unchanged =
      origin.origin === record.origin &&
      newRaw === raw &&
      newMessage === message &&
      newOverrides === overrides &&
      newExtra === extra;
    if (unchanged) return record;
    return {
      ...record,
      origin: origin.origin,
      raw: newRaw,
      message: newMessage,
      overrides: newOverrides,
      extra: newExtra,
    };
  }

  /** The raw log redacted; its message counted only when it is the one forwarded (`countMessage`). */
  private raw(raw: RawLog, hits: RedactionHits | undefined, countMessage: boolean): RawLog {
    const { message, id, fields } = raw;
    const newMessage =
      message === undefined ? undefined : this.text(message, 'message', countMessage ? hits : undefined);
    const newId = id === undefined ? undefined : this.text(id, 'id', hits);
    const newFields = this.value(fields, hits);
    if (newMessage === message && newId === id && newFields === fields) return raw;
    const copy: { -readonly [K in keyof RawLog]: RawLog[K] } = { ...raw };
    if (message !== undefined) copy.message = newMessage;
    if (id !== undefined) copy.id = newId;
    if (fields !== undefined) copy.fields = newFields;
    return copy;
  }

  private origin(origin: Origin): { origin: Origin; hits?: RedactionHits } {
    let scrubbed = this.origins.get(origin);
    if (scrubbed === undefined) {
      const hits: RedactionHits = {};
      const tags = origin.tags.join(',');
      const scrubbedTags = this.text(tags, 'ddtags', hits);
      const shared = {
        ...origin,
        ddsource: this.text(origin.ddsource, 'ddsource', hits),
        service: this.text(origin.service, 'service', hits),
        host: this.value(origin.host, hits, 'host'),
        tags: scrubbedTags === tags ? origin.tags : scrubbedTags.split(','),
        attributes: this.value(origin.attributes, hits),
      };
      const same = (Object.keys(shared) as (keyof Origin)[]).every((name) => shared[name] === origin[name]);
      scrubbed = Object.keys(hits).length > 0 ? { origin: shared, hits } : { origin: same ? origin : shared };
      this.origins.set(origin, scrubbed);
    }
    return scrubbed;
  }
}

/** What a scrubber is built from: the configuration's rules and detectors, or a routing rule's. */
interface ScrubSettings {
  readonly scrubbingRules: readonly ScrubbingRule[];
  /** Detector names (src/config/detector-names.ts); an unknown one throws when the scrubber is built. */
  readonly redact: readonly string[];
}

// `null` is "no scrubber" (nothing configured): one lookup per log, which runs for every log forwarded.
const scrubbers = new WeakMap<ScrubSettings, Scrubber | null>();
const withRule = new WeakMap<ScrubSettings, WeakMap<ScrubSettings, Scrubber | null>>();

/**
 * The scrubber for a configuration's rules and detectors, or undefined when there are none. With a routing
 * rule's: its scrubbing rules run after the configuration's, its detectors with the configuration's. Built once
 * per configuration and rule: both are kept as they are while in use, so their identity is the cache key.
 */
export function scrubberFor(logs: ScrubSettings, rule?: ScrubSettings): Scrubber | undefined {
  if (rule === undefined || (rule.scrubbingRules.length === 0 && rule.redact.length === 0)) {
    let scrubber = scrubbers.get(logs);
    if (scrubber === undefined) scrubbers.set(logs, (scrubber = buildScrubber(logs.scrubbingRules, logs.redact)));
    return scrubber ?? undefined;
  }
  let byRule = withRule.get(logs);
  if (byRule === undefined) withRule.set(logs, (byRule = new WeakMap()));
  let scrubber = byRule.get(rule);
  if (scrubber === undefined) {
    const rules = [...logs.scrubbingRules, ...rule.scrubbingRules];
    byRule.set(rule, (scrubber = buildScrubber(rules, [...logs.redact, ...rule.redact])));
  }
  return scrubber ?? undefined;
}

function buildScrubber(rules: readonly ScrubbingRule[], detectors: readonly string[]): Scrubber | null {
  const redactors = rules.map(ruleRedactor);
  const found = detectorRedactor(detectors);
  if (found) redactors.push(found);
  return redactors.length === 0 ? null : new Scrubber(redactors);
}
