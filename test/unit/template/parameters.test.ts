// template.yaml's parameters against readConfig, the code that reads the variables they set:
// - constraints: a value CloudFormation accepts (MinValue, MaxValue, AllowedValues, AllowedPattern) is one the code
//   accepts, and at the boundaries a value it refuses is one the code refuses too, so a stack cannot deploy a
//   configuration that fails every invocation (probed with each parameter's boundary values and typical mistakes);
// - defaults: each parameter's default gives the configuration the code gives with the variable unset, except
//   where the template deliberately differs, listed below with the reason.
import { readConfig, type Config } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors.js';
import { intrinsic, loadTemplate, type Json } from '../../helpers/cfn-template.js';
import { TEST_API_KEY } from '../../helpers/lambda.js';
import { acceptsValue, RESOURCE_PARAMETERS } from '../../helpers/template-parameters.js';

const template = loadTemplate();
const variables = (template.Resources['Forwarder']!.Properties!['Environment'] as { Variables: Record<string, Json> })
  .Variables;

/** Parameter → the variables it sets as they are (`VAR: !Ref Parameter`). */
const direct = new Map<string, string[]>();
for (const [variable, value] of Object.entries(variables)) {
  const fn = intrinsic(value);
  if (fn?.[0] === 'Ref' && String(fn[1]) in template.Parameters) {
    direct.set(String(fn[1]), [...(direct.get(String(fn[1])) ?? []), variable]);
  }
}

/** What the other settings must be for a variable to be read on its own (a store needs a bucket, a VPC a region). */
const BASE_ENV = { DD_API_KEY: TEST_API_KEY, DD_S3_BUCKET_NAME: 'forwarder-bucket', AWS_REGION: 'us-east-1' };

const templateAccepts = (parameter: string, value: string) => acceptsValue(template, parameter, value);

/** Whether readConfig accepts the variables a parameter sets, given this value. */
function codeAccepts(parameter: string, value: string): boolean {
  const env: Record<string, string> = { ...BASE_ENV };
  for (const variable of direct.get(parameter)!) env[variable] = value;
  try {
    readConfig(env);
    return true;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const names = direct.get(parameter)!;
    const unrelated = error.problems.filter((problem) => !names.some((name) => problem.includes(name)));
    if (unrelated.length > 0) throw new Error(`${parameter}=${value}: ${unrelated.join(' ')}`);
    return false;
  }
}

/** Values to try on string parameters with a pattern: what must pass, what a user could mistype. */
const PATTERN_PROBES: Record<string, string[]> = {
  DdPort: ['', '1', '443', '10516', '65535', '0', '65536', '-1', 'abc', '44 3'],
  DdApiUrl: ['', 'https://api.datadoghq.eu', 'http://127.0.0.1:8080', 'ftp://x', 'api.datadoghq.eu'],
  DdTraceIntakeUrl: ['', 'https://trace.agent.datadoghq.eu', 'http://10.0.0.1:8126', 'trace.agent.datadoghq.eu'],
  DdHttpProxyURL: ['', 'http://proxy.internal:3128', 'http://user:secret@10.0.0.1:3128', 'https://p:3128', 'p:3128'],
  ForwarderArm64Functions: ['', 'billing', 'api-*,billing', 'api-* , billing.v2', 'bad name', 'a,,b'],
};

/** Constrained parameters the probes above do not cover, and why. */
const NOT_PROBED: Record<string, string> = {
  DdSite: "'.+' only asks for a value; the code takes any site name (an empty one means the default)",
  DdSqsQueueUrl:
    'stricter than the code on purpose: the template must derive the queue ARN for IAM from an SQS queue URL',
};

function probes(parameter: string): string[] {
  const p = template.Parameters[parameter]!;
  if (PATTERN_PROBES[parameter]) return PATTERN_PROBES[parameter];
  if (p.AllowedValues) return [...p.AllowedValues.map(String), 'yes', '-1'];
  const min = p['MinValue'] as number;
  const max = p['MaxValue'] as number;
  // Not decimals: CloudFormation's Number type takes 0.5 and no constraint can refuse it; readConfig refuses it.
  return [min - 1, min, max, max + 1].map(String);
}

describe('template parameters against readConfig', () => {
  const constrained = [...direct.keys()].filter((name) => {
    const p = template.Parameters[name]!;
    return p.AllowedValues || p['AllowedPattern'] !== undefined || p.Type === 'Number';
  });

  it('bounds every number the code reads, as the code bounds it', () => {
    const unbounded = [...direct.keys()].filter((name) => {
      const p = template.Parameters[name]!;
      return p.Type === 'Number' && !p.AllowedValues && (p['MinValue'] === undefined || p['MaxValue'] === undefined);
    });
    expect(unbounded).toEqual([]);
    expect(constrained.length).toBeGreaterThan(30);
  });

  it('covers every constrained string parameter with probes, or says why not', () => {
    const uncovered = constrained.filter((name) => {
      const p = template.Parameters[name]!;
      return p['AllowedPattern'] !== undefined && !(name in PATTERN_PROBES) && !(name in NOT_PROBED);
    });
    expect(uncovered).toEqual([]);
  });

  it.each(constrained.filter((name) => !(name in NOT_PROBED)))(
    '%s: CloudFormation accepts exactly the probed values the code accepts',
    (parameter) => {
      const disagreements = probes(parameter)
        .map((value) => ({ value, template: templateAccepts(parameter, value), code: codeAccepts(parameter, value) }))
        .filter((probe) => probe.template !== probe.code);
      expect(disagreements).toEqual([]);
    },
  );

  it('finds a disagreement when there is one', () => {
    // TagsCacheTTLSeconds had MinValue 0, which the code refuses: every invocation then failed.
    const p = template.Parameters['TagsCacheTTLSeconds']!;
    const saved = p['MinValue'];
    p['MinValue'] = 0;
    try {
      expect(templateAccepts('TagsCacheTTLSeconds', '0')).toBe(true);
      expect(codeAccepts('TagsCacheTTLSeconds', '0')).toBe(false);
    } finally {
      p['MinValue'] = saved!;
    }
  });
});

/**
 * Parameters whose default deliberately gives another configuration than the variable unset, and why. The
 * Datadog Forwarder's template and code differ in the same places (datadog-serverless-functions
 * aws/logs_monitoring/template.yaml and settings.py, 5.4.11), except DdStoreFailedEvents.
 */
const DIFFERENT_DEFAULTS: Record<string, string> = {
  DdFetchLambdaTags: 'the Datadog template fetches Lambda tags by default (true); its code, and ours, default to false',
  DdLogLevel: "the Datadog template's WARN; the code defaults to INFO, as the Datadog code does",
  DdStoreFailedEvents:
    'lose nothing: a deployment stores what it could not deliver (the code keeps the Datadog default, false)',
};

/** Parameters that do not set a variable as they are, and why their default is not compared here. */
const NOT_COMPARED: Record<string, string> = {
  DdApiKeySecretArn: 'its default is a placeholder meaning unset, which the code knows too; set only with a secret',
  DdApiKeySsmParameterName: 'its default is a placeholder meaning unset; the template leaves the variable out',
  DdForwarderExistingBucketName: 'sets DD_S3_BUCKET_NAME only when given (else the created bucket, or nothing)',
  AdditionalTargetLambdaArns: 'a list, joined with commas: the empty default gives an empty variable',
  DdLogsConfigAdditionalEndpointsSecret: 'sets a *_SECRET_ARN or *_KMS_ENCRYPTED variable only when given',
  DdAdditionalEndpointsSecret: 'sets a *_SECRET_ARN or *_KMS_ENCRYPTED variable only when given',
  DdApmAdditionalEndpointsSecret: 'sets a *_SECRET_ARN or *_KMS_ENCRYPTED variable only when given',
  DdHttpProxyURLSecret: 'sets a *_SECRET_ARN or *_KMS_ENCRYPTED variable only when given',
  AutoSubscribeLogGroupPrefixes: 'read by the auto-subscriber, not the forwarder (agreement.test.ts)',
  AutoSubscribeLogGroupPattern: 'read by the auto-subscriber, not the forwarder (agreement.test.ts)',
  AutoSubscribeLogGroupTags: 'read by the auto-subscriber, not the forwarder (agreement.test.ts)',
  AutoSubscribeFilterPattern: 'read by the auto-subscriber, not the forwarder (agreement.test.ts)',
};

describe('template defaults against the code defaults', () => {
  const unset: Config = readConfig(BASE_ENV);
  const withDefault = (parameter: string): Config => {
    const env: Record<string, string> = { ...BASE_ENV };
    for (const variable of direct.get(parameter)!) env[variable] = String(template.Parameters[parameter]!.Default);
    return readConfig(env);
  };

  it('compares every parameter, or says why not', () => {
    const neither = Object.keys(template.Parameters).filter(
      (p) => !direct.has(p) && !(p in NOT_COMPARED) && !(p in RESOURCE_PARAMETERS),
    );
    expect(neither).toEqual([]);
    const stale = Object.keys(NOT_COMPARED).filter((p) => !(p in template.Parameters) || direct.has(p));
    expect(stale).toEqual([]);
  });

  it.each([...direct.keys()].filter((p) => !(p in DIFFERENT_DEFAULTS)))(
    '%s: its default is what the code does with the variable unset',
    (parameter) => {
      expect(withDefault(parameter)).toEqual(unset);
    },
  );

  it.each(Object.entries(DIFFERENT_DEFAULTS))('%s differs on purpose: %s', (parameter) => {
    expect(direct.has(parameter)).toBe(true);
    expect(withDefault(parameter)).not.toEqual(unset);
  });
});
