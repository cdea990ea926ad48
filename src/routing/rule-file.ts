// Reads a routing rule file (docs/routing.md) into compiled rules. YAML (a superset of JSON) or JSON; every
// problem is collected and named by the rule (`rules[2] "payments"`) and the field, so one start-up error says all
// there is to fix. Patterns are Python `re` patterns run in linear time (src/regex/), as INCLUDE_AT_MATCH's.
import { createHash } from 'node:crypto';
import type { PythonRegex } from '../regex/python-regex.js';
import { readConditions } from './rule-conditions.js';
import { FieldReader, isObject, type Findings } from './rule-fields.js';
import type { RouteSettings, RoutingRule, RuleSet } from './rules.js';

const RULE_FIELDS = new Set([
  'name',
  'match',
  'ddsource',
  'service',
  'host',
  'tags',
  'include',
  'exclude',
  'scrub',
  'redact',
  'drop',
]);

export type CompileResult =
  { readonly ok: true; readonly rules: RuleSet } | { readonly ok: false; readonly problems: readonly string[] };

export interface CompileOptions {
  /** Parses YAML (the `yaml` package, loaded by the caller only for a file that needs it). */
  readonly parseYaml?: (text: string) => { value: unknown; errors: readonly string[] };
}

/** `location` names the file in messages; a `.json` location is read as JSON, anything else as YAML. */
export function compileRuleFile(text: string, location: string, options: CompileOptions = {}): CompileResult {
  const problems: string[] = [];
  const document = parseText(text, location, options, problems);
  if (problems.length > 0) return { ok: false, problems };
  const patterns: PythonRegex[] = [];
  const rules = readRules(document, { problems, patterns });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    rules: { location, version: ruleFileDigest(text), rules, needsRe2: patterns.some((p) => p.engineName === 're2js') },
  };
}

/** A version's digest: the same text is never compiled into new rules, nor warned about twice. */
export function ruleFileDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** Whether a location is read as YAML (and so needs the parser). */
export function isYamlLocation(location: string): boolean {
  return !location.toLowerCase().endsWith('.json');
}

function parseText(text: string, location: string, options: CompileOptions, problems: string[]): unknown {
  if (!isYamlLocation(location)) {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      problems.push(`not valid JSON: ${(error as Error).message}`);
      return undefined;
    }
  }
  if (!options.parseYaml) throw new Error('A YAML rule file needs a YAML parser.');
  const parsed = options.parseYaml(text);
  problems.push(...parsed.errors.map((e) => `not valid YAML: ${e}`));
  return parsed.value;
}

function readRules(document: unknown, findings: Findings): RoutingRule[] {
  const { problems } = findings;
  if (!isObject(document)) {
    problems.push('the file must be a mapping with a `rules` list (and optionally `version: 1`).');
    return [];
  }
  for (const key of Object.keys(document)) {
    if (key !== 'rules' && key !== 'version')
      problems.push(`unknown top-level field \`${key}\` (expected rules, version).`);
  }
  if (document.version !== undefined && document.version !== 1) {
    problems.push(`version: must be 1, got ${JSON.stringify(document.version)}.`);
  }
  if (!Array.isArray(document.rules)) {
    problems.push('rules: must be a list of rules.');
    return [];
  }
  const names = new Map<string, number>();
  const rules = document.rules.map((raw, index) => {
    const field = new FieldReader(index, raw, findings);
    const rule = readRule(index, field);
    const earlier = names.get(rule.name);
    if (earlier !== undefined && rule.name !== '') field.problem('name', `is already the name of rules[${earlier}].`);
    names.set(rule.name, index);
    return rule;
  });
  return rules;
}

function readRule(index: number, field: FieldReader): RoutingRule {
  const name = field.string('name', { required: true }) ?? '';
  field.unknownFields(RULE_FIELDS);
  const set: RouteSettings = {
    ddsource: field.string('ddsource'),
    service: field.string('service'),
    host: field.string('host'),
    tags: field.tags('tags'),
  };
  const drop = field.boolean('drop') ?? false;
  const scrub = field.scrubbing('scrub');
  const rule: RoutingRule = {
    index,
    name,
    conditions: readConditions(field, field.value('match')),
    set: Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)),
    filter: filterOf(field.pattern('include'), field.pattern('exclude')),
    scrubbingRules: scrub,
    redact: field.detectors('redact'),
    drop,
  };
  if (drop) {
    const pointless = [...Object.keys(rule.set), 'include', 'exclude', 'scrub', 'redact'].filter((k) => field.has(k));
    if (pointless.length > 0) field.problem('drop', `drops every log, so ${pointless.join(', ')} would do nothing.`);
  }
  return rule;
}

function filterOf(includeAtMatch?: PythonRegex, excludeAtMatch?: PythonRegex): RoutingRule['filter'] {
  return includeAtMatch || excludeAtMatch ? { includeAtMatch, excludeAtMatch } : undefined;
}
