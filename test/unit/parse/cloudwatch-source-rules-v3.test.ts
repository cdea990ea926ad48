import {
  EKS_STREAM_RULES_V3,
  LOG_GROUP_RULES_V3,
  STREAM_KEY_RULES_V3,
  cloudWatchSourceV3,
} from '../../../src/parse/cloudwatch-source-rules-v3.js';

describe('cloudWatchSourceV3', () => {
  // The CloudWatch cases the Datadog Forwarder pins in datadog-serverless-functions
  // aws/logs_monitoring/tests/test_parsing.py, 3.99.0, as (log group, expected ddsource).
  it.each([
    ['/aws/rds/my-rds-resource', 'rds'],
    ['/aws/rds/mariaDB-instance/error', 'mariadb'],
    ['/aws/rds/mySQL-instance/error', 'mysql'],
    ['/aws/rds/instance/datadog/postgresql', 'postgresql'],
    ['/aws/lambda/postRestAPI', 'lambda'],
    ['Api-Gateway-Execution-Logs_a1b23c/test', 'apigateway'],
    ['/aws/api-gateway/my-project', 'apigateway'],
    ['/aws/http-api/my-project', 'apigateway'],
    ['dms-tasks-test-instance', 'dms'],
    ['sns/us-east-1/123456779121/SnsTopicX', 'sns'],
    ['/aws/codebuild/new-project-sample', 'codebuild'],
    ['/aws/kinesisfirehose/test', 'kinesis'],
    ['/aws/docdb/testCluster/profile', 'docdb'],
    ['abc123_my_vpc_loggroup', 'vpc'],
    ['my-route53-loggroup123', 'route53'],
    ['/ecs/fargate-logs', 'fargate'],
    ['/aws/appsync/apis/', 'appsync'],
    ['/aws/eks/control-plane/cluster', 'eks'],
    ['/elasticsearch/domain', 'elasticsearch'],
    ['/myMSKLogGroup', 'msk'],
    ['/aws/vendedlogs/states/MyStateMachine-Logs', 'stepfunction'],
    ['', 'cloudwatch'],
  ])('3.99 test_parsing: log group %j is %s', (logGroup, expected) => {
    expect(cloudWatchSourceV3(logGroup, 'some-stream').ddsource).toBe(expected);
  });

  // The v3 integration snapshots (conformance/datadog-forwarder-v3/integration): fsx, route53, API Gateway.
  it.each([
    ['/aws/fsx/windows/12345', '123456789123_us-east-1', 'aws.fsx'],
    ['/aws/route53', 'vpc-34d4ae52_20210419T0940Z_i-090384b04e4e5bfd2', 'route53'],
    ['API-Gateway-Execution-Logs_xxxxxxxxxx/production', '123456789123_API-Gateway_us-east-1', 'apigateway'],
  ])('v3 snapshot: %j / %j is %s', (logGroup, logStream, expected) => {
    expect(cloudWatchSourceV3(logGroup, logStream).ddsource).toBe(expected);
  });

  it.each([
    ['the stream names CloudTrail', 'my-trail-group', '123456789012_CloudTrail_us-east-1', 'cloudtrail'],
    ['the stream is a transit gateway attachment', 'my-group', 'tgw-attach-0abc-eni-0def', 'transitgateway'],
    ['both: the Transit Gateway test came later in v3, so it wins', 'g', 'tgw-attach_CloudTrail_x', 'transitgateway'],
    ['the stream is Bedrock model invocations', 'my-bedrock-group', 'aws/bedrock/modelinvocations', 'bedrock'],
    ['a stream only starting like Bedrock is not', 'my-group', 'aws/bedrock/modelinvocations/x', 'cloudwatch'],
    ['the stream key wins over the log group', '/aws/lambda/fn', '1_CloudTrail_us-east-1', 'cloudtrail'],
  ])('stream key: %s', (_why, logGroup, logStream, expected) => {
    expect(cloudWatchSourceV3(logGroup, logStream).ddsource).toBe(expected);
  });

  it.each([
    [
      'a customised Lambda stream in a shared group',
      '/aws/vendedlogs/states/x',
      '2023/11/06/my-fn[$LATEST]13e304cba4b9446eb7ef082a00038990',
      'lambda',
    ],
    [
      'a standard Lambda stream does not make a group Lambda',
      '/my/group',
      '2023/11/04/[$LATEST]13e304cba4b9446eb7ef082a00038990',
      'cloudwatch',
    ],
    [
      'a Step Functions stream stays Step Functions',
      '/aws/vendedlogs/states/x',
      'states/x/2022-11-10-15-50/7851b2d9',
      'stepfunction',
    ],
  ])('customised Lambda streams: %s', (_why, logGroup, logStream, expected) => {
    expect(cloudWatchSourceV3(logGroup, logStream).ddsource).toBe(expected);
  });

  it.each([
    ['kube-apiserver-audit-abc', 'kubernetes.audit'],
    ['kube-scheduler-abc', 'kube_scheduler'],
    ['kube-apiserver-abc', 'kube-apiserver'],
    ['kube-controller-manager-abc', 'kube-controller-manager'],
    ['authenticator-abc', 'aws-iam-authenticator'],
    ['cloud-controller-manager-abc', 'eks'],
  ])('EKS stream %j refines the source to %s, and the service stays eks', (logStream, expected) => {
    expect(cloudWatchSourceV3('/aws/eks/prod/cluster', logStream)).toMatchObject({
      ddsource: expected,
      serviceSource: 'eks',
    });
  });

  it('does not refine EKS-looking streams outside EKS log groups', () => {
    expect(cloudWatchSourceV3('/my/group', 'kube-apiserver-audit-abc').ddsource).toBe('cloudwatch');
  });

  it.each([
    ['RDS engines before the word rules', '/aws/rds/cluster/vpc-mysql/error', 'mysql'],
    ['a prefix before the word rules', '/aws/lambda/my-vpc-function', 'lambda'],
    ['route53 before vpc', 'my-vpc-route53-logs', 'route53'],
    ['network-firewall before vpc', 'vpc-network-firewall', 'network-firewall'],
    ['matching ignores case', '/AWS/CodeBuild/Project', 'codebuild'],
    ['websocket API Gateway (3.105)', '/aws/apigateway/welcome', 'apigateway'],
    ['Systems Manager (3.132)', '/aws/ssm/AWS-RunShellScript', 'ssm'],
    ['Verified Access', '/aws/verified-access/logs', 'verified-access'],
  ])('order and case: %s', (_why, logGroup, expected) => {
    expect(cloudWatchSourceV3(logGroup, 'stream').ddsource).toBe(expected);
  });

  it.each(LOG_GROUP_RULES_V3.map(([, source, example]) => [example, source]))(
    'the log group table example %j gives %s',
    (example, source) => {
      expect(cloudWatchSourceV3(example, 'stream').ddsource).toBe(source);
    },
  );

  it.each(STREAM_KEY_RULES_V3.map(([, source, example]) => [example, source]))(
    'the stream table example %j gives %s',
    (example, source) => {
      expect(cloudWatchSourceV3('/my/group', example).ddsource).toBe(source);
    },
  );

  it.each(EKS_STREAM_RULES_V3.map(([, source, example]) => [example, source]))(
    'the EKS table example %j gives %s',
    (example, source) => {
      expect(cloudWatchSourceV3('/aws/eks/c/cluster', example).ddsource).toBe(source);
    },
  );

  // The vocabulary of datadog-serverless-functions aws/logs_monitoring/parsing.py, 3.99.0.
  it('has a rule, with an example, for every CloudWatch source of the v3 vocabulary', () => {
    const sources = new Set(
      [...LOG_GROUP_RULES_V3, ...STREAM_KEY_RULES_V3, ...EKS_STREAM_RULES_V3].map(([, source]) => source),
    );
    for (const source of [
      'rds',
      'mariadb',
      'mysql',
      'postgresql',
      'apigateway',
      'stepfunction',
      'dms',
      'sns',
      'aws.fsx',
      'appsync',
      'lambda',
      'codebuild',
      'kinesis',
      'docdb',
      'eks',
      'kubernetes.audit',
      'kube_scheduler',
      'kube-apiserver',
      'kube-controller-manager',
      'aws-iam-authenticator',
      'network-firewall',
      'route53',
      'vpc',
      'fargate',
      'cloudtrail',
      'msk',
      'elasticsearch',
      'transitgateway',
      'verified-access',
      'bedrock',
    ]) {
      expect(sources).toContain(source);
    }
  });

  it.each([
    [
      '/aws/rds/instance/my-mysql/error',
      'stream',
      'v3 CloudWatch rule 2 (matches e.g. /aws/rds/instance/my-mysql/error)',
    ],
    [
      'my-group',
      '123456789012_CloudTrail_us-east-1',
      'v3 CloudWatch rule 24 (matches e.g. aws-cloudtrail-logs-123456789012-abcdef), on the key cloudtrail from v3 log stream key rule 3 (matches e.g. 123456789012_CloudTrail_us-east-1)',
    ],
    ['/aws/eks/c/cluster', 'authenticator-1', 'v3 EKS log stream rule 5 (matches e.g. authenticator-0123456789abcdef)'],
    ['/my/group', 'stream', 'no v3 CloudWatch rule matched: the default'],
  ])('says which rule named %s / %s', (logGroup, logStream, rule) => {
    expect(cloudWatchSourceV3(logGroup, logStream).rule).toBe(rule);
  });
});
