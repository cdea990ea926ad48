// Routing rules (docs/routing.md): an ordered list whose first rule matching a log's origin (what the logs are:
// log group, bucket and key, function, trigger, account, region) sets their ddsource, service, host and tags,
// filters and redacts them, or drops them. Matched once per origin, never per log. This file holds the compiled
// rules and the matching; rule-file.ts reads and validates a file into them.
import type { ScrubbingRule } from '../config/index.js';
import type { PythonRegex } from '../regex/python-regex.js';

/** What is known about an origin when rules are matched. */
export interface OriginFacts {
  /** The trigger (SourceOrigin.eventType: `awslogs`, `s3`, ...). */
  readonly eventSource: string;
  readonly logGroup?: string;
  readonly bucket?: string;
  readonly key?: string;
  /** The Lambda function whose logs these are (lowercased, as the function name tag), when known. */
  readonly functionName?: string;
  readonly account: string;
  readonly region: string;
}

/** One condition of a rule: every condition of a rule must hold; within one, any of its values. */
export interface Condition {
  /** The rule file's field (`log_group_prefix`), for explaining a match. */
  readonly field: string;
  test(facts: OriginFacts): boolean;
}

/** The settings a rule, or a resource tag, can give an origin's logs. */
export interface RouteSettings {
  readonly ddsource?: string;
  readonly service?: string;
  readonly host?: string;
  /** Added after the origin's own tags. */
  readonly tags?: readonly string[];
}

export interface RoutingRule {
  /** Its position in the file, from 0. */
  readonly index: number;
  readonly name: string;
  readonly conditions: readonly Condition[];
  readonly set: RouteSettings;
  /**
   * The rule's `include` / `exclude`: Python `re.search` patterns with INCLUDE_AT_MATCH / EXCLUDE_AT_MATCH's
   * semantics, applied after them (a log must pass both); absent when the rule has neither.
   */
  readonly filter?: { readonly includeAtMatch?: PythonRegex; readonly excludeAtMatch?: PythonRegex };
  /** DD_SCRUBBING_RULE-like rules of this rule only: they run after the configuration's (transform/scrub.ts). */
  readonly scrubbingRules: readonly ScrubbingRule[];
  /** Named redaction detectors (src/config/detector-names.ts). */
  readonly redact: readonly string[];
  /** The logs are not forwarded (counted `routing_drop`); their metric lines and traces still are. */
  readonly drop: boolean;
}

export interface RuleSet {
  /** Where the rules were read from (`s3://bucket/key`, a path), for messages. */
  readonly location: string;
  /** A digest of the file's text: the same version is not compiled twice. */
  readonly version: string;
  readonly rules: readonly RoutingRule[];
  /** Some pattern runs on re2js, which must be loaded (loadRe2) before the rules are used. */
  readonly needsRe2: boolean;
}

/** Which rule matched an origin, and on which of its fields (for `./forwarder explain`). */
interface RuleMatch {
  readonly rule: RoutingRule;
  /** The fields of the rule that held, e.g. `["event_source", "log_group_prefix"]`; empty for a catch-all. */
  readonly matchedOn: readonly string[];
}

/** The first rule whose conditions all hold, or undefined. */
export function matchRules(rules: RuleSet | undefined, facts: OriginFacts): RuleMatch | undefined {
  if (rules === undefined) return undefined;
  for (const rule of rules.rules) {
    if (rule.conditions.every((c) => c.test(facts))) {
      return { rule, matchedOn: rule.conditions.map((c) => c.field) };
    }
  }
  return undefined;
}

/** Who gave an origin one of its settings: a rule, or a resource tag (which resource, which tag). */
export type SettingSource =
  | { readonly by: 'rule'; readonly index: number; readonly name: string }
  | { readonly by: 'tag'; readonly resource: string; readonly tag: string };

/** What routing decided for one origin, kept on it for the per-log steps and for `./forwarder explain`. */
export interface OriginRouting {
  /** The first rule that matched, if any: its filters, scrubbing and `drop` apply to the origin's logs. */
  readonly match?: RuleMatch;
  /** Which setting came from where; a setting not listed is the forwarder's own (detection, DD_* variables). */
  readonly setBy: Readonly<Partial<Record<keyof RouteSettings, SettingSource>>>;
}

/** What decided an origin's routing, as plain data (for `./forwarder explain --json` and log lines). */
export function routingSummary(routing: OriginRouting | undefined): RoutingSummary | undefined {
  if (routing === undefined) return undefined;
  const rule = routing.match?.rule;
  return {
    ...(routing.match && rule
      ? {
          rule: {
            index: rule.index,
            name: rule.name,
            matchedOn: routing.match.matchedOn,
            ...(rule.drop ? { drop: true } : {}),
            ...(rule.filter?.includeAtMatch ? { include: rule.filter.includeAtMatch.source } : {}),
            ...(rule.filter?.excludeAtMatch ? { exclude: rule.filter.excludeAtMatch.source } : {}),
            ...(rule.redact.length > 0 ? { redact: rule.redact } : {}),
          },
        }
      : {}),
    setBy: routing.setBy,
  };
}

interface RoutingSummary {
  readonly rule?: {
    readonly index: number;
    readonly name: string;
    readonly matchedOn: readonly string[];
    readonly drop?: true;
    readonly include?: string;
    readonly exclude?: string;
    readonly redact?: readonly string[];
  };
  readonly setBy: OriginRouting['setBy'];
}
