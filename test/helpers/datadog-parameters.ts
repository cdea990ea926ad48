// The Datadog Forwarder 5.4.11 template's parameters, as a table for test/unit/template/datadog-compat.test.ts:
// written out from datadog-serverless-functions aws/logs_monitoring/template.yaml at tag aws-dd-forwarder-5.4.11
// (names, types, defaults), each with a realistic value other than its default and what that value means in the
// stack our template makes from it.
import type { Config } from '../../src/config/index.js';
import type { EvaluatedStack } from './cfn-evaluate.js';
import { STACK } from './cfn-evaluate.js';
import type { Json } from './cfn-template.js';

export const API_KEY = 'abcdefghijklmnopqrstuvwxyz012345';
export const SECRET_ARN = `arn:aws:secretsmanager:${STACK.region}:${STACK.accountId}:secret:datadog-api-key-AbCdEf`;
/** Our template's own required parameter (the Datadog template takes its code from a layer). */
export const OURS = { CodeS3Bucket: 'my-artifacts', DdApiKey: API_KEY };

export interface Case {
  readonly name: string;
  readonly type: 'String' | 'Number' | 'CommaDelimitedList';
  /** Datadog 5.4.11's default, as its template writes it. */
  readonly datadogDefault: string;
  /** A realistic value other than the default. */
  readonly value: string;
  /** Other parameters the value needs to mean anything (subnets for a VPC, a store for its schedule). */
  readonly with?: Record<string, string>;
  /** The variable Datadog's template sets from it; undefined when it configures a resource. */
  readonly variable?: string;
  /** What the value means in the stack our template makes. */
  readonly means: (stack: Stack) => void;
}

export interface Stack extends EvaluatedStack {
  readonly env: Record<string, string>;
  readonly config: Config;
}

export const statement = (stack: Stack, sid: string) =>
  (
    stack.properties('ForwarderRole')['Policies'] as { PolicyDocument: { Statement: Record<string, Json>[] } }[]
  )[0]!.PolicyDocument.Statement.find((s) => s['Sid'] === sid);

export const CASES: Case[] = [
  {
    name: 'DdApiKey',
    type: 'String',
    datadogDefault: '',
    value: API_KEY,
    means: (s) => {
      expect(s.exists('DdApiKeySecret')).toBe(true);
      expect(s.properties('DdApiKeySecret')['SecretString']).toBe(API_KEY);
      expect(s.config.apiKey).toMatchObject({
        kind: 'secrets-manager',
        arn: expect.stringContaining('DdApiKeySecret'),
      });
    },
  },
  {
    name: 'DdApiKeySecretArn',
    type: 'String',
    datadogDefault: 'arn:aws:secretsmanager:DEFAULT',
    value: SECRET_ARN,
    with: { DdApiKey: '' },
    variable: 'DD_API_KEY_SECRET_ARN',
    means: (s) => {
      expect(s.exists('DdApiKeySecret')).toBe(false);
      expect(s.config.apiKey).toEqual({ kind: 'secrets-manager', arn: SECRET_ARN, region: STACK.region });
      expect(statement(s, 'ReadApiKeySecret')!['Resource']).toBe(`${SECRET_ARN}*`);
    },
  },
  {
    name: 'DdApiKeySsmParameterName',
    type: 'String',
    datadogDefault: '/my/parameter/path',
    value: '/datadog/api-key',
    variable: 'DD_API_KEY_SSM_NAME',
    means: (s) => {
      expect(s.config.apiKey).toEqual({ kind: 'ssm', name: '/datadog/api-key' });
      expect(s.env['DD_API_KEY_SECRET_ARN']).toBeUndefined();
      expect(statement(s, 'ReadApiKeyParameter')!['Resource']).toBe(
        `arn:aws:ssm:${STACK.region}:${STACK.accountId}:parameter/datadog/api-key`,
      );
    },
  },
  {
    name: 'DdSite',
    type: 'String',
    datadogDefault: 'datadoghq.com',
    value: 'datadoghq.eu',
    variable: 'DD_SITE',
    means: (s) => {
      expect(s.config.intake.logsUrl).toBe('https://http-intake.logs.datadoghq.eu:443');
      expect(s.config.metrics.apiUrl).toBe('https://api.datadoghq.eu');
    },
  },
  {
    name: 'FunctionName',
    type: 'String',
    datadogDefault: 'DatadogForwarder',
    value: 'datadog-forwarder-prod',
    means: (s) => {
      expect(s.properties('Forwarder')['FunctionName']).toBe('datadog-forwarder-prod');
      expect(s.properties('LogGroup')['LogGroupName']).toBe('/aws/lambda/datadog-forwarder-prod');
    },
  },
  {
    name: 'MemorySize',
    type: 'Number',
    datadogDefault: '1024',
    value: '2048',
    means: (s) => expect(s.properties('Forwarder')['MemorySize']).toBe('2048'),
  },
  {
    name: 'Timeout',
    type: 'Number',
    datadogDefault: '120',
    value: '300',
    means: (s) => expect(s.properties('Forwarder')['Timeout']).toBe('300'),
  },
  {
    name: 'TagsCacheTTLSeconds',
    type: 'Number',
    datadogDefault: '300',
    value: '3600',
    variable: 'DD_TAGS_CACHE_TTL_SECONDS',
    means: (s) => expect(s.config.enrichment.tagsCacheTtlSeconds).toBe(3600),
  },
  {
    name: 'ReservedConcurrency',
    type: 'String',
    datadogDefault: '',
    value: '10',
    means: (s) => expect(s.properties('Forwarder')['ReservedConcurrentExecutions']).toBe('10'),
  },
  {
    name: 'LogRetentionInDays',
    type: 'Number',
    datadogDefault: '90',
    value: '30',
    means: (s) => expect(s.properties('LogGroup')['RetentionInDays']).toBe('30'),
  },
  ...['SourceZipUrl', 'InstallAsLayer', 'LayerARN'].map((name): Case => ({
    name,
    type: 'String',
    datadogDefault: name === 'InstallAsLayer' ? 'true' : '',
    value: {
      SourceZipUrl: 's3://my-artifacts/aws-dd-forwarder-5.4.11.zip',
      InstallAsLayer: 'false',
      LayerARN: 'arn:aws:lambda:us-east-1:464622532012:layer:Datadog-Forwarder:110',
    }[name]!,
    // Where the Datadog Forwarder's code comes from: ours always comes from CodeS3Bucket/CodeS3Key.
    means: (s) =>
      expect(s.properties('Forwarder')['Code']).toEqual({ S3Bucket: 'my-artifacts', S3Key: expect.any(String) }),
  })),
  {
    name: 'DdTags',
    type: 'String',
    datadogDefault: '',
    value: 'env:prod,team:platform',
    variable: 'DD_TAGS',
    means: (s) => expect(s.config.logs.tags.join(',')).toBe('env:prod,team:platform'),
  },
  {
    name: 'DdSource',
    type: 'String',
    datadogDefault: '',
    value: 'nginx',
    variable: 'DD_SOURCE',
    means: (s) => expect(s.config.logs.sourceOverride).toBe('nginx'),
  },
  {
    name: 'DdEnrichS3Tags',
    type: 'String',
    datadogDefault: 'true',
    value: 'false',
    variable: 'DD_ENRICH_S3_TAGS',
    means: (s) => expect(s.config.intake.logsHeaders['DD-STORAGE-TAG']).toBe('cloudwatch'),
  },
  {
    name: 'DdEnrichCloudwatchTags',
    type: 'String',
    datadogDefault: 'true',
    value: 'false',
    variable: 'DD_ENRICH_CLOUDWATCH_TAGS',
    means: (s) => expect(s.config.intake.logsHeaders['DD-STORAGE-TAG']).toBe('s3'),
  },
  {
    name: 'DdFetchLambdaTags',
    type: 'String',
    datadogDefault: 'true',
    value: 'false',
    means: (s) => expect(s.config.enrichment.fetchLambdaTags).toBe(false),
  },
  {
    name: 'DdFetchLogGroupTags',
    type: 'String',
    datadogDefault: 'false',
    value: 'true',
    with: { DdEnrichCloudwatchTags: 'false' },
    variable: 'DD_FETCH_LOG_GROUP_TAGS',
    means: (s) => {
      expect(s.config.enrichment.fetchLogGroupTags).toBe(true);
      expect(statement(s, 'FetchLogGroupTags')).toBeDefined();
    },
  },
  {
    name: 'DdFetchS3Tags',
    type: 'String',
    datadogDefault: 'false',
    value: 'true',
    with: { DdEnrichS3Tags: 'false' },
    variable: 'DD_FETCH_S3_TAGS',
    means: (s) => expect(s.config.enrichment.fetchS3Tags).toBe(true),
  },
  {
    name: 'DdNoSsl',
    type: 'String',
    datadogDefault: 'false',
    value: 'true',
    variable: 'DD_NO_SSL',
    means: (s) => expect(s.config.intake.logsUrl).toBe('http://http-intake.logs.datadoghq.com:443'),
  },
  {
    name: 'DdUrl',
    type: 'String',
    datadogDefault: '',
    value: 'logs-proxy.internal.example.com',
    variable: 'DD_URL',
    means: (s) => expect(s.config.intake.logsUrl).toBe('https://logs-proxy.internal.example.com:443'),
  },
  {
    name: 'DdPort',
    type: 'String',
    datadogDefault: '',
    value: '8443',
    with: { DdUrl: 'logs-proxy.internal.example.com' },
    variable: 'DD_PORT',
    means: (s) => expect(s.config.intake.logsUrl).toBe('https://logs-proxy.internal.example.com:8443'),
  },
  {
    name: 'DdSkipSslValidation',
    type: 'String',
    datadogDefault: 'false',
    value: 'true',
    variable: 'DD_SKIP_SSL_VALIDATION',
    means: (s) => expect(s.config.intake.skipSslValidation).toBe(true),
  },
  {
    name: 'RedactIp',
    type: 'String',
    datadogDefault: 'false',
    value: 'true',
    variable: 'REDACT_IP',
    means: (s) => expect(s.config.logs.scrubbingRules.map((r) => r.name)).toEqual(['REDACT_IP']),
  },
  {
    name: 'RedactEmail',
    type: 'String',
    datadogDefault: 'false',
    value: 'true',
    variable: 'REDACT_EMAIL',
    means: (s) => expect(s.config.logs.scrubbingRules.map((r) => r.name)).toEqual(['REDACT_EMAIL']),
  },
  {
    name: 'DdScrubbingRule',
    type: 'String',
    datadogDefault: '',
    value: 'password=\\S+',
    variable: 'DD_SCRUBBING_RULE',
    means: (s) => expect(s.config.logs.scrubbingRules.map((r) => r.name)).toEqual(['DD_SCRUBBING_RULE']),
  },
  {
    name: 'DdScrubbingRuleReplacement',
    type: 'String',
    datadogDefault: '',
    value: 'password=xxxxx',
    with: { DdScrubbingRule: 'password=\\S+' },
    variable: 'DD_SCRUBBING_RULE_REPLACEMENT',
    means: (s) => expect(s.config.logs.scrubbingRules[0]!.replacement).toEqual(['password=xxxxx']),
  },
  {
    name: 'ExcludeAtMatch',
    type: 'String',
    datadogDefault: '',
    value: '"level":"debug"',
    variable: 'EXCLUDE_AT_MATCH',
    means: (s) => expect(s.config.logs.excludeAtMatch).toBeDefined(),
  },
  {
    name: 'IncludeAtMatch',
    type: 'String',
    datadogDefault: '',
    value: 'ERROR|WARN',
    variable: 'INCLUDE_AT_MATCH',
    means: (s) => expect(s.config.logs.includeAtMatch).toBeDefined(),
  },
  {
    name: 'DdMultilineLogRegexPattern',
    type: 'String',
    datadogDefault: '',
    value: '\\d{2}\\/\\d{2}\\/\\d{4}',
    variable: 'DD_MULTILINE_LOG_REGEX_PATTERN',
    means: (s) => expect(s.config.logs.multilinePattern).toBeDefined(),
  },
  {
    name: 'DdForwardLog',
    type: 'String',
    datadogDefault: 'true',
    value: 'false',
    variable: 'DD_FORWARD_LOG',
    means: (s) => expect(s.config.logs.forwardLogs).toBe(false),
  },
  {
    name: 'DdStepFunctionsTraceEnabled',
    type: 'String',
    datadogDefault: 'false',
    value: 'true',
    variable: 'DD_STEP_FUNCTIONS_TRACE_ENABLED',
    means: (s) => expect(s.config.intake.logsHeaders['DD-STEP-FUNCTIONS-TRACE-ENABLED']).toBe('true'),
  },
  {
    name: 'DdUseCompression',
    type: 'String',
    datadogDefault: 'true',
    value: 'false',
    variable: 'DD_USE_COMPRESSION',
    means: (s) => expect(s.config.intake.useCompression).toBe(false),
  },
  {
    name: 'DdUseVPC',
    type: 'String',
    datadogDefault: 'false',
    value: 'true',
    with: { VPCSecurityGroupIds: 'sg-0123456789abcdef0', VPCSubnetIds: 'subnet-0a1b2c3d,subnet-4e5f6a7b' },
    variable: 'DD_USE_VPC',
    means: (s) => {
      expect(s.config.network.useVpc).toBe(true);
      expect(s.properties('Forwarder')['VpcConfig']).toEqual({
        SecurityGroupIds: ['sg-0123456789abcdef0'],
        SubnetIds: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'],
      });
    },
  },
  {
    name: 'DdHttpProxyURL',
    type: 'String',
    datadogDefault: '',
    value: 'http://proxy.internal.example.com:3128',
    variable: 'HTTPS_PROXY',
    means: (s) => {
      expect(s.config.network.proxyUrl).toBe('http://proxy.internal.example.com:3128');
      expect(s.env['HTTP_PROXY']).toBe('http://proxy.internal.example.com:3128');
    },
  },
  {
    name: 'DdNoProxy',
    type: 'String',
    datadogDefault: '',
    value: 'internal.example.com,169.254.169.254',
    variable: 'NO_PROXY',
    means: (s) => expect(s.config.network.noProxy).toEqual(['internal.example.com', '169.254.169.254']),
  },
  {
    name: 'VPCSecurityGroupIds',
    type: 'CommaDelimitedList',
    datadogDefault: '',
    value: 'sg-0123456789abcdef0',
    with: { DdUseVPC: 'true' },
    means: (s) =>
      expect(s.properties('Forwarder')['VpcConfig']).toMatchObject({ SecurityGroupIds: ['sg-0123456789abcdef0'] }),
  },
  {
    name: 'VPCSubnetIds',
    type: 'CommaDelimitedList',
    datadogDefault: '',
    value: 'subnet-0a1b2c3d,subnet-4e5f6a7b',
    with: { DdUseVPC: 'true' },
    means: (s) =>
      expect(s.properties('Forwarder')['VpcConfig']).toMatchObject({
        SubnetIds: ['subnet-0a1b2c3d', 'subnet-4e5f6a7b'],
      }),
  },
  {
    name: 'DdCompressionLevel',
    type: 'Number',
    datadogDefault: '6',
    value: '1',
    variable: 'DD_COMPRESSION_LEVEL',
    means: (s) => expect(s.config.intake.compressionLevel).toBe(1),
  },
  {
    name: 'DdMaxWorkers',
    type: 'Number',
    datadogDefault: '20',
    value: '40',
    variable: 'DD_MAX_WORKERS',
    means: (s) => expect(s.config.intake.maxWorkers).toBe(40),
  },
  {
    name: 'IamRolePath',
    type: 'String',
    datadogDefault: '/',
    value: '/datadog/',
    means: (s) => expect(s.properties('ForwarderRole')['Path']).toBe('/datadog/'),
  },
  {
    name: 'PermissionsBoundaryArn',
    type: 'String',
    datadogDefault: '',
    value: `arn:aws:iam::${STACK.accountId}:policy/forwarder-boundary`,
    means: (s) =>
      expect(s.properties('ForwarderRole')['PermissionsBoundary']).toBe(
        `arn:aws:iam::${STACK.accountId}:policy/forwarder-boundary`,
      ),
  },
  {
    name: 'AdditionalTargetLambdaArns',
    type: 'CommaDelimitedList',
    datadogDefault: '',
    value: `arn:aws:lambda:us-east-1:${STACK.accountId}:function:archive,arn:aws:lambda:us-east-1:${STACK.accountId}:function:siem`,
    variable: 'DD_ADDITIONAL_TARGET_LAMBDAS',
    means: (s) => {
      expect(s.config.additionalTargetLambdas).toEqual([
        `arn:aws:lambda:us-east-1:${STACK.accountId}:function:archive`,
        `arn:aws:lambda:us-east-1:${STACK.accountId}:function:siem`,
      ]);
      expect(statement(s, 'InvokeAdditionalTargets')!['Resource']).toHaveLength(2);
    },
  },
  {
    name: 'DdApiUrl',
    type: 'String',
    datadogDefault: '',
    value: 'https://api-proxy.internal.example.com',
    variable: 'DD_API_URL',
    means: (s) => expect(s.config.metrics.apiUrl).toBe('https://api-proxy.internal.example.com'),
  },
  {
    name: 'DdTraceIntakeUrl',
    type: 'String',
    datadogDefault: '',
    value: 'https://trace-proxy.internal.example.com',
    variable: 'DD_TRACE_INTAKE_URL',
    means: (s) => expect(s.config.traces.intakeUrl).toBe('https://trace-proxy.internal.example.com'),
  },
  {
    name: 'DdForwarderBucketName',
    type: 'String',
    datadogDefault: '',
    value: 'acme-datadog-forwarder-us-east-1',
    means: (s) => {
      expect(s.properties('ForwarderBucket')['BucketName']).toBe('acme-datadog-forwarder-us-east-1');
      expect(s.env['DD_S3_BUCKET_NAME']).toMatch(/ForwarderBucket/i);
    },
  },
  {
    name: 'DdForwarderBucketsAccessLogsTarget',
    type: 'String',
    datadogDefault: '',
    value: 'acme-access-logs',
    means: (s) =>
      expect(s.properties('ForwarderBucket')['LoggingConfiguration']).toEqual({
        DestinationBucketName: 'acme-access-logs',
        LogFilePrefix: 'datadog-forwarder/',
      }),
  },
  {
    name: 'DdStoreFailedEvents',
    type: 'String',
    datadogDefault: 'false',
    value: 'true',
    variable: 'DD_STORE_FAILED_EVENTS',
    means: (s) =>
      expect(s.config.failedEvents).toMatchObject({
        enabled: true,
        backend: { kind: 's3', bucket: expect.stringMatching(/forwarderbucket/) },
      }),
  },
  {
    name: 'DdScheduleRetryFailedEvents',
    type: 'String',
    datadogDefault: 'false',
    value: 'true',
    with: { DdStoreFailedEvents: 'true' },
    means: (s) => expect(s.properties('Scheduler')['Target']).toMatchObject({ Input: '{"retry": true}' }),
  },
  {
    name: 'DdScheduleRetryInterval',
    type: 'Number',
    datadogDefault: '6',
    value: '1',
    with: { DdStoreFailedEvents: 'true', DdScheduleRetryFailedEvents: 'true' },
    means: (s) => expect(s.properties('Scheduler')['ScheduleExpression']).toBe('rate(1 hours)'),
  },
  {
    name: 'DdSqsQueueUrl',
    type: 'String',
    datadogDefault: '',
    value: `https://sqs.us-east-1.amazonaws.com/${STACK.accountId}/datadog-failed-events`,
    with: { DdStoreFailedEvents: 'true' },
    variable: 'DD_SQS_QUEUE_URL',
    means: (s) => {
      expect(s.config.failedEvents.backend).toEqual({
        kind: 'sqs',
        queueUrl: `https://sqs.us-east-1.amazonaws.com/${STACK.accountId}/datadog-failed-events`,
      });
      expect(statement(s, 'FailedEventsQueue')!['Resource']).toBe(
        `arn:aws:sqs:us-east-1:${STACK.accountId}:datadog-failed-events`,
      );
    },
  },
  {
    name: 'DdForwarderExistingBucketName',
    type: 'String',
    datadogDefault: '',
    value: 'acme-shared-forwarder-bucket',
    variable: 'DD_S3_BUCKET_NAME',
    means: (s) => {
      expect(s.exists('ForwarderBucket')).toBe(false);
      expect(s.config.enrichment.cacheBucket).toBe('acme-shared-forwarder-bucket');
    },
  },
  {
    name: 'DdLogLevel',
    type: 'String',
    datadogDefault: 'WARN',
    value: 'DEBUG',
    variable: 'DD_LOG_LEVEL',
    means: (s) => expect(s.config.logLevel).toBe('debug'),
  },
  {
    name: 'DdTraceEnabled',
    type: 'String',
    datadogDefault: 'false',
    value: 'true',
    // The Datadog Forwarder traces itself with it; Forwarder does not, so it sets nothing.
    means: (s) => expect(s.env['DD_TRACE_ENABLED']).toBeUndefined(),
  },
  {
    name: 'DdEnhancedMetrics',
    type: 'String',
    datadogDefault: 'false',
    value: 'true',
    variable: 'DD_ENHANCED_METRICS',
    // Datadog's variable for the forwarder's own invocation metrics: the metrics from logs stay on either way.
    means: (s) => expect(s.config.metrics.enhancedMetrics).toBe(true),
  },
  {
    name: 'S3BucketArnList',
    type: 'CommaDelimitedList',
    datadogDefault: '',
    value: 'arn:aws:s3:::acme-cloudtrail/*,arn:aws:s3:::acme-elb-logs/*',
    means: (s) =>
      expect(statement(s, 'ReadLogObjects')!['Resource']).toEqual([
        'arn:aws:s3:::acme-cloudtrail/*',
        'arn:aws:s3:::acme-elb-logs/*',
      ]),
  },
  {
    name: 'SqsQueueArnList',
    type: 'CommaDelimitedList',
    datadogDefault: '',
    value: `arn:aws:sqs:us-east-1:${STACK.accountId}:s3-notifications`,
    means: (s) =>
      expect(statement(s, 'ReadTriggerQueues')!['Resource']).toEqual([
        `arn:aws:sqs:us-east-1:${STACK.accountId}:s3-notifications`,
      ]),
  },
  {
    name: 'KmsKeyList',
    type: 'CommaDelimitedList',
    datadogDefault: '',
    value: `arn:aws:kms:us-east-1:${STACK.accountId}:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`,
    means: (s) =>
      expect(statement(s, 'Decrypt')!['Resource']).toEqual([
        `arn:aws:kms:us-east-1:${STACK.accountId}:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`,
      ]),
  },
];
