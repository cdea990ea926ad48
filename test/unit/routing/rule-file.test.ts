import { loadRe2 } from '../../../src/regex/re2-loader.js';
import { compileRuleFile, type CompileOptions } from '../../../src/routing/rule-file.js';
import { matchRules, type OriginFacts, type RuleSet } from '../../../src/routing/rules.js';
import { loadYamlParser } from '../../../src/routing/yaml-parser.js';

let options: CompileOptions;
beforeAll(async () => {
  options = { parseYaml: await loadYamlParser() };
  await loadRe2();
});

function compile(text: string, location = 'rules.yaml'): RuleSet {
  const result = compileRuleFile(text, location, options);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.rules;
}

function problems(text: string, location = 'rules.yaml'): readonly string[] {
  const result = compileRuleFile(text, location, options);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

const facts = (f: Partial<OriginFacts>): OriginFacts => ({
  eventSource: 'awslogs',
  account: '123456789012',
  region: 'us-east-1',
  ...f,
});

const RULES = `
version: 1
rules:
  - name: payments exact
    match: { log_group: /aws/lambda/payments }
    service: payments
  - name: prefix and trigger
    match: { event_source: awslogs, log_group_prefix: [/ecs/, /eks/] }
    ddsource: containers
  - name: pattern
    match: { log_group_pattern: '^/app/(web|api)-\\d+$' }
    ddsource: app
  - name: bucket and key
    match: { bucket: logs-bucket, key_prefix: AWSLogs/123456789012/elasticloadbalancing/ }
    ddsource: elb
  - name: function, any case
    match: { function: Checkout }
    host: checkout-host
  - name: another account in eu
    match: { account: '210987654321', region: eu-west-1 }
    drop: true
  - name: catch-all
    tags: [team:platform]
`;

describe('matching', () => {
  let rules: RuleSet;
  beforeAll(() => {
    rules = compile(RULES);
  });

  it.each([
    ['exact log group', { logGroup: '/aws/lambda/payments' }, 'payments exact', ['log_group']],
    ['a prefix of the list', { logGroup: '/eks/cluster' }, 'prefix and trigger', ['event_source', 'log_group_prefix']],
    ['a Python pattern', { logGroup: '/app/api-12' }, 'pattern', ['log_group_pattern']],
    [
      'bucket and key prefix',
      { eventSource: 's3', bucket: 'logs-bucket', key: 'AWSLogs/123456789012/elasticloadbalancing/x.gz' },
      'bucket and key',
      ['bucket', 'key_prefix'],
    ],
    [
      'function names compare lowercased',
      { logGroup: '/aws/lambda/checkout', functionName: 'checkout' },
      'function, any case',
      ['function'],
    ],
    [
      'account and region',
      { account: '210987654321', region: 'eu-west-1' },
      'another account in eu',
      ['account', 'region'],
    ],
    ['nothing else: the catch-all', { logGroup: '/aws/lambda/payments-2' }, 'catch-all', []],
  ])('%s', (_, f, name, matchedOn) => {
    const match = matchRules(rules, facts(f));
    expect(match?.rule.name).toBe(name);
    expect(match?.matchedOn).toEqual(matchedOn);
  });

  it('first match wins, and every condition of a rule must hold', () => {
    expect(matchRules(rules, facts({ logGroup: '/app/api-12x' }))?.rule.name).toBe('catch-all');
    expect(matchRules(rules, facts({ eventSource: 's3', bucket: 'logs-bucket', key: 'other/' }))?.rule.name).toBe(
      'catch-all',
    );
    expect(matchRules(rules, facts({ account: '210987654321', region: 'us-east-1' }))?.rule.name).toBe('catch-all');
    // The prefix rule needs the awslogs trigger.
    expect(matchRules(rules, facts({ eventSource: 'kinesis', logGroup: '/ecs/x' }))?.rule.name).toBe('catch-all');
  });

  it('no rules, no match', () => {
    expect(matchRules(undefined, facts({}))).toBeUndefined();
    expect(matchRules(compile('rules: []'), facts({}))).toBeUndefined();
  });

  it('reads JSON too, and gives each version a digest', () => {
    const json = compile('{"rules": [{"name": "all", "ddsource": "x"}]}', 'rules.json');
    expect(json.rules[0]).toMatchObject({ index: 0, name: 'all', set: { ddsource: 'x' }, drop: false });
    expect(json.version).toMatch(/^[0-9a-f]{16}$/);
    expect(compile('{"rules": []}', 'r.json').version).not.toBe(json.version);
  });

  it("compiles a rule's own scrubbing rules (the configuration's are the scrubber's to add)", () => {
    const [a, b] = compile(
      'rules: [{name: a, scrub: [{pattern: "card=\\\\d+", replacement: "card=xxx"}]}, {name: b}]',
    ).rules;
    expect(a!.scrubbingRules.map((r) => r.name)).toEqual(['a/scrub[0]']);
    expect(a!.scrubbingRules[0]!.pattern.sub('card=1234', a!.scrubbingRules[0]!.replacement)).toBe('card=xxx');
    expect(b!.scrubbingRules).toEqual([]);
  });
});

describe('validation: every problem, naming the rule and the field', () => {
  it('lists them all at once', () => {
    expect(
      problems(`
rules:
  - name: first
    match: { log_group_patern: x, account: 12345, event_source: cloudwatch }
    servce: a
  - name: first
    include: '(unclosed'
    tags: ['a:b,c:d']
    redact: [email, social_security]
  - ddsource: ''
  - name: dropper
    drop: true
    ddsource: x
  - name: bad scrub
    scrub: [{pattern: 'a(?P<x>b)', replacement: '\\g<y>'}]
`),
    ).toEqual([
      'rules[0] "first": servce is not a rule field (expected one of name, match, ddsource, service, host, tags, include, exclude, scrub, redact, drop).',
      'rules[0] "first": match.log_group_patern is not a condition (expected one of log_group, log_group_prefix, log_group_pattern, bucket, key_prefix, function, event_source, account, region).',
      'rules[0] "first": match.account must be a non-empty string or a list of them, got number 12345 (quote numbers such as account ids: YAML drops leading zeros).',
      'rules[0] "first": match.event_source names unknown trigger(s) cloudwatch (known: awslogs, s3, sns, sqs, kinesis, events, eventbridge_s3, custom).',
      'rules[1] "first": tags must list one tag per item: "a:b,c:d" holds a comma.',
      'rules[1] "first": include is not a valid Python regular expression: missing ), unterminated subpattern at position 9.',
      'rules[1] "first": redact names unknown detector(s) social_security (known: aws_access_key_id, aws_secret_access_key, bearer_token, jwt, card_number, email, ipv4, ipv6).',
      'rules[1] "first": name is already the name of rules[0].',
      'rules[2]: name is required: every rule has a name, which messages and explain show.',
      'rules[2]: ddsource must be a non-empty string, got string "".',
      'rules[3] "dropper": drop drops every log, so ddsource would do nothing.',
      'rules[4] "bad scrub": scrub[0].replacement is not a valid Python replacement: unknown group name \'y\' at position 0.',
    ]);
  });

  it.each([
    ['not a mapping', '- a\n- b', ['the file must be a mapping with a `rules` list (and optionally `version: 1`).']],
    ['no rules', 'version: 1', ['rules: must be a list of rules.']],
    [
      'a wrong version and an unknown field',
      'version: 2\nrule: []\nrules: []',
      ['unknown top-level field `rule` (expected rules, version).', 'version: must be 1, got 2.'],
    ],
    [
      'a rule that is not a mapping',
      'rules: [x]',
      [
        'rules[0]: must be a mapping of fields, got string "x".',
        'rules[0]: name is required: every rule has a name, which messages and explain show.',
      ],
    ],
    [
      'a service tag among the tags',
      'rules: [{name: a, tags: [team:x, "service:y"]}]',
      ['rules[0] "a": tags must not hold a service: tag; set the rule\'s `service`, which sets the tag too.'],
    ],
    [
      'an account id that is not 12 digits',
      'rules: [{name: a, match: {account: "1234"}}]',
      ['rules[0] "a": match.account must be 12-digit AWS account ids.'],
    ],
    [
      'a pattern Python accepts but that cannot run in linear time',
      'rules: [{name: a, match: {log_group_pattern: "(a)\\\\1"}}]',
      [expect.stringContaining('rules[0] "a": match.log_group_pattern uses ')],
    ],
  ])('%s', (_, text, expected) => {
    expect(problems(text)).toEqual(expected);
  });

  it('names the line of a YAML syntax error, and a JSON syntax error', () => {
    expect(problems('rules:\n  - name: a\n    name: b\n')).toEqual([
      expect.stringMatching(/^not valid YAML: Map keys must be unique at line 3/),
    ]);
    expect(problems('{"rules": [}', 'r.json')).toEqual([expect.stringMatching(/^not valid JSON: /)]);
  });
});
