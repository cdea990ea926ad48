import {
  HOST_RULES_V3,
  cloudWatchHostV3,
  route53Host,
  stateMachineArn,
} from '../../../src/parse/cloudwatch-host-rules-v3.js';
import { ParsedMessage } from '../../../src/parse/parsed-message.js';

describe('cloudWatchHostV3', () => {
  it.each(HOST_RULES_V3.flatMap((rule) => rule.sources.map((source) => [source, rule] as const)))(
    'the %s row gives its example',
    (source, rule) => {
      expect(cloudWatchHostV3(source, rule.example)).toEqual(rule.gives);
    },
  );

  it.each([
    // 3.99 test_parsing.py test_awslogs_handler_rds_postgresql: host "datadog", tag "logname:postgresql".
    ['postgresql', '/aws/rds/instance/datadog/postgresql', { host: 'datadog', tags: ['logname:postgresql'] }],
    ['mysql', '/aws/rds/cluster/my-Cluster/slowquery', { host: 'my-Cluster', tags: ['logname:slowquery'] }],
    ['rds', '/aws/rds/instance/db/error/extra', { host: 'db', tags: ['logname:error'] }],
    ['rds', '/aws/rds/my-rds-resource', undefined],
    ['mariadb', '/aws/rds/proxy/p/error', undefined],
  ])('RDS: %s log group %j', (source, logGroup, expected) => {
    expect(cloudWatchHostV3(source, { logGroup, logStream: 's' })).toEqual(expected);
  });

  it.each([
    ['/aws/appsync/apis/abc123', { host: 'abc123' }],
    ['/aws/appsync/apis/', undefined],
  ])('AppSync: log group %j', (logGroup, expected) => {
    expect(cloudWatchHostV3('appsync', { logGroup, logStream: 's' })).toEqual(expected);
  });

  it.each([
    ['not JSON', 'GET / 200', undefined],
    ['no hostname', '{"http_request":{"url":{}}}', undefined],
    ['url is not an object', '{"http_request":{"url":"https://x"}}', undefined],
    ['no message', undefined, undefined],
    ['a hostname', '{"http_request":{"url":{"hostname":"a.example"}}}', { host: 'a.example' }],
  ])('Verified Access, first message with %s', (_why, firstMessage, expected) => {
    const input = { logGroup: '/aws/verified-access/x', logStream: 's', firstMessage };
    expect(cloudWatchHostV3('verified-access', input)).toEqual(expected);
  });

  it.each([
    // The 3.99 test_awslogs_handler_step_functions_tags_added_properly message is not valid JSON: host unchanged.
    [
      'invalid JSON',
      'states/x',
      '{"id":"1","details":{"input":"{"Comment": "x"}"},"execution_arn":"arn:aws:states:r:1:express:m:e"}',
      undefined,
    ],
    ['a stream not under states/', 'other/x', '{"execution_arn":"arn:aws:states:r:1:express:m:e"}', undefined],
    ['no execution_arn', 'states/x', '{"type":"ExecutionStarted"}', undefined],
    [
      'an execution ARN',
      'states/x',
      '{"execution_arn":"arn:aws:states:us-east-1:1:express:m:e:f"}',
      { host: 'arn:aws:states:us-east-1:1:stateMachine:m' },
    ],
  ])('Step Functions: %s', (_why, logStream, firstMessage, expected) => {
    const input = { logGroup: '/aws/vendedlogs/states/x', logStream, firstMessage };
    expect(cloudWatchHostV3('stepfunction', input)).toEqual(expected);
  });

  it.each(['cloudwatch', 'lambda', 'eks', 'route53'])('has no origin-wide rule for %s', (source) => {
    expect(cloudWatchHostV3(source, { logGroup: '/aws/rds/instance/a/b', logStream: 's', firstMessage: '{}' })).toBe(
      undefined,
    );
  });
});

describe('stateMachineArn', () => {
  it.each([
    [
      'arn:aws:states:sa-east-1:425362996713:express:logs-to-traces-sequential:d0dbefd8-a0f6:7fa0cfbe-be28',
      'arn:aws:states:sa-east-1:425362996713:stateMachine:logs-to-traces-sequential',
    ],
    ['arn:aws:states:us-east-1:1:execution:machine:run-1', 'arn:aws:states:us-east-1:1:stateMachine:machine'],
    ['arn:aws:states:us-east-1:1:express/machine/run', 'arn:aws:states:us-east-1:1:stateMachine:machine'],
    ['arn:aws:states', undefined],
  ])('%j → %j', (executionArn, expected) => {
    expect(stateMachineArn(executionArn)).toBe(expected);
  });
});

describe('route53Host', () => {
  it.each([
    // 3.99 test_lambda_function.py test_parse_source_route53, and the v3 route53 integration snapshot.
    ['{"srcids":{"instance":"i-99999999"}}', 'i-99999999'],
    ['{"query_name":"queue.amazonaws.com.","srcids":{"instance":"i-090384b04e4e5bfd2"}}', 'i-090384b04e4e5bfd2'],
    ['{"srcids":{"resolver_endpoint":"rslvr-out-1"}}', undefined],
    ['{"srcids":"i-1"}', undefined],
    ['{"query_name":"a."}', undefined],
    ['srcids but not JSON', undefined],
  ])('%j → %j', (message, expected) => {
    expect(route53Host(new ParsedMessage(message))).toBe(expected);
  });
});
