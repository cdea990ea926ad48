import {
  isCloudTrailDigestKey,
  S3_RULES_V3,
  S3_RULES_V5,
  s3SourceV3,
  s3SourceV5,
} from '../../../src/parse/s3-source-rules.js';
import type { ForwarderIdentity } from '../../../src/parse/forwarder-identity.js';

const identity: ForwarderIdentity = {
  arn: 'arn:aws:lambda:us-east-1:012345678912:function:test_function',
  name: 'test_function',
  version: '0.1.0',
  functionVersion: '$LATEST',
  memorySizeMb: 3008,
  partition: 'aws',
  region: 'us-east-1',
  account: '012345678912',
};

const CLOUDTRAIL =
  'AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/15/123456789012_CloudTrail_us-east-1_20240115T1200Z_abcdEFGH1234.json.gz';
const DIGEST =
  'AWSLogs/123456789012/CloudTrail-Digest/us-east-1/2024/01/15/123456789012_CloudTrail-Digest_us-east-1_trail_us-east-1_20240115T120000Z.json.gz';

describe('S3 sources, v5 rules', () => {
  it.each<[string, string]>([
    [CLOUDTRAIL, 'cloudtrail'],
    [
      'AWSLogs/123456789012/CloudTrail/us-gov-west-1/2024/01/15/123456789012_CloudTrail_us-gov-west-1_20240115T1200Z_x.json.gz',
      'cloudtrail',
    ],
    ['AWSLogs/123456789012/WAFLogs/cloudfront/acl/2024/01/15/x.log.gz', 'waf'],
    ['AWSLogs/123456789012/elasticloadbalancing/us-east-1/x.log.gz', 's3'],
    ['cloudfront/E2K2LNL5N3WR51.2024-01-15-12.a1b2c3d4.gz', 's3'],
    ...S3_RULES_V5.map((r): [string, string] => [r.example, r.source]),
  ])('%s → %s', (key, source) => {
    expect(s3SourceV5(key)).toEqual({ source, rule: expect.any(String) as unknown });
  });

  it('recognises digest files', () => {
    expect(isCloudTrailDigestKey(DIGEST)).toBe(true);
    expect(isCloudTrailDigestKey(CLOUDTRAIL)).toBe(false);
  });
});

describe('S3 sources and hosts, v3 rules (FORWARDER_DETECT_SOURCES)', () => {
  it.each(S3_RULES_V3.map((r) => [r.example, r.source]))('%s → %s', (key, source) => {
    expect(s3SourceV3('bucket', key, identity).source).toBe(source);
  });

  it.each([
    [
      'prefix/AWSLogs/123456789012/elasticloadbalancing/us-east-1/2024/01/15/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20240115T1200Z_10.0.0.1_x.log.gz',
      'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/my-alb/50dc6c495c0c9188',
    ],
    [
      'AWSLogs/123456789012/elasticloadbalancing/us-gov-west-1/2024/01/15/123456789012_elasticloadbalancing_us-gov-west-1_my-clb_20240115T1200Z_10.0.0.1_x.log',
      'arn:aws-us-gov:elasticloadbalancing:us-gov-west-1:123456789012:loadbalancer/my-clb',
    ],
    [
      'cloudfront/E2K2LNL5N3WR51.2024-01-15-12.a1b2c3d4.gz',
      'arn:aws:cloudfront::012345678912:distribution/e2k2lnl5n3wr51',
    ],
    [
      'AWSLogs/123456789012/redshift/us-east-1/2024/01/15/123456789012_redshift_us-east-1_mycluster_useractivitylog_2024-01-15T12:00.gz',
      'arn:aws:redshift:us-east-1:123456789012:cluster:mycluster:',
    ],
    ['access/2024-01-15-12-00-00-ABCDEF', 'arn:aws:s3:::bucket'],
  ])('%s has host %s', (key, host) => {
    expect(s3SourceV3('bucket', key, identity).host).toBe(host);
  });

  it('names transit gateway buckets', () => {
    expect(s3SourceV3('my-transit-gateway-logs', 'x.log', identity)).toEqual({
      source: 'transitgateway',
      rule: 'v3: the bucket name has transit-gateway',
    });
  });

  it.each([
    ['AWSLogs/123456789012/WAFLogs/cloudfront/acl/2024/01/15/x.log.gz', 'v5 S3 rule 1 (matches e.g. AWSLogs/'],
    ['logs/x.log', 'no v5 S3 rule matched: the default'],
    [
      'AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/15/123456789012_CloudTrail_us-east-1_20240115T1200Z_x.json.gz',
      'the key is a CloudTrail log file',
    ],
  ])('says which rule named %s: %s', (key, rule) => {
    expect(s3SourceV5(key).rule.startsWith(rule)).toBe(true);
  });
});
