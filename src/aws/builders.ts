// The AWS SDK-backed ports, built with their clients. deps.ts imports this module dynamically, only when a
// feature needs AWS, so that a container forwarding CloudWatch Logs never loads (or pays the cold start of) the
// SDK. The bundle keeps it in its own chunk. The secret stores are not here: each has its own module
// (secrets-manager.ts, ssm-parameters.ts, kms-decrypt.ts), so reading the API key at start-up loads one client.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { S3Client } from '@aws-sdk/client-s3';
import { S3Store } from '../cache/s3-store.js';
import type { SharedStore } from '../cache/shared-store.js';
import type { TagSource } from '../cache/tag-source.js';
import type { Config } from '../config/index.js';
import type { LambdaInvoker } from '../sinks/additional-lambdas.js';
import type { ObjectReader } from '../sources/object-reader.js';
import type { InvocationDeadline } from '../deadline.js';
import { awsConfig, boundedBy, REQUEST_HANDLER, type AwsClientSettings } from './client-config.js';
import { S3ObjectReader } from './s3-object-reader.js';
import { AwsTagSource } from './tag-source.js';

/** The tagging API and CloudWatch Logs as a TagSource, and the shared cache object store when a bucket is set. */
export function awsTagBackends(
  settings: AwsClientSettings | undefined,
  cacheBucket: string | undefined,
  deadline: InvocationDeadline,
): { source: TagSource; store?: SharedStore } {
  const aws = awsConfig(settings, 3);
  const source = new AwsTagSource(
    boundedBy(new ResourceGroupsTaggingAPIClient(aws), deadline, 'send'),
    boundedBy(new CloudWatchLogsClient(aws), deadline, 'send'),
  );
  if (cacheBucket === undefined) return { source };
  const s3 = new S3Client({ ...aws, forcePathStyle: settings?.s3ForcePathStyle });
  return { source, store: new S3Store(boundedBy(s3, deadline, 'send'), cacheBucket) };
}

/** Asynchronous invocations (InvocationType Event). */
export function awsLambdaInvoker(deadline: InvocationDeadline): LambdaInvoker {
  const client = boundedBy(new LambdaClient({ requestHandler: REQUEST_HANDLER }), deadline, 'send');
  return {
    async invokeAsync(functionName, payload) {
      await client.send(
        new InvokeCommand({ FunctionName: functionName, InvocationType: 'Event', Payload: Buffer.from(payload) }),
      );
    },
  };
}

/**
 * The S3 client reading log objects. With DD_USE_VPC, path-style addressing in the function's region, as the
 * Datadog Forwarder does for S3 VPC endpoints (datadog-serverless-functions
 * aws/logs_monitoring/steps/handlers/s3_handler.py, 5.4.11); otherwise the SDK's defaults (region and
 * credentials from the Lambda environment, AWS_ENDPOINT_URL_S3 honoured).
 */
export function awsObjectReader(config: Config, deadline: InvocationDeadline): ObjectReader {
  // A read, its body included, ends at the deadline for sending (the abort signal): what was read by then is
  // sent or stored, and the object counts as unread, so the invocation fails and Lambda retries it. The idle
  // limit is generous because reading pauses, by design, while the intake is slow to take what was read.
  const requestHandler = { connectionTimeout: 5_000, requestTimeout: 120_000 };
  const addressing = config.network.useVpc ? { region: config.sources.region, forcePathStyle: true } : {};
  return new S3ObjectReader(boundedBy(new S3Client({ ...addressing, requestHandler }), deadline, 'send'));
}
