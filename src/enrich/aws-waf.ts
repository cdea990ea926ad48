// AWS WAF logs (https://docs.aws.amazon.com/waf/latest/developerguide/logging-fields.html) hold arrays of
// objects (headers, rule lists) that log search cannot index. As the Datadog Forwarder does
// (`parse_aws_waf_logs`, datadog-serverless-functions aws/logs_monitoring/steps/transformation.py, 5.4.11), they become
// objects keyed by name or rule id, and the
// message is sent as a JSON string again (v5.4.0+), so INCLUDE_AT_MATCH / EXCLUDE_AT_MATCH still apply.
import { pythonJsonDumps } from '../parse/python-json.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** An object whose keys come from the log: without a prototype, so a `__proto__` key is one more key. */
const keyedByData = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;

/** Python's truthiness, which the Datadog Forwarder's checks use: empty lists, objects and strings are false. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isObject(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

/** The rewritten WAF message, or undefined when the message is not a WAF JSON object. */
export function rewriteWafMessage(message: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return undefined;
  }
  if (!isObject(parsed)) return undefined;
  const waf = parsed;
  const request = waf.httpRequest;
  if (isObject(request) && truthy(request.headers)) request.headers = nestRules(request.headers);
  if (Array.isArray(waf.ruleGroupList) && waf.ruleGroupList.length > 0)
    waf.ruleGroupList = nestGroups(waf.ruleGroupList);
  if (truthy(waf.rateBasedRuleList)) waf.rateBasedRuleList = nestRules(waf.rateBasedRuleList);
  if (truthy(waf.nonTerminatingMatchingRules))
    waf.nonTerminatingMatchingRules = nestRules(waf.nonTerminatingMatchingRules);
  // Written as Python's json.dumps writes it, as the Datadog Forwarder's records show; a message nested deeper
  // than that writer goes (python-json.ts) is sent as it came.
  try {
    return pythonJsonDumps(JSON.stringify(waf));
  } catch {
    return undefined;
  }
}

/** `ruleGroupList`: each group under its id, with its terminating, non-terminating and excluded rules nested. */
function nestGroups(groups: unknown[]): Json {
  const out = keyedByData<Json>();
  for (const group of groups) {
    if (!isObject(group)) continue;
    const { ruleGroupId, terminatingRule, nonTerminatingMatchingRules, excludedRules, ...rest } = group;
    void rest;
    // Python's dict keys a missing id as None, which json.dumps writes as "null".
    const id = truthy(ruleGroupId) ? String(ruleGroupId) : 'null';
    const target = (out[id] ??= {});
    if (terminatingRule)
      target.terminatingRule = { ...(target.terminatingRule as Json), ...nestRules(terminatingRule) };
    for (const [name, rules] of [
      ['nonTerminatingMatchingRules', nonTerminatingMatchingRules],
      ['excludedRules', excludedRules],
    ] as const) {
      if (Array.isArray(rules)) target[name] = { ...(target[name] as Json), ...nestRules(rules) };
    }
  }
  return out;
}

/** `convert_rule_to_nested_json`: a list keyed by `ruleId`, `rateBasedRuleName`, or `name` (→ `value`). */
function nestRules(rule: unknown): Json {
  const out = keyedByData<unknown>();
  if (isObject(rule)) {
    if (!truthy(rule.ruleId)) return out;
    const { ruleId, ...rest } = rule;
    out[String(ruleId)] = rest;
    return out;
  }
  if (!Array.isArray(rule)) return out;
  let key = 'null';
  for (const entry of rule) {
    let value: unknown = entry;
    if (isObject(entry) && truthy(entry.ruleId)) {
      const { ruleId, ...rest } = entry;
      key = String(ruleId);
      value = rest;
    } else if (isObject(entry) && truthy(entry.rateBasedRuleName)) {
      const { rateBasedRuleName, ...rest } = entry;
      key = String(rateBasedRuleName);
      value = rest;
    } else if (isObject(entry) && 'name' in entry && 'value' in entry) {
      key = String(entry.name);
      value = entry.value;
    }
    out[key] = value;
  }
  return out;
}
