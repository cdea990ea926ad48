// The routing rule parameters: they reach FORWARDER_ROUTING_RULES*, and a rule file in S3 gets the forwarder
// s3:GetObject on that object alone (the trigger buckets' grant may not cover it).
import { readConfig } from '../../../src/config/index.js';
import { evaluateStack, STACK } from '../../helpers/cfn-evaluate.js';
import { loadTemplate } from '../../helpers/cfn-template.js';
import { OURS, statement, type Stack } from '../../helpers/datadog-parameters.js';

const template = loadTemplate();

function stack(parameters: Record<string, string>): Stack {
  const evaluated = evaluateStack(template, { ...OURS, ...parameters });
  const env = evaluated.environment();
  return { ...evaluated, env, config: readConfig({ AWS_REGION: STACK.region, ...env }) };
}

it('reads a rule file from S3 with GetObject on that object only', () => {
  const s = stack({
    ForwarderRoutingRules: 's3://config-bucket/forwarder/rules.yaml',
    ForwarderRoutingRulesTtlSeconds: '60',
  });
  expect(s.config.routing).toEqual({
    rulesLocation: {
      kind: 's3',
      bucket: 'config-bucket',
      key: 'forwarder/rules.yaml',
      text: 's3://config-bucket/forwarder/rules.yaml',
    },
    rulesTtlSeconds: 60,
  });
  expect(statement(s, 'ReadRoutingRules')).toEqual({
    Sid: 'ReadRoutingRules',
    Effect: 'Allow',
    Action: 's3:GetObject',
    Resource: 'arn:aws:s3:::config-bucket/forwarder/rules.yaml',
  });
});

it.each([
  ['no rule file', {}],
  ['a file of the package', { ForwarderRoutingRules: 'routing/rules.yaml' }],
])('grants nothing more with %s', (_, parameters: Record<string, string>) => {
  const s = stack(parameters);
  expect(statement(s, 'ReadRoutingRules')).toBeUndefined();
  expect(s.config.routing.rulesTtlSeconds).toBe(300);
  expect(s.config.routing.rulesLocation?.kind).toBe(parameters.ForwarderRoutingRules ? 'file' : undefined);
});
