// What happens to logs on their way: tags, source, filtering, scrubbing (datadog-serverless-functions
// aws/logs_monitoring/steps/enrichment.py, settings.py and logs/, 5.4.11).
// The patterns are Python re patterns, as in the Datadog Forwarder (src/regex/python-regex.ts).
import type { PythonRegex } from '../regex/python-regex.js';
import type { TemplatePart } from '../regex/replacement.js';
import { parseDetectorList, type DetectorName } from './detector-names.js';
import type { EnvReader } from './env-reader.js';

export interface ScrubbingRule {
  readonly name: string;
  readonly pattern: PythonRegex;
  /** The replacement as Python's re.sub reads it: text, and group numbers to insert. */
  readonly replacement: readonly TemplatePart[];
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
  /** Python's re.search on the message (datadog-serverless-functions aws/logs_monitoring/logs/datadog_matcher.py, 5.4.11). */
  readonly includeAtMatch?: PythonRegex;
  readonly excludeAtMatch?: PythonRegex;
  readonly scrubbingRules: readonly ScrubbingRule[];
  /** `FORWARDER_REDACT`: the built-in redaction detectors to run on every log (src/transform/detectors/). */
  readonly redact: readonly DetectorName[];
  /** Python's re.match (anchored at the start) of each line (steps/handlers/s3_handler.py, 5.4.11). */
  readonly multilinePattern?: PythonRegex;
}

// datadog-serverless-functions aws/logs_monitoring/settings.py SCRUBBING_RULE_CONFIGS, 5.4.11.
const BUILT_IN_RULES = [
  { name: 'REDACT_IP', pattern: String.raw`\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}`, replacement: 'xxx.xxx.xxx.xxx' },
  {
    name: 'REDACT_EMAIL',
    pattern: String.raw`[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+`,
    replacement: 'xxxxx@xxxxx.com',
  },
] as const;

export function readLogs(env: EnvReader): LogsConfig {
  const scrubbingRules: ScrubbingRule[] = [];
  for (const rule of BUILT_IN_RULES) {
    if (!env.bool(rule.name, false)) continue;
    const pattern = env.pythonRegex(rule.name, rule.pattern)!;
    scrubbingRules.push({ name: rule.name, pattern, replacement: [rule.replacement] });
  }
  const custom = env.pythonRegex('DD_SCRUBBING_RULE');
  const replacement = env.pythonTemplate('DD_SCRUBBING_RULE_REPLACEMENT', custom);
  if (custom && replacement) scrubbingRules.push({ name: 'DD_SCRUBBING_RULE', pattern: custom, replacement });

  return {
    forwardLogs: env.bool('DD_FORWARD_LOG', true),
    tags: splitTags(env.raw('DD_TAGS') ?? ''),
    sourceOverride: env.optionalString('DD_SOURCE'),
    detectSources: env.bool('FORWARDER_DETECT_SOURCES', false),
    includeAtMatch: env.pythonRegex('INCLUDE_AT_MATCH'),
    excludeAtMatch: env.pythonRegex('EXCLUDE_AT_MATCH'),
    scrubbingRules,
    redact: readRedact(env),
    multilinePattern: env.pythonRegex('DD_MULTILINE_LOG_REGEX_PATTERN'),
  };
}

/** An empty DD_TAGS adds nothing (Python's `filter(None, ...)`); any other value is kept whole, empties included. */
const splitTags = (tags: string): string[] => (tags === '' ? [] : tags.split(','));

function readRedact(env: EnvReader): DetectorName[] {
  const { names, problem } = parseDetectorList(env.raw('FORWARDER_REDACT') ?? '');
  if (problem !== undefined) env.problem(`FORWARDER_REDACT has an ${problem}.`);
  return names;
}
