// A Datadog Forwarder stack's parameters, given to our template: the parameters of datadog-serverless-functions
// aws/logs_monitoring/template.yaml at tag aws-dd-forwarder-5.4.11 (names, types and defaults written out in
// test/helpers/datadog-parameters.ts from that file), each with a realistic value other than its default. Each must be a parameter of ours, of the
// same type, taking both values; its default must be Datadog's (or differ for a reason listed); and the stack our
// template makes from it must mean the same: the same environment variable, read by readConfig into the setting
// the Datadog Forwarder gave it, or the same resource property. docs/migrate.md relies on this.
import { readConfig } from '../../../src/config/index.js';
import { evaluateStack, STACK } from '../../helpers/cfn-evaluate.js';
import { loadTemplate } from '../../helpers/cfn-template.js';
import { API_KEY, CASES, OURS, statement, type Stack } from '../../helpers/datadog-parameters.js';
import { acceptsValue } from '../../helpers/template-parameters.js';

const template = loadTemplate();
/** Where our default differs from Datadog 5.4.11's, and why (docs/migrate.md says so too). */
const OTHER_DEFAULTS: Record<string, string> = {
  DdStoreFailedEvents: 'lose nothing: what the intakes refused is stored and replayed by default',
  DdScheduleRetryFailedEvents: 'lose nothing: stored events are replayed on a schedule by default',
};

function stack(parameters: Record<string, string>): Stack {
  const evaluated = evaluateStack(template, { ...OURS, ...parameters });
  const env = evaluated.environment();
  return { ...evaluated, env, config: readConfig({ AWS_REGION: STACK.region, ...env }) };
}

describe('a Datadog Forwarder 5.4.11 stack’s parameters, given to our template', () => {
  it('covers every parameter of the Datadog template, once', () => {
    expect(CASES).toHaveLength(59);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it.each(CASES)('$name is ours, of the same type, and takes its default and a realistic value', (c) => {
    const ours = template.Parameters[c.name];
    expect(ours?.Type).toBe(c.type);
    expect(acceptsValue(template, c.name, c.datadogDefault)).toBe(true);
    expect(acceptsValue(template, c.name, c.value)).toBe(true);
    if (c.name in OTHER_DEFAULTS) expect(String(ours!.Default)).not.toBe(c.datadogDefault);
    else expect(String(ours!.Default)).toBe(c.datadogDefault);
  });

  it.each(CASES)('$name reaches the same variable and means the same', (c) => {
    const s = stack({ ...c.with, [c.name]: c.value });
    if (c.variable !== undefined) expect(s.env[c.variable]).toBe(c.value);
    c.means(s);
  });

  it('deploys with every Datadog default and means what a default Datadog deployment means', () => {
    const defaults = Object.fromEntries(CASES.map((c) => [c.name, c.datadogDefault]));
    const s = stack({ ...defaults, DdApiKey: API_KEY });
    expect(s.config.apiKey).toMatchObject({ kind: 'secrets-manager' });
    expect(s.config.intake.logsUrl).toBe('https://http-intake.logs.datadoghq.com:443');
    expect(s.config.enrichment.fetchLambdaTags).toBe(true);
    // DdEnhancedMetrics=false, Datadog's default: its enhanced metrics from logs are still sent.
    expect(s.env['DD_ENHANCED_METRICS']).toBe('false');
    expect(s.config.metrics.enhancedMetrics).toBe(true);
    // Empty lists allow every key and queue, as the Datadog template grants them.
    expect(statement(s, 'Decrypt')!['Resource']).toBe('*');
    expect(statement(s, 'ReadTriggerQueues')!['Resource']).toBe('*');
    expect(statement(s, 'ReadLogObjects')!['Resource']).toBe('*');
  });

  it('keeps the logical ids of the Datadog template’s resources, so an update in place keeps them', () => {
    // datadog-serverless-functions aws/logs_monitoring/template.yaml, 5.4.11: its resources but the code copier
    // (ForwarderZip, ForwarderZipCopier, ForwarderZipCopierRole, ForwarderZipReady), which ours does not need.
    const datadogResources = {
      Forwarder: 'AWS::Lambda::Function',
      ForwarderRole: 'AWS::IAM::Role',
      CloudWatchLogsInvokePermission: 'AWS::Lambda::Permission',
      S3Permission: 'AWS::Lambda::Permission',
      SNSPermission: 'AWS::Lambda::Permission',
      CloudWatchEventsPermission: 'AWS::Lambda::Permission',
      LogGroup: 'AWS::Logs::LogGroup',
      DdApiKeySecret: 'AWS::SecretsManager::Secret',
      ForwarderBucket: 'AWS::S3::Bucket',
      ForwarderBucketPolicy: 'AWS::S3::BucketPolicy',
      SchedulerRole: 'AWS::IAM::Role',
      Scheduler: 'AWS::Scheduler::Schedule',
    };
    for (const [id, type] of Object.entries(datadogResources))
      expect([id, template.Resources[id]?.Type]).toEqual([id, type]);
    // The function keeps its generated name (and so its ARN and triggers) unless FunctionName is set, as there.
    expect(stack({}).properties('Forwarder')['FunctionName']).toBeUndefined();
    expect(Object.keys(template.Outputs)).toEqual(
      expect.arrayContaining(['DatadogForwarderArn', 'DdApiKeySecretArn', 'ForwarderBucketName']),
    );
  });
});
