// What happens to logs on their way: tags, source, filtering, scrubbing (reference §1.11, §2, §7).
import type { EnvReader } from './env-reader.js';

export interface ScrubbingRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly replacement: string;
}

export interface LogsConfig {
  readonly forwardLogs: boolean;
  /**
   * `DD_TAGS` split on commas, nothing trimmed or removed: joined again, the ddtags start with DD_TAGS exactly as
   * written, as in the Datadog Forwarder (`generate_metadata`, aws/logs_monitoring/steps/common.py, 5.4.11).
   */
  readonly tags: readonly string[];
  /** `DD_SOURCE`: when set, every log's ddsource, and source detection is skipped. */
  readonly sourceOverride?: string;
  /** `FORWARDER_DETECT_SOURCES`: the Datadog Forwarder v3 source and host rules. */
  readonly detectSources: boolean;
  readonly includeAtMatch?: RegExp;
  readonly excludeAtMatch?: RegExp;
  readonly scrubbingRules: readonly ScrubbingRule[];
  readonly multilinePattern?: RegExp;
}

const IP_PATTERN = /\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/g;
const EMAIL_PATTERN = /[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+/g;

export function readLogs(env: EnvReader): LogsConfig {
  const scrubbingRules: ScrubbingRule[] = [];
  if (env.bool('REDACT_IP', false)) {
    scrubbingRules.push({ name: 'REDACT_IP', pattern: IP_PATTERN, replacement: 'xxx.xxx.xxx.xxx' });
  }
  if (env.bool('REDACT_EMAIL', false)) {
    scrubbingRules.push({ name: 'REDACT_EMAIL', pattern: EMAIL_PATTERN, replacement: 'xxxxx@xxxxx.com' });
  }
  const custom = env.regex('DD_SCRUBBING_RULE', 'g');
  const replacement = env.raw('DD_SCRUBBING_RULE_REPLACEMENT') ?? '';
  if (custom) scrubbingRules.push({ name: 'DD_SCRUBBING_RULE', pattern: custom, replacement });

  const multiline = env.raw('DD_MULTILINE_LOG_REGEX_PATTERN');
  let multilinePattern: RegExp | undefined;
  if (multiline !== undefined) {
    try {
      multilinePattern = new RegExp(`^(?:${multiline})`);
    } catch (error) {
      env.problem(`DD_MULTILINE_LOG_REGEX_PATTERN is not a valid regular expression: ${(error as Error).message}.`);
    }
  }

  return {
    forwardLogs: env.bool('DD_FORWARD_LOG', true),
    tags: splitTags(env.raw('DD_TAGS') ?? ''),
    sourceOverride: env.optionalString('DD_SOURCE'),
    detectSources: env.bool('FORWARDER_DETECT_SOURCES', false),
    includeAtMatch: env.regex('INCLUDE_AT_MATCH'),
    excludeAtMatch: env.regex('EXCLUDE_AT_MATCH'),
    scrubbingRules,
    multilinePattern,
  };
}

/** An empty DD_TAGS adds nothing (Python's `filter(None, ...)`); any other value is kept whole, empties included. */
const splitTags = (tags: string): string[] => (tags === '' ? [] : tags.split(','));
