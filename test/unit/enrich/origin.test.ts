import { readConfig } from '../../../src/config/index.js';
import { describeOrigin, type OriginSettings } from '../../../src/enrich/origin.js';
import { detectCloudWatchV3 } from '../../../src/parse/cloudwatch-detection.js';
import { forwarderIdentity } from '../../../src/parse/forwarder-identity.js';
import { ParsedMessage } from '../../../src/parse/parsed-message.js';
import type { SourceOrigin } from '../../../src/types.js';
import { FORWARDER_VERSION } from '../../../src/version.js';
import { TEST_API_KEY, lambdaContext } from '../../helpers/lambda.js';

const FORWARDER_ACCOUNT = '012345678912';
const BASE_TAGS = ['forwardername:test_function', `forwarder_version:${FORWARDER_VERSION}`];

function settings(env: Record<string, string> = {}, overrides: Partial<OriginSettings> = {}): OriginSettings {
  const config = readConfig({ DD_API_KEY: TEST_API_KEY, ...env });
  return { logs: config.logs, identity: forwarderIdentity(lambdaContext()), ...overrides };
}

function awslogs(logGroup: string, logStream = 'stream', owner = FORWARDER_ACCOUNT): SourceOrigin {
  return { eventType: 'awslogs', awslogs: { logGroup, logStream, owner } };
}

const v3 = (env: Record<string, string> = {}) => settings(env, { detectCloudWatchSource: detectCloudWatchV3 });

describe('describeOrigin, CloudWatch Logs, v5 rules', () => {
  it('a plain log group: source cloudwatch, host the log group (v5 snapshot cloudwatch_log)', () => {
    const origin = describeOrigin(awslogs('testLogGroup', 'testLogStream'), settings());
    expect(origin).toMatchObject({ ddsource: 'cloudwatch', service: 'cloudwatch', host: 'testLogGroup' });
    expect(origin.tags).toEqual(BASE_TAGS);
    expect(origin.attributes).toEqual({
      aws: {
        awslogs: { logGroup: 'testLogGroup', logStream: 'testLogStream', owner: FORWARDER_ACCOUNT },
        invoked_function_arn: `arn:aws:lambda:us-east-1:${FORWARDER_ACCOUNT}:function:test_function`,
      },
    });
  });

  it('a Lambda log group: ARN host, function tags, env:none (v5 snapshot cloudwatch_log_lambda_invocation)', () => {
    const origin = describeOrigin(awslogs('/aws/lambda/Hello-Dog', '2020/03/05/[$LATEST]20bd'), settings());
    const arn = `arn:aws:lambda:us-east-1:${FORWARDER_ACCOUNT}:function:hello-dog`;
    expect(origin).toMatchObject({ ddsource: 'lambda', service: 'hello-dog', host: arn, lambdaArn: arn });
    expect(origin.tags).toEqual([
      ...BASE_TAGS,
      'env:none',
      `aws_account:${FORWARDER_ACCOUNT}`,
      'functionname:hello-dog',
      'region:us-east-1',
      'service:hello-dog',
    ]);
    expect(origin.attributes.lambda).toEqual({ arn });
  });

  it('a customised log stream makes any log group a Lambda function’s', () => {
    const stream = '2023/11/06/My-Fn[$LATEST]13e304cba4b9446eb7ef082a00038990';
    const origin = describeOrigin(awslogs('/shared/group', stream), settings());
    expect(origin.ddsource).toBe('lambda');
    expect(origin.lambdaArn).toBe(`arn:aws:lambda:us-east-1:${FORWARDER_ACCOUNT}:function:my-fn`);
  });

  // As in datadog-serverless-functions aws/logs_monitoring/steps/common.py, 5.4.11.
  it('DD_SOURCE overrides detection, and Lambda logs are then ordinary logs', () => {
    const origin = describeOrigin(awslogs('/aws/lambda/fn'), settings({ DD_SOURCE: 'something' }));
    expect(origin).toMatchObject({ ddsource: 'something', service: 'something', host: '/aws/lambda/fn' });
    expect(origin.lambdaArn).toBeUndefined();
    expect(origin.attributes.lambda).toBeUndefined();
    expect(origin.tags).toEqual([...BASE_TAGS, 'source_overridden:true']);
  });

  it('a service in DD_TAGS wins over the function name, and no function service tag is added', () => {
    const origin = describeOrigin(awslogs('/aws/lambda/fn'), settings({ DD_TAGS: 'service:billing,team:a' }));
    expect(origin.service).toBe('billing');
    expect(origin.tags.filter((t) => t.startsWith('service:'))).toEqual(['service:billing']);
  });

  it('only the first service tag of DD_TAGS counts; later ones are removed', () => {
    const origin = describeOrigin(awslogs('testLogGroup'), settings({ DD_TAGS: 'service:a,service:b' }));
    expect(origin.service).toBe('a');
    expect(origin.tags).toEqual(['service:a', ...BASE_TAGS]);
  });

  it('DD_TAGS starts the ddtags exactly as written: spaces and empty entries kept (Python, 5.4.11)', () => {
    const written = 'env:prod, team:a,,service:web ,';
    const origin = describeOrigin(awslogs('testLogGroup'), settings({ DD_TAGS: written }));
    // The Datadog Forwarder: ",".join(filter(None, [DD_TAGS, "forwardername:...,forwarder_version:..."])).
    expect(origin.tags.join(',')).toBe(`${written},${BASE_TAGS.join(',')}`);
    expect(origin.service).toBe('web ');
  });

  it('an env in DD_TAGS means no env:none', () => {
    const origin = describeOrigin(awslogs('/aws/lambda/fn'), settings({ DD_TAGS: 'env:prod' }));
    expect(origin.tags).toContain('env:prod');
    expect(origin.tags).not.toContain('env:none');
  });

  it('an env among the function’s tags removes env:none', () => {
    const origin = describeOrigin(awslogs('/aws/lambda/fn'), settings(), { lambda: ['env:staging'] });
    expect(origin.tags).toContain('env:staging');
    expect(origin.tags).not.toContain('env:none');
  });

  it('a service among the function’s tags names the service when DD_TAGS does not', () => {
    const origin = describeOrigin(awslogs('/aws/lambda/fn'), settings(), { lambda: ['service:from-tag'] });
    expect(origin.service).toBe('from-tag');
    expect(origin.tags.filter((t) => t.startsWith('service:'))).toEqual(['service:from-tag']);
  });

  it.each([
    ['another account owns the log group: its account is used (deliberate fix)', '601427279990', '601427279990'],
    ['an owner that is not an account id: the forwarder’s account', 'unknown', FORWARDER_ACCOUNT],
  ])('%s', (_why, owner, account) => {
    const origin = describeOrigin(awslogs('/aws/lambda/fn', 's', owner), settings());
    expect(origin.host).toBe(`arn:aws:lambda:us-east-1:${account}:function:fn`);
    expect(origin.tags).toContain(`aws_account:${account}`);
  });

  it('a published forwarder version is reported as aws.function_version', () => {
    const identity = forwarderIdentity(lambdaContext({ functionVersion: '7' }));
    const origin = describeOrigin(awslogs('g'), { ...settings(), identity });
    expect((origin.attributes.aws as Record<string, unknown>).function_version).toBe('7');
  });

  it('v5 rules leave RDS, EKS and Route 53 to the backend', () => {
    for (const group of ['/aws/rds/instance/datadog/postgresql', '/aws/eks/c/cluster', '/aws/route53']) {
      const origin = describeOrigin(awslogs(group), settings());
      expect(origin).toMatchObject({ ddsource: 'cloudwatch', host: group });
      expect(origin.hostOf).toBeUndefined();
    }
  });
});

describe('describeOrigin, CloudWatch Logs, v3 rules (FORWARDER_DETECT_SOURCES)', () => {
  it('RDS: the database is the host and the log name a tag (3.99 test_awslogs_handler_rds_postgresql)', () => {
    const origin = describeOrigin(awslogs('/aws/rds/instance/datadog/postgresql', 'datadog.0'), v3());
    expect(origin).toMatchObject({ ddsource: 'postgresql', service: 'postgresql', host: 'datadog' });
    expect(origin.tags).toEqual([...BASE_TAGS, 'logname:postgresql']);
  });

  it('EKS: the stream refines the source; the service stays eks, as v3 derived it before refining', () => {
    const origin = describeOrigin(awslogs('/aws/eks/prod/cluster', 'kube-apiserver-audit-0a1b'), v3());
    expect(origin).toMatchObject({ ddsource: 'kubernetes.audit', service: 'eks', host: '/aws/eks/prod/cluster' });
  });

  it('a service tag still wins over the EKS default', () => {
    const origin = describeOrigin(awslogs('/aws/eks/c/cluster', 'kube-scheduler-1'), v3({ DD_TAGS: 'service:k8s' }));
    expect(origin.service).toBe('k8s');
  });

  it('FSx: host the log group (v3 snapshot cloudwatch_log_fsx_windows)', () => {
    const origin = describeOrigin(awslogs('/aws/fsx/windows/12345', '123456789123_us-east-1'), v3());
    expect(origin).toMatchObject({ ddsource: 'aws.fsx', service: 'aws.fsx', host: '/aws/fsx/windows/12345' });
  });

  it('Verified Access: the host comes from the first message', () => {
    const message = '{"http_request":{"url":{"hostname":"app.example.com"}}}';
    const origin = describeOrigin(awslogs('/aws/verified-access/x'), v3(), {}, message);
    expect(origin.host).toBe('app.example.com');
  });

  it('Route 53: each log may name its own host', () => {
    const origin = describeOrigin(awslogs('/aws/route53', 'vpc-34d4ae52_20210419T0940Z_i-0903'), v3());
    expect(origin.ddsource).toBe('route53');
    expect(origin.hostOf?.(new ParsedMessage('{"srcids":{"instance":"i-0903"}}'))).toBe('i-0903');
  });

  it('Lambda logs are enriched as with the v5 rules', () => {
    const origin = describeOrigin(awslogs('/aws/lambda/fn'), v3());
    expect(origin.lambdaArn).toBe(`arn:aws:lambda:us-east-1:${FORWARDER_ACCOUNT}:function:fn`);
    expect(origin.service).toBe('fn');
  });

  it('DD_SOURCE skips the v3 rules, host rules included', () => {
    const origin = describeOrigin(awslogs('/aws/rds/instance/db/error'), v3({ DD_SOURCE: 'mine' }));
    expect(origin).toMatchObject({ ddsource: 'mine', host: '/aws/rds/instance/db/error' });
    expect(origin.tags).not.toContain('logname:error');
  });
});

describe('describeOrigin, other events', () => {
  it('an event without a source: ddsource cloudwatch (v5 default), no host', () => {
    const origin = describeOrigin({ eventType: 'events' }, settings({ DD_TAGS: 'service:x' }));
    expect(origin).toMatchObject({ ddsource: 'cloudwatch', service: 'x' });
    expect(origin.host).toBeUndefined();
  });
});
