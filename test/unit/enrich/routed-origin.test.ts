// Routing applied to origins: rules and routing tags over what detection and DD_* variables give, and nothing at
// all without them.
import { readConfig } from '../../../src/config/index.js';
import { describeOrigin, type OriginSettings, type ResourceTags } from '../../../src/enrich/origin.js';
import { forwarderIdentity } from '../../../src/parse/forwarder-identity.js';
import { compileRuleFile } from '../../../src/routing/rule-file.js';
import { routingSummary, type RuleSet } from '../../../src/routing/rules.js';
import type { SourceOrigin } from '../../../src/types.js';
import { TEST_API_KEY, lambdaContext } from '../../helpers/lambda.js';

const ACCOUNT = '012345678912';
const LAMBDA = {
  eventType: 'awslogs',
  awslogs: { logGroup: '/aws/lambda/checkout', logStream: 's', owner: ACCOUNT },
} as const;
const PLAIN = { eventType: 'awslogs', awslogs: { logGroup: '/ecs/web', logStream: 's', owner: ACCOUNT } } as const;
const S3 = { eventType: 's3', s3: { bucket: 'elb-logs', key: 'AWSLogs/x.log.gz' } } as const;

function rules(text: string): RuleSet {
  const result = compileRuleFile(text, 'rules.json');
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.rules;
}

function settings(env: Record<string, string> = {}, ruleSet?: RuleSet): OriginSettings {
  const config = readConfig({ DD_API_KEY: TEST_API_KEY, ...env });
  return { logs: config.logs, identity: forwarderIdentity(lambdaContext()), rules: ruleSet };
}

const describe_ = (source: SourceOrigin, s: OriginSettings, tags: ResourceTags = {}) => describeOrigin(source, s, tags);

const RULES = rules(
  JSON.stringify({
    rules: [
      {
        name: 'checkout',
        match: { function: 'checkout' },
        ddsource: 'node',
        service: 'shop',
        tags: ['env:prod', 'team:a'],
      },
      { name: 'ecs', match: { log_group_prefix: '/ecs/' }, host: 'web-cluster' },
      { name: 'elb', match: { event_source: 's3', bucket: 'elb-logs' }, ddsource: 'elb' },
    ],
  }),
);

it('without rules or routing tags, the origin is exactly what it was', () => {
  for (const source of [LAMBDA, PLAIN, S3]) {
    const origin = describe_(source, settings({}, rules('{"rules": []}')), { logGroup: ['team:x'], s3Bucket: ['a:b'] });
    expect(origin).toEqual(describe_(source, settings(), { logGroup: ['team:x'], s3Bucket: ['a:b'] }));
    expect(origin.routing).toBeUndefined();
  }
});

it('a rule sets ddsource, service and tags of a Lambda function, which stays a Lambda function', () => {
  const bare = describe_(LAMBDA, settings());
  const origin = describe_(LAMBDA, settings({}, RULES));
  expect(origin).toMatchObject({ ddsource: 'node', service: 'shop', host: bare.host, lambdaArn: bare.lambdaArn });
  expect(origin.attributes).toEqual(bare.attributes);
  // One service tag, saying what the attribute says; the rule's env replaces the env:none placeholder.
  expect(origin.tags.filter((t) => t.startsWith('service:'))).toEqual(['service:shop']);
  expect(origin.tags).not.toContain('env:none');
  expect(origin.tags.slice(-2)).toEqual(['env:prod', 'team:a']);
  expect(origin.routing).toEqual({
    match: { rule: RULES.rules[0], matchedOn: ['function'] },
    setBy: {
      ddsource: { by: 'rule', index: 0, name: 'checkout' },
      service: { by: 'rule', index: 0, name: 'checkout' },
      tags: { by: 'rule', index: 0, name: 'checkout' },
    },
  });
});

it("a service that defaulted to the source follows a rule's ddsource; the host is the rule's", () => {
  expect(describe_(S3, settings({}, RULES))).toMatchObject({ ddsource: 'elb', service: 'elb' });
  expect(describe_(PLAIN, settings({}, RULES))).toMatchObject({ ddsource: 'cloudwatch', host: 'web-cluster' });
});

describe('precedence: rule, then resource tags, then DD_* variables, then detection', () => {
  it("dd_source / dd_host tags set what no rule sets; the log group's tags before the function's", () => {
    const tags: ResourceTags = {
      logGroup: ['dd_host:from-group'],
      lambda: ['dd_source:java', 'dd_host:from-function'],
    };
    const origin = describe_(LAMBDA, settings(), tags);
    expect(origin).toMatchObject({ ddsource: 'java', host: 'from-group' });
    expect(origin.routing?.setBy).toEqual({
      ddsource: { by: 'tag', resource: 'lambda', tag: 'dd_source:java' },
      host: { by: 'tag', resource: 'logGroup', tag: 'dd_host:from-group' },
    });
    // A rule beats the tags for what it sets; the tags still give the rest.
    const ruled = describe_(LAMBDA, settings({}, RULES), tags);
    expect(ruled).toMatchObject({ ddsource: 'node', host: 'from-group' });
  });

  it('tags and rules beat DD_SOURCE (whose source_overridden tag stays); DD_SOURCE beats detection', () => {
    expect(describe_(S3, settings({ DD_SOURCE: 'custom' }))).toMatchObject({ ddsource: 'custom' });
    expect(describe_(S3, settings({ DD_SOURCE: 'custom' }), { s3Bucket: ['dd_source:alb'] })).toMatchObject({
      ddsource: 'alb',
    });
    const ruled = describe_(S3, settings({ DD_SOURCE: 'custom' }, RULES), { s3Bucket: ['dd_source:alb'] });
    expect(ruled.ddsource).toBe('elb');
    expect(ruled.tags).toContain('source_overridden:true');
  });

  it("a rule's service beats a service: in DD_TAGS and a service resource tag", () => {
    const origin = describe_(LAMBDA, settings({ DD_TAGS: 'service:global' }, RULES), { lambda: ['service:tagged'] });
    expect(origin.service).toBe('shop');
    expect(origin.tags.filter((t) => t.startsWith('service:'))).toEqual(['service:shop']);
    // Without the rule, the Datadog Forwarder's order stands: DD_TAGS' service over the function's service tag.
    expect(describe_(LAMBDA, settings({ DD_TAGS: 'service:global' }), { lambda: ['service:tagged'] }).service).toBe(
      'global',
    );
  });
});

it('summarizes what decided an origin as plain data, for explain', () => {
  const set = rules(
    '{"rules": [{"name": "web", "match": {"log_group_prefix": "/ecs/"}, "exclude": "health", "redact": ["email"]}]}',
  );
  const origin = describe_(PLAIN, settings({}, set), { logGroup: ['dd_host:web-1'] });
  expect(JSON.parse(JSON.stringify(routingSummary(origin.routing)))).toEqual({
    rule: { index: 0, name: 'web', matchedOn: ['log_group_prefix'], exclude: 'health', redact: ['email'] },
    setBy: { host: { by: 'tag', resource: 'logGroup', tag: 'dd_host:web-1' } },
  });
  expect(routingSummary(undefined)).toBeUndefined();
});
