import { CLOUDWATCH_RULES_V5, cloudWatchRuleV5, cloudWatchSourceV5 } from '../../../src/parse/source-rules.js';

describe('cloudWatchSourceV5', () => {
  it.each([
    ['/aws/kinesisfirehose/test', 'stream', 'kinesis'],
    ['/aws/lambda/postRestAPI', 'stream', 'lambda'],
    ['sns/us-east-1/123456779121/SnsTopicX', 'stream', 'sns'],
    ['aws-cloudtrail-logs-123456789123-c81b5193', 'stream', 'cloudtrail'],
    ['my-group', '123456789123_CloudTrail_us-east-1', 'cloudtrail'],
    ['/shared/group', '2023/11/06/fn[$LATEST]13e304cba4b9446eb7ef082a00038990', 'lambda'],
    ['testLogGroup', 'testLogStream', 'cloudwatch'],
    ['/AWS/Lambda/UPPER', 'stream', 'lambda'],
    // 5.x tests pin that the backend now recognises these: the forwarder says cloudwatch (datadog-serverless-functions
    // aws/logs_monitoring/steps/common.py and steps/enums.py, 5.4.11).
    ['/aws/rds/instance/datadog/postgresql', 'datadog.0', 'cloudwatch'],
    ['/aws/rds/mariaDB-instance/error', 'stream', 'cloudwatch'],
    ['/aws/eks/control-plane/cluster', 'kube-apiserver-audit-1', 'cloudwatch'],
    ['/aws/route53', 'vpc-1', 'cloudwatch'],
    ['/aws/vendedlogs/states/MyStateMachine-Logs', 'states/x', 'cloudwatch'],
  ])('%j / %j → %s', (logGroup, logStream, source) => {
    expect(cloudWatchSourceV5(logGroup, logStream)).toBe(source);
  });

  it.each(CLOUDWATCH_RULES_V5.map(([, source, example]) => [example, source]))(
    'the table example %j gives %s',
    (example, source) => {
      expect(cloudWatchSourceV5(example, 'stream')).toBe(source);
    },
  );

  it.each([
    ['/aws/lambda/fn', 'stream', 'v5 CloudWatch rule 2 (matches e.g. /aws/lambda/my-function)'],
    ['/shared', '2023/11/06/fn[$LATEST]13e304cba4b9446eb7ef082a00038990', "the log stream is a Lambda function's"],
    ['g', '123456789123_CloudTrail_us-east-1', 'v5 CloudWatch rule 4 (matches e.g. aws-cloudtrail-logs-'],
    ['g', 'stream', 'no v5 CloudWatch rule matched: the default'],
  ])('says which rule named %j / %j', (logGroup, logStream, rule) => {
    expect(cloudWatchRuleV5(logGroup, logStream).rule.startsWith(rule)).toBe(true);
  });
});
