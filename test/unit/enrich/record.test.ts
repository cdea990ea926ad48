import { readConfig } from '../../../src/config/index.js';
import { describeOrigin } from '../../../src/enrich/origin.js';
import { toRecord } from '../../../src/enrich/record.js';
import { detectCloudWatchV3 } from '../../../src/parse/cloudwatch-detection.js';
import { forwarderIdentity } from '../../../src/parse/forwarder-identity.js';
import type { Origin } from '../../../src/types.js';
import { FORWARDER_VERSION } from '../../../src/version.js';
import { TEST_API_KEY, lambdaContext } from '../../helpers/lambda.js';

const BASE_TAGS = `forwardername:test_function,forwarder_version:${FORWARDER_VERSION}`;

function origin(logGroup: string, env: Record<string, string> = {}, logStream = 'testLogStream'): Origin {
  const { logs } = readConfig({ DD_API_KEY: TEST_API_KEY, ...env });
  const settings = { logs, identity: forwarderIdentity(lambdaContext()) };
  return describeOrigin({ eventType: 'awslogs', awslogs: { logGroup, logStream, owner: '012345678912' } }, settings);
}

describe('toRecord: ddtags in a JSON message (extract_ddtags_from_message)', () => {
  it('appends the message’s tags and re-serialises it without them (v5 snapshot cloudwatch_log_custom_tags)', () => {
    const message = '{"message": "hello world", "ddtags": "custom_tag1:value1,custom_tag2:value2"}\n';
    const record = toRecord(origin('testLogGroup'), { message });
    expect(record.message).toBe('{"message": "hello world"}');
    expect(record.overrides).toEqual({
      ddtags: `${BASE_TAGS},custom_tag1:value1,custom_tag2:value2`,
      service: 'cloudwatch',
    });
  });

  it('leaves a message nested too deep to re-serialise as it is, ddtags inside, as json.loads failing does', () => {
    const message = `{"ddtags":"service:deep","m":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    const record = toRecord(origin('testLogGroup'), { message });
    expect(record.message).toBe(message);
    expect(record.overrides).toBeUndefined();
  });

  it('a service among them sets the log’s service (v5 snapshot cloudwatch_log_service_tag)', () => {
    const record = toRecord(origin('testLogGroup'), {
      message: '{"message": "hello world", "ddtags": "service:myservice"}',
    });
    expect(record.overrides).toEqual({ ddtags: `${BASE_TAGS},service:myservice`, service: 'myservice' });
  });

  it('a message service wins over DD_TAGS, whose service tags are removed', () => {
    const record = toRecord(origin('testLogGroup', { DD_TAGS: 'service:web,team:a' }), {
      message: '{"ddtags": "service:from-message"}',
    });
    expect(record.overrides).toEqual({
      ddtags: `team:a,${BASE_TAGS},service:from-message`,
      service: 'from-message',
    });
  });

  it('a message service wins over a Lambda function’s service tag', () => {
    const record = toRecord(origin('/aws/lambda/fn'), { message: '{"ddtags": "service:svc"}' });
    expect(record.overrides?.service).toBe('svc');
    expect(record.overrides?.ddtags?.split(',').filter((t) => t.startsWith('service:'))).toEqual(['service:svc']);
    expect(record.overrides?.ddtags).toContain('functionname:fn');
  });

  it('without a service among them, DD_TAGS keeps the service', () => {
    const record = toRecord(origin('testLogGroup', { DD_TAGS: 'service:web' }), { message: '{"ddtags": "a:b"}' });
    expect(record.overrides).toEqual({ ddtags: `service:web,${BASE_TAGS},a:b`, service: 'web' });
  });

  it('strips spaces from the message’s tags', () => {
    const record = toRecord(origin('g'), { message: '{"ddtags": "a:b, c:d , service: x"}' });
    expect(record.overrides).toEqual({ ddtags: `${BASE_TAGS},a:b,c:d,service:x`, service: 'x' });
  });

  it.each([
    ['not JSON', 'ddtags: a:b'],
    ['JSON without a ddtags key', '{"note": "ddtags"}'],
    ['a JSON array', '["ddtags"]'],
    ['a ddtags that is not a string', '{"ddtags": ["a:b"]}'],
  ])('leaves the log alone when the message is %s', (_why, message) => {
    const record = toRecord(origin('g'), { message });
    expect(record.message).toBe(message);
    expect(record.overrides).toBeUndefined();
  });

  it('leaves messages without ddtags on the fast path (no overrides)', () => {
    const record = toRecord(origin('g'), { message: '{"a": 1}' });
    expect(record).toEqual({
      origin: record.origin,
      raw: { message: '{"a": 1}' },
      message: '{"a": 1}',
      view: record.view,
    });
    expect(record.view?.text).toBe('{"a": 1}');
  });
});

describe('toRecord: CloudTrail host', () => {
  const trail = origin('aws-cloudtrail-logs-123456789123-c81b5193', {}, '123456789123_CloudTrail_us-east-1');

  it.each([
    ['arn:aws:sts::601427279990:assumed-role/gke-90725aa7-management/i-99999999', 'i-99999999'],
    ['arn:aws:sts::601427279990:assumed-role/role/i-08014e4f62ccf762d', 'i-08014e4f62ccf762d'],
  ])('an EC2 instance’s assumed role %j names host %s', (arn, host) => {
    const record = toRecord(trail, { message: JSON.stringify({ userIdentity: { arn } }) });
    expect(record.overrides).toEqual({ host });
  });

  it.each([
    [
      'an integration role (v5 snapshot cloudwatch_log_cloudtrail)',
      'arn:aws:sts::123456789123:assumed-role/DatadogAWSIntegrationRole/DatadogAWSIntegration',
    ],
    ['a root user', 'arn:aws:iam::123456789123:root'],
    ['an instance id of the wrong length', 'arn:aws:sts::1:assumed-role/role/i-123'],
    ['an instance id followed by more', 'arn:aws:sts::1:assumed-role/role/i-99999999/x'],
  ])('keeps the log group as host for %s', (_why, arn) => {
    const record = toRecord(trail, { message: JSON.stringify({ userIdentity: { arn } }) });
    expect(record.overrides).toBeUndefined();
  });

  it('reads structured records (CloudTrail from S3) from their fields', () => {
    const arn = 'arn:aws:sts::1:assumed-role/r/i-0123456789abcdef0';
    const record = toRecord(trail, { fields: { userIdentity: { arn } } });
    expect(record.overrides).toEqual({ host: 'i-0123456789abcdef0' });
  });

  it('does not apply to other sources', () => {
    const arn = 'arn:aws:sts::1:assumed-role/r/i-99999999';
    expect(toRecord(origin('testLogGroup'), { message: JSON.stringify({ userIdentity: { arn } }) }).overrides).toBe(
      undefined,
    );
  });
});

describe('toRecord: per-log host rules (v3 Route 53)', () => {
  const { logs } = readConfig({ DD_API_KEY: TEST_API_KEY });
  const settings = { logs, identity: forwarderIdentity(lambdaContext()), detectCloudWatchSource: detectCloudWatchV3 };
  const route53 = describeOrigin(
    { eventType: 'awslogs', awslogs: { logGroup: '/aws/route53', logStream: 'vpc-1_i-1', owner: '1' } },
    settings,
  );

  it('names the instance that made the query (v3 snapshot cloudwatch_log_route53)', () => {
    const message = '{"query_name":"queue.amazonaws.com.","srcids":{"instance":"i-090384b04e4e5bfd2"}}';
    expect(toRecord(route53, { message }).overrides).toEqual({ host: 'i-090384b04e4e5bfd2' });
  });

  it('keeps the log group when the log names no instance', () => {
    expect(toRecord(route53, { message: '{"query_name":"a."}' }).overrides).toBeUndefined();
  });

  it('keeps both the message tags and the host', () => {
    const record = toRecord(route53, { message: '{"ddtags":"a:b","srcids":{"instance":"i-1"}}' });
    expect(record.overrides).toMatchObject({ host: 'i-1', ddtags: expect.stringMatching(/,a:b$/) });
    expect(record.message).toBe('{"srcids": {"instance": "i-1"}}');
  });
});
