// ddsource (and host) for logs read from S3 objects, from the bucket and key (datadog-serverless-functions
// aws/logs_monitoring/parsing.py, 3.99.0, and steps/handlers/s3_handler.py, 5.4.11).
// v5 (the default): CloudTrail, WAF and Kinesis are recognised; everything else is `s3`, and Datadog's backend
// refines it. With FORWARDER_DETECT_SOURCES=true, the Datadog Forwarder v3 rules below apply, for intakes that
// do not detect sources themselves. First match wins; keys are matched lowercased.
import type { ForwarderIdentity } from './forwarder-identity.js';
import { describeRule } from './source-rules.js';

/** CloudTrail log files (and -Digest / -Insight files), on the raw key, case-insensitive (datadog-serverless-functions
 * aws/logs_monitoring/parsing.py `parse_event_source`, 3.99.0). */
const CLOUDTRAIL_KEY =
  /\d+_CloudTrail(|-Digest|-Insight)_\w{2}(|-gov|-cn)-\w{4,9}-\d_(|.+)\d{8}T\d{4,6}Z(|.+).json.gz$/i;

export function isCloudTrailKey(key: string): boolean {
  return CLOUDTRAIL_KEY.test(key);
}

/** CloudTrail digest files hold hashes of log files for integrity checks, not events. */
export function isCloudTrailDigestKey(key: string): boolean {
  return CLOUDTRAIL_KEY.exec(key)?.[1]?.toLowerCase() === '-digest';
}

type Rule = {
  readonly test: (key: string) => boolean;
  readonly source: string;
  readonly example: string;
  readonly doc: string;
};

const has =
  (...words: string[]) =>
  (key: string) =>
    words.some((w) => key.includes(w));

const DOCS = {
  cloudtrail: 'https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-examples.html',
  waf: 'https://docs.aws.amazon.com/waf/latest/developerguide/logging-s3.html',
  firehose: 'https://docs.aws.amazon.com/firehose/latest/dev/basic-deliver.html#s3-object-name',
  elb: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html#access-log-file-format',
  vpc: 'https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-s3-path.html',
  route53: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resolver-query-logs-format.html',
  redshift: 'https://docs.aws.amazon.com/redshift/latest/mgmt/db-auditing.html#db-auditing-manage-log-files',
  cloudfront: 'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html',
  networkFirewall: 'https://docs.aws.amazon.com/network-firewall/latest/developerguide/logging-s3.html',
  guardduty: 'https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html',
  verifiedAccess: 'https://docs.aws.amazon.com/verified-access/latest/ug/access-logs.html',
  bedrock: 'https://docs.aws.amazon.com/bedrock/latest/userguide/model-invocation-logging.html',
  s3: 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html',
};

/** The Datadog Forwarder v5 rules (after the CloudTrail key check). */
export const S3_RULES_V5: readonly Rule[] = [
  {
    test: has('aws-waf-logs', 'waflogs'),
    source: 'waf',
    example: 'AWSLogs/123456789012/WAFLogs/us-east-1/acl/2024/01/15/12/00/x.log.gz',
    doc: DOCS.waf,
  },
  {
    test: has('amazon_kinesis'),
    source: 'kinesis',
    example: 'amazon_kinesis/2024/01/15/12/stream-1-2024-01-15-12-00-00-x.gz',
    doc: DOCS.firehose,
  },
];

/** The Datadog Forwarder v3 rules (datadog-serverless-functions aws/logs_monitoring/parsing.py `parse_event_source`,
 * 3.99.0), plus GuardDuty findings exports (our addition). */
export const S3_RULES_V3: readonly Rule[] = [
  {
    test: has('elasticloadbalancing'),
    source: 'elb',
    example:
      'AWSLogs/123456789012/elasticloadbalancing/us-east-1/2024/01/15/123456789012_elasticloadbalancing_us-east-1_app.my-alb.50dc6c495c0c9188_20240115T1200Z_10.0.0.1_x.log.gz',
    doc: DOCS.elb,
  },
  {
    test: has('vpcflowlogs'),
    source: 'vpc',
    example:
      'AWSLogs/123456789012/vpcflowlogs/us-east-1/2024/01/15/123456789012_vpcflowlogs_us-east-1_fl-1234abcd_20240115T1200Z_x.log.gz',
    doc: DOCS.vpc,
  },
  {
    test: has('vpcdnsquerylogs'),
    source: 'route53',
    example:
      'AWSLogs/123456789012/vpcdnsquerylogs/vpc-12345678/2024/01/15/vpc-12345678_vpcdnsquerylogs_123456789012_20240115T1200Z_x.log.gz',
    doc: DOCS.route53,
  },
  {
    test: has('aws-waf-logs', 'waflogs'),
    source: 'waf',
    example: 'AWSLogs/123456789012/WAFLogs/us-east-1/acl/2024/01/15/12/00/x.log.gz',
    doc: DOCS.waf,
  },
  {
    test: has('_redshift_'),
    source: 'redshift',
    example:
      'AWSLogs/123456789012/redshift/us-east-1/2024/01/15/123456789012_redshift_us-east-1_mycluster_useractivitylog_2024-01-15T12:00.gz',
    doc: DOCS.redshift,
  },
  { test: has('amazon_documentdb'), source: 'docdb', example: 'amazon_documentdb/2024/01/15/x.gz', doc: DOCS.firehose },
  {
    test: has('carbon-black'),
    source: 'carbonblack',
    example: 'carbon-black/events/2024-01-15/x.jsonl.gz',
    doc: DOCS.firehose,
  },
  {
    test: has('amazon_codebuild'),
    source: 'codebuild',
    example: 'amazon_codebuild/2024/01/15/x.gz',
    doc: DOCS.firehose,
  },
  { test: has('amazon_kinesis'), source: 'kinesis', example: 'amazon_kinesis/2024/01/15/12/x.gz', doc: DOCS.firehose },
  { test: has('amazon_dms'), source: 'dms', example: 'amazon_dms/2024/01/15/x.gz', doc: DOCS.firehose },
  { test: has('amazon_msk'), source: 'msk', example: 'amazon_msk/2024/01/15/x.gz', doc: DOCS.firehose },
  {
    test: has('network-firewall'),
    source: 'network-firewall',
    example: 'AWSLogs/123456789012/network-firewall/alert/us-east-1/fw/2024/01/15/12/x.log.gz',
    doc: DOCS.networkFirewall,
  },
  {
    test: has('cloudfront'),
    source: 'cloudfront',
    example: 'cloudfront/E2K2LNL5N3WR51.2024-01-15-12.a1b2c3d4.gz',
    doc: DOCS.cloudfront,
  },
  {
    test: has('verified-access'),
    source: 'verified-access',
    example: 'AWSLogs/123456789012/verified-access/us-east-1/2024/01/15/x.log.gz',
    doc: DOCS.verifiedAccess,
  },
  {
    test: has('bedrock'),
    source: 'bedrock',
    example: 'AWSLogs/123456789012/BedrockModelInvocationLogs/us-east-1/2024/01/15/12/x.json.gz',
    doc: DOCS.bedrock,
  },
  {
    test: has('/guardduty/'),
    source: 'guardduty',
    example: 'AWSLogs/123456789012/GuardDuty/us-east-1/2024/01/15/x.jsonl.gz',
    doc: DOCS.guardduty,
  },
];

interface S3Detection {
  readonly source: string;
  readonly host?: string;
  /** Which rule gave the source, in words (`forwarder explain`). */
  readonly rule: string;
}

const CLOUDTRAIL_KEY_RULE = 'the key is a CloudTrail log file (AWSLogs/<account>/CloudTrail/...)';

function s3Rule(rules: readonly Rule[], key: string, table: string): { source: string; rule: string } {
  const lower = key.toLowerCase();
  const index = rules.findIndex((r) => r.test(lower));
  if (index === -1) return { source: 's3', rule: `no ${table} rule matched: the default` };
  return { source: rules[index]!.source, rule: describeRule(table, index, rules[index]!.example) };
}

/** ddsource for an S3 object (v5 rules); no host, as in v5. */
export function s3SourceV5(key: string): S3Detection {
  if (isCloudTrailKey(key)) return { source: 'cloudtrail', rule: CLOUDTRAIL_KEY_RULE };
  return s3Rule(S3_RULES_V5, key, 'v5 S3');
}

/** ddsource and host for an S3 object with the v3 rules (FORWARDER_DETECT_SOURCES=true). */
export function s3SourceV3(bucket: string, key: string, identity: ForwarderIdentity): S3Detection {
  let found = isCloudTrailKey(key)
    ? { source: 'cloudtrail', rule: CLOUDTRAIL_KEY_RULE }
    : s3Rule(S3_RULES_V3, key, 'v3 S3');
  if (bucket.includes('transit-gateway'))
    found = { source: 'transitgateway', rule: 'v3: the bucket name has transit-gateway' };
  return { ...found, host: s3HostV3(found.source, bucket, key, identity) };
}

/** `parse_service_arn` (datadog-serverless-functions aws/logs_monitoring/parsing.py, 3.99.0): the ARN of the resource
 * whose logs these are. */
function s3HostV3(source: string, bucket: string, key: string, identity: ForwarderIdentity): string | undefined {
  switch (source) {
    case 'elb':
      return elbArn(key);
    case 's3':
      return bucket ? `arn:aws:s3:::${bucket}` : undefined;
    case 'cloudfront':
      return cloudFrontArn(key, identity);
    case 'redshift':
      return redshiftArn(key);
    default:
      return undefined;
  }
}

function partitionOf(region: string): string {
  if (region.includes('gov')) return 'aws-us-gov';
  if (region.includes('cn')) return 'aws-cn';
  return 'aws';
}

function elbArn(key: string): string | undefined {
  let parts = key.split('/');
  const at = parts.indexOf('AWSLogs');
  if (at === -1) return undefined;
  parts = parts.slice(at);
  const fields = parts.join('/').split('_');
  if (fields.length <= 3 || parts.length <= 1) return undefined;
  const region = fields[2]!.toLowerCase();
  const name = fields[3]!.replace(/\./g, '/');
  return `arn:${partitionOf(region)}:elasticloadbalancing:${region}:${parts[1]}:loadbalancer/${name}`;
}

function cloudFrontArn(key: string, identity: ForwarderIdentity): string | undefined {
  const fileName = key.split('/').pop() ?? '';
  const pieces = fileName.split('.');
  if (pieces.length <= 3 || !identity.account) return undefined;
  return `arn:aws:cloudfront::${identity.account}:distribution/${pieces[pieces.length - 4]!.toLowerCase()}`;
}

function redshiftArn(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length !== 8) return undefined;
  const region = parts[3]!.toLowerCase();
  const fileFields = parts[7]!.split('_');
  if (fileFields.length !== 6) return undefined;
  return `arn:${partitionOf(region)}:redshift:${region}:${parts[1]!.toLowerCase()}:cluster:${fileFields[3]}:`;
}
