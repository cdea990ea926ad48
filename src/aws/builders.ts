// The AWS SDK-backed ports, built with their clients. deps.ts (and tag-backends.ts, for the shared tag cache
// store) imports this module dynamically, only when a feature needs it, so that a container forwarding
// CloudWatch Logs never loads (or pays the cold start of) the SDK. The bundle keeps it in its own chunk. The
// secret stores and the tag sources are not here: each has its own module (secrets-manager.ts,
// ssm-parameters.ts, kms-decrypt.ts, tag-backends.ts), so reading the API key or the Lambda tags at start-up
// loads one client.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { S3Client } from '@aws-sdk/client-s3';
import { S3Store } from '../cache/s3-store.js';
import type { SharedStore } from '../cache/shared-store.js';
import type { Config } from '../config/index.js';
import type { LambdaInvoker } from '../sinks/additional-lambdas.js';
import type { ObjectReader } from '../sources/object-reader.js';
import type { InvocationDeadline } from '../deadline.js';
import { awsConfig, boundedBy, REQUEST_HANDLER, type AwsClientSettings } from './client-config.js';
import { S3ObjectReader } from './s3-object-reader.js';

/** The shared tag cache objects in DD_S3_BUCKET_NAME (tag-backends.ts loads this module only then). */
export function awsCacheStore(
  settings: AwsClientSettings | undefined,
  cacheBucket: string,
  deadline: InvocationDeadline,
): SharedStore {
  const s3 = new S3Client({ ...awsConfig(settings, 3), forcePathStyle: settings?.s3ForcePathStyle });
  return new S3Store(boundedBy(s3, deadline, 'send'), cacheBucket);
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
