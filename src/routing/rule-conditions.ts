// The `match` part of a routing rule (docs/routing.md): which fact of an origin each condition reads and how a
// value compares with it. Every condition of a rule must hold; within one condition, any of its values.
import type { EventType } from '../types.js';
import { isObject, typeName, type FieldReader } from './rule-fields.js';
import type { Condition, OriginFacts } from './rules.js';

/** The triggers `event_source` may name (SourceOrigin.eventType). */
const EVENT_SOURCES: readonly EventType[] = [
  'awslogs',
  's3',
  'sns',
  'sqs',
  'kinesis',
  'events',
  'eventbridge_s3',
  'custom',
];

type Test = (value: string, facts: OriginFacts) => boolean;

/** The `match` fields: which fact each reads and how one value of the field is compared with it. */
const MATCHERS: Record<string, { fact: keyof OriginFacts; compare: 'exact' | 'prefix' | 'pattern' | 'lower' }> = {
  log_group: { fact: 'logGroup', compare: 'exact' },
  log_group_prefix: { fact: 'logGroup', compare: 'prefix' },
  log_group_pattern: { fact: 'logGroup', compare: 'pattern' },
  bucket: { fact: 'bucket', compare: 'exact' },
  key_prefix: { fact: 'key', compare: 'prefix' },
  function: { fact: 'functionName', compare: 'lower' },
  event_source: { fact: 'eventSource', compare: 'exact' },
  account: { fact: 'account', compare: 'exact' },
  region: { fact: 'region', compare: 'exact' },
};

/** The rule's `match` conditions; none (a catch-all) without `match`. */
export function readConditions(field: FieldReader, match: unknown): Condition[] {
  if (match === undefined) return [];
  if (!isObject(match)) {
    field.problem('match', `must be a mapping of conditions, got ${typeName(match)}.`);
    return [];
  }
  const conditions: Condition[] = [];
  for (const [name, value] of Object.entries(match)) {
    const matcher = Object.hasOwn(MATCHERS, name) ? MATCHERS[name] : undefined;
    if (!matcher) {
      field.problem(`match.${name}`, `is not a condition (expected one of ${Object.keys(MATCHERS).join(', ')}).`);
      continue;
    }
    const test = valueTest(field, `match.${name}`, matcher.compare, value);
    if (test === undefined) continue;
    const { fact } = matcher;
    conditions.push({
      field: name,
      test: (facts) => {
        const actual = facts[fact];
        return actual !== undefined && test(actual, facts);
      },
    });
  }
  return conditions;
}

function valueTest(field: FieldReader, key: string, compare: string, value: unknown): Test | undefined {
  const values = field.strings(key, value);
  if (values === undefined) return undefined;
  if (key === 'match.event_source') {
    const unknown = values.filter((v) => !(EVENT_SOURCES as readonly string[]).includes(v));
    if (unknown.length > 0) {
      field.problem(key, `names unknown trigger(s) ${unknown.join(', ')} (known: ${EVENT_SOURCES.join(', ')}).`);
      return undefined;
    }
  }
  if (key === 'match.account' && values.some((v) => !/^\d{12}$/.test(v))) {
    field.problem(key, 'must be 12-digit AWS account ids.');
    return undefined;
  }
  switch (compare) {
    case 'prefix':
      return (actual) => values.some((v) => actual.startsWith(v));
    case 'lower': {
      const lower = values.map((v) => v.toLowerCase());
      return (actual) => lower.includes(actual.toLowerCase());
    }
    case 'pattern': {
      const patterns = values.map((v) => field.pattern(key, v));
      if (patterns.some((p) => p === undefined)) return undefined;
      return (actual) => patterns.some((p) => p!.search(actual));
    }
    default:
      return (actual) => values.includes(actual);
  }
}
