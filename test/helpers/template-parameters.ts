// What test/unit/config/agreement.test.ts and test/unit/template/parameters.test.ts both need to know about
// template.yaml's parameters.
import type { Template } from './cfn-template.js';

/** CloudFormation's parameter constraints, as it checks them before it deploys anything. */
export function acceptsValue(template: Template, parameter: string, value: string): boolean {
  const p = template.Parameters[parameter];
  if (p === undefined) return false;
  const values = p.Type === 'CommaDelimitedList' ? value.split(',') : [value];
  return values.every((v) => acceptsOne(p, v));
}

function acceptsOne(p: Template['Parameters'][string], value: string): boolean {
  if (p.AllowedValues && !p.AllowedValues.map(String).includes(value)) return false;
  if (typeof p['AllowedPattern'] === 'string' && !new RegExp(`^(?:${p['AllowedPattern']})$`).test(value)) {
    return false;
  }
  if (p.Type === 'Number') {
    const n = Number(value);
    if (value.trim() === '' || Number.isNaN(n)) return false;
    if (typeof p['MinValue'] === 'number' && n < p['MinValue']) return false;
    if (typeof p['MaxValue'] === 'number' && n > p['MaxValue']) return false;
  }
  return true;
}

/** Parameters that configure resources rather than feed a variable, and what they configure. */
export const RESOURCE_PARAMETERS: Record<string, string> = {
  DdApiKey: 'the DdApiKeySecret secret (reaches the code as DD_API_KEY_SECRET_ARN)',
  CodeS3Bucket: 'the functions’ code',
  CodeS3Key: 'the functions’ code',
  CodeS3ObjectVersion: 'the functions’ code',
  CodeSigningConfigArn: 'the functions’ code signing',
  Architecture: 'the functions’ architecture',
  FunctionName: 'the forwarder’s name and log group',
  MemorySize: 'the forwarder’s memory',
  Timeout: 'the forwarder’s timeout',
  ReservedConcurrency: 'the forwarder’s reserved concurrency',
  LogRetentionInDays: 'the functions’ log groups',
  DdUseVPC: 'VpcConfig and the VPC policy (and DD_USE_VPC)',
  VPCSecurityGroupIds: 'VpcConfig',
  VPCSubnetIds: 'VpcConfig',
  PermissionsBoundaryArn: 'the IAM roles',
  IamRolePath: 'the IAM roles',
  DdForwarderBucketName: 'the forwarder bucket',
  DdForwarderBucketsAccessLogsTarget: 'the forwarder bucket’s access logs',
  DdScheduleRetryFailedEvents: 'the retry schedule',
  DdScheduleRetryInterval: 'the retry schedule',
  S3BucketArnList: 'the role’s s3:GetObject statement',
  SqsQueueArnList: 'the role’s SQS trigger statement',
  KinesisStreamArnList: 'the role’s Kinesis trigger statement',
  KmsKeyList: 'the role’s kms:Decrypt statement',
  AutoSubscribeLogGroups: 'whether the Subscriber function and its rules exist',
  AutoSubscribeReconcileMinutes: 'the Subscriber’s schedule',
  AccountSubscriptionPolicy: 'whether the account-level subscription filter policy exists',
  DdTraceEnabled: 'nothing: accepted for compatibility, Forwarder does not trace itself',
  SourceZipUrl: 'nothing: accepted for compatibility, the code comes from CodeS3Bucket/CodeS3Key',
  InstallAsLayer: 'nothing: accepted for compatibility, the code comes from CodeS3Bucket/CodeS3Key',
  LayerARN: 'nothing: accepted for compatibility, the code comes from CodeS3Bucket/CodeS3Key',
  ForwarderFailedInvocationsQueue: 'the on-failure destination (an SQS queue) of asynchronous invocations',
};
