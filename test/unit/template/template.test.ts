// template.yaml against the CloudFormation resource specification and against itself: every resource type and
// property, every !Ref / !GetAtt / !Sub / !FindInMap and condition resolves, references to conditional resources
// are guarded by their condition, the runtime is one Lambda supports, and IAM stays least-privilege.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkResourceProperties, hasAttribute } from '../../helpers/cfn-spec.js';
import { intrinsic, loadTemplate, subVariables, walk, type Json } from '../../helpers/cfn-template.js';

const template = loadTemplate();
const PSEUDO = [
  'AWS::AccountId',
  'AWS::NoValue',
  'AWS::Partition',
  'AWS::Region',
  'AWS::StackId',
  'AWS::StackName',
  'AWS::URLSuffix',
  'AWS::NotificationARNs',
];
// Node.js runtimes Lambda supports (not deprecated), https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html
const SUPPORTED_NODE_RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'];

const sections = (): [string, Json][] => [
  ...Object.entries(template.Resources).map(([k, v]): [string, Json] => [`Resources.${k}`, v as Json]),
  ...Object.entries(template.Outputs).map(([k, v]): [string, Json] => [`Outputs.${k}`, v as Json]),
  ...Object.entries(template.Conditions).map(([k, v]): [string, Json] => [`Conditions.${k}`, v]),
];

/** Every intrinsic function use in the template, with where it is. */
function uses(name: string): [string, Json][] {
  const found: [string, Json][] = [];
  for (const [section, value] of sections()) {
    for (const [at, node] of walk(value, section)) {
      const fn = intrinsic(node);
      if (fn && fn[0] === name) found.push([at, fn[1]]);
    }
  }
  return found;
}

describe('template.yaml', () => {
  it.each(Object.entries(template.Resources))('%s conforms to the resource specification', (_name, resource) => {
    expect(checkResourceProperties(resource.Type, resource.Properties)).toEqual([]);
  });

  it('has a specification check that finds unknown, mistyped and missing properties', () => {
    expect(
      checkResourceProperties('AWS::Lambda::Function', {
        Code: { S3Bucket: 'b', S3Keyy: 'k' },
        MemorySize: 'lots',
        Architectures: 'arm64',
        Runtime: { 'Fn::If': ['C', 'nodejs22.x', ['not', 'a', 'string']] },
      }),
    ).toEqual([
      'AWS::Lambda::Function: required property Role is missing',
      'AWS::Lambda::Function.Code: unknown property S3Keyy',
      'AWS::Lambda::Function.MemorySize: expected a number',
      'AWS::Lambda::Function.Architectures: expected a list',
      'AWS::Lambda::Function.Runtime: expected a string',
    ]);
    expect(checkResourceProperties('AWS::Lambda::Functions', {})).toEqual([
      'AWS::Lambda::Functions is not a CloudFormation resource type',
    ]);
    expect(hasAttribute('AWS::Lambda::Function', 'Arn')).toBe(true);
    expect(hasAttribute('AWS::Lambda::Function', 'Name')).toBe(false);
  });

  it('resolves every Ref to a parameter, a resource or a pseudo parameter', () => {
    const bad = uses('Ref').filter(([, target]) => {
      const name = String(target);
      return !(name in template.Parameters || name in template.Resources || PSEUDO.includes(name));
    });
    expect(bad).toEqual([]);
    expect(uses('Ref').length).toBeGreaterThan(50);
  });

  it('reads only attributes that exist, of resources that exist, with Fn::GetAtt', () => {
    const bad = uses('Fn::GetAtt').filter(([, args]) => {
      const [resource, attribute] = args as Json[];
      const target = template.Resources[String(resource)];
      return !target || !hasAttribute(target.Type, String(attribute));
    });
    expect(bad).toEqual([]);
  });

  it('resolves every variable of every Fn::Sub', () => {
    const bad: string[] = [];
    for (const [at, args] of uses('Fn::Sub')) {
      const [text, locals] = Array.isArray(args)
        ? [String(args[0]), (args[1] ?? {}) as Record<string, Json>]
        : [String(args), {}];
      for (const variable of subVariables(text)) {
        const [head, attribute] = variable.split('.');
        const resource = template.Resources[head!];
        const ok =
          variable in locals ||
          PSEUDO.includes(variable) ||
          (attribute === undefined && (head! in template.Parameters || resource !== undefined)) ||
          (attribute !== undefined && resource !== undefined && hasAttribute(resource.Type, attribute));
        if (!ok) bad.push(`${at}: \${${variable}}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('resolves every Fn::FindInMap', () => {
    for (const [, [map, key, field]] of uses('Fn::FindInMap') as [string, Json[]][]) {
      expect(template.Mappings[String(map)]?.[String(key)]?.[String(field)]).toBeDefined();
    }
    const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
      version: string;
    };
    expect(template.Mappings['Constants']!['Forwarder']!['Version']).toBe(pkg.version);
  });

  it('defines every condition it uses, and uses every condition it defines', () => {
    const used = new Set<string>([
      ...uses('Fn::If').map(([, args]) => String((args as Json[])[0])),
      ...uses('Condition').map(([, name]) => String(name)),
      ...Object.values(template.Resources).flatMap((r) => (r.Condition ? [r.Condition] : [])),
      ...Object.values(template.Outputs).flatMap((o) => (o.Condition ? [o.Condition] : [])),
    ]);
    expect([...used].filter((c) => !(c in template.Conditions))).toEqual([]);
    expect(Object.keys(template.Conditions).filter((c) => !used.has(c))).toEqual([]);
  });

  it('refers to a conditional resource only where its condition holds', () => {
    const bad: string[] = [];
    for (const [section, value] of sections()) {
      const own = (value as { Condition?: string }).Condition;
      visitGuarded(value, own ? [own] : [], (target, guards, at) => {
        const condition = template.Resources[target]?.Condition;
        if (condition && !guards.includes(condition)) bad.push(`${section}${at} → ${target} (needs ${condition})`);
      });
    }
    expect(bad).toEqual([]);
  });

  it('references every parameter somewhere', () => {
    const referenced = new Set([
      ...uses('Ref').map(([, n]) => String(n)),
      ...uses('Fn::Sub').flatMap(([, a]) => subVariables(String(Array.isArray(a) ? a[0] : a))),
      ...[...walk((template.Rules ?? {}) as Json)].flatMap(([, n]) =>
        intrinsic(n)?.[0] === 'Ref' ? [String(intrinsic(n)![1])] : [],
      ),
    ]);
    // Accepted so Datadog Forwarder parameter files still deploy, with no effect (see the parameter's description).
    const acceptedForCompatibility = ['SourceZipUrl', 'InstallAsLayer', 'LayerARN', 'DdTraceEnabled'];
    expect(Object.keys(template.Parameters).filter((p) => !referenced.has(p))).toEqual(acceptedForCompatibility);
  });

  it('runs the functions on a Node.js runtime Lambda supports, arm64 by default', () => {
    const functions = Object.values(template.Resources).filter((r) => r.Type === 'AWS::Lambda::Function');
    expect(functions.length).toBeGreaterThanOrEqual(2);
    for (const fn of functions) {
      expect(SUPPORTED_NODE_RUNTIMES).toContain(fn.Properties!['Runtime']);
      // The Node.js runtime Lambda recommends, and the major the tests and the runtime end-to-end test run on.
      expect(fn.Properties!['Runtime']).toBe('nodejs24.x');
      expect(fn.Properties!['Runtime']).toBe(`nodejs${process.versions.node.split('.')[0]}.x`);
      expect(fn.Properties!['Architectures']).toEqual([{ Ref: 'Architecture' }]);
    }
    expect(template.Parameters['Architecture']).toMatchObject({ Default: 'arm64', AllowedValues: ['arm64', 'x86_64'] });
    expect(template.Resources['Forwarder']!.Properties!['Handler']).toBe('handler.handler');
    expect(template.Resources['Subscriber']!.Properties!['Handler']).toBe('subscriber.handler');
  });

  it('is deployed the documented way: over 51,200 bytes, every documented deploy uploads it to S3 first', () => {
    // CloudFormation takes templates up to 51,200 bytes inline; larger ones must come from S3.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
    const size = readFileSync(path.resolve(__dirname, '../../../template.yaml')).length;
    const docs = ['docs/deploy.md', 'docs/migrate.md'].map((f) =>
      readFileSync(path.resolve(__dirname, '../../..', f), 'utf8'),
    );
    const commands = docs.flatMap((text) => text.match(/^ *aws cloudformation deploy(?:[^\n]*\\\n)*[^\n]*/gm) ?? []);
    expect(commands.length).toBeGreaterThanOrEqual(4);
    if (size > 51_200) expect(commands.filter((c) => !c.includes('--s3-bucket'))).toEqual([]);
  });

  it('outputs the forwarder ARN', () => {
    expect(template.Outputs['DatadogForwarderArn']!.Value).toEqual({ 'Fn::GetAtt': ['Forwarder', 'Arn'] });
  });

  it('grants each forwarder permission only when its feature is on, on named resources', () => {
    const role = template.Resources['ForwarderRole']!.Properties!;
    const statements = (role['Policies'] as { PolicyDocument: { Statement: Json[] } }[])[0]!.PolicyDocument.Statement;
    const always = statements.filter((s) => intrinsic(s)?.[0] !== 'Fn::If') as { Sid: string }[];
    // Writing its own logs; reading the S3 objects, decrypting with the keys and polling the queues of its triggers,
    // every one when its list is empty, as the Datadog Forwarder's template grants them (datadog-serverless-functions
    // aws/logs_monitoring/template.yaml, 5.4.11): stacks switching from it keep working.
    expect(always.map((s) => s.Sid)).toEqual(['OwnLogs', 'ReadLogObjects', 'Decrypt', 'ReadTriggerQueues']);
    const wildcard: string[] = [];
    for (const [at, node] of walk(statements as Json)) {
      if (at.endsWith('.Resource') && JSON.stringify(node).includes('"*"')) wildcard.push(at);
    }
    // tag:GetResources has no resource-level permissions; the three lists fall back to * when empty.
    expect(wildcard).toHaveLength(4);
    for (const [sid, list] of [
      ['ReadLogObjects', 'S3BucketArnList'],
      ['Decrypt', 'KmsKeyList'],
      ['ReadTriggerQueues', 'SqsQueueArnList'],
    ]) {
      const statement = always.find((s) => s.Sid === sid) as unknown as { Resource: Json };
      expect(statement.Resource).toEqual({ 'Fn::If': [expect.stringMatching(/^Set/), { Ref: list }, '*'] });
    }
    expect(JSON.stringify(role['ManagedPolicyArns'])).toMatch(/SetDdUseVPC.*AWSLambdaVPCAccessExecutionRole/);
  });

  it('loses nothing by default: stores and replays what the intakes refused, and keeps events Lambda gave up on', () => {
    const defaults = (name: string) => template.Parameters[name]!.Default;
    expect([defaults('DdStoreFailedEvents'), defaults('DdScheduleRetryFailedEvents')]).toEqual(['true', 'true']);
    expect(defaults('ForwarderFailedInvocationsQueue')).toBe('true');
    // The failed-event store is the forwarder bucket, which a default deployment creates.
    expect(template.Conditions['NeedsForwarderBucket']).toEqual({
      'Fn::Or': expect.arrayContaining([
        { 'Fn::And': [{ Condition: 'SetDdStoreFailedEvents' }, { 'Fn::Not': [{ Condition: 'SetDdSqsQueueUrl' }] }] },
      ]),
    });
    const invokeConfig = template.Resources['ForwarderEventInvokeConfig']!;
    expect(invokeConfig).toMatchObject({
      Condition: 'CreateFailedInvocationsQueue',
      Properties: {
        FunctionName: { Ref: 'Forwarder' },
        Qualifier: '$LATEST',
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['FailedInvocationsQueue', 'Arn'] } } },
      },
    });
    expect(template.Resources['FailedInvocationsQueue']).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { SqsManagedSseEnabled: true, MessageRetentionPeriod: 1209600 },
    });
    const role = JSON.stringify(template.Resources['ForwarderRole']!.Properties!['Policies']);
    expect(role).toContain(
      '{"Sid":"FailedInvocationsQueue","Effect":"Allow","Action":"sqs:SendMessage","Resource":{"Fn::GetAtt":["FailedInvocationsQueue","Arn"]}}',
    );
  });

  it('lets only its own retry schedule assume the scheduler role', () => {
    const name = template.Resources['Scheduler']!.Properties!['Name'] as { 'Fn::Sub': string };
    const trust = JSON.stringify(template.Resources['SchedulerRole']!.Properties!['AssumeRolePolicyDocument']);
    expect(trust).toContain(`:schedule/default/${name['Fn::Sub']}`);
  });

  it('keeps the forwarder bucket encrypted, private and TLS-only', () => {
    const bucket = template.Resources['ForwarderBucket']!.Properties!;
    expect(bucket['BucketEncryption']).toMatchObject({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }],
    });
    expect(Object.values(bucket['PublicAccessBlockConfiguration'] as object)).toEqual([true, true, true, true]);
    const policy = template.Resources['ForwarderBucketPolicy']!.Properties!['PolicyDocument'];
    expect(policy).toMatchObject({
      Statement: [{ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
    });
  });
});

/** Calls `found` for every Ref/GetAtt/Sub reference to a resource, with the conditions known to hold there. */
function visitGuarded(
  value: Json,
  guards: string[],
  found: (target: string, guards: string[], at: string) => void,
  at = '',
): void {
  const fn = intrinsic(value);
  if (fn?.[0] === 'Fn::If' && Array.isArray(fn[1])) {
    const [condition, whenTrue, whenFalse] = fn[1];
    visitGuarded(whenTrue!, [...guards, String(condition)], found, `${at}.If(${String(condition)})`);
    visitGuarded(whenFalse!, guards, found, `${at}.Else(${String(condition)})`);
    return;
  }
  if (fn?.[0] === 'Ref') return found(String(fn[1]), guards, at);
  if (fn?.[0] === 'Fn::GetAtt') return found(String((fn[1] as Json[])[0]), guards, at);
  if (fn?.[0] === 'Fn::Sub') {
    const text = Array.isArray(fn[1]) ? String(fn[1][0]) : String(fn[1]);
    for (const v of subVariables(text)) found(v.split('.')[0]!, guards, at);
  }
  if (Array.isArray(value)) value.forEach((v, i) => visitGuarded(v, guards, found, `${at}[${i}]`));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) visitGuarded(v, guards, found, `${at}.${k}`);
  }
}
