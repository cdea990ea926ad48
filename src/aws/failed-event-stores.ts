// Builds the configured failed-event store with its AWS SDK client (called from deps.ts, once per container).
// The SQS client sends to the queue URL's own host; the S3 client uses path-style addressing in a VPC
// (DD_USE_VPC), as the Datadog Forwarder does, so an S3 gateway or interface endpoint serves it.
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import type { Config } from '../config/index.js';
import type { Logger } from '../log.js';
import type { FailedEventStore } from '../failed-events/failed-event-store.js';
import { S3FailedEventStore } from './s3-failed-event-store.js';
import { SqsFailedEventStore } from './sqs-failed-event-store.js';

/**
 * Short timeouts and few retries: storing runs in the reserve kept before Lambda's timeout, so a store that
 * does not answer must fail the invocation (which Lambda then retries), not hang it. Each call also carries the
 * invocation's abort signal for storing (failed-events/spill.ts, replay.ts), which holds it to the deadline
 * whatever happens.
 */
const CLIENT_OPTIONS = {
  maxAttempts: 3,
  requestHandler: { connectionTimeout: 2_000, requestTimeout: 5_000, throwOnRequestTimeout: true },
};

export function buildFailedEventStore(config: Config, logger: Logger): FailedEventStore | undefined {
  const { backend, replayVisibilitySeconds } = config.failedEvents;
  if (backend === undefined) return undefined;
  if (backend.kind === 'sqs') {
    return new SqsFailedEventStore(new SQSClient({ ...CLIENT_OPTIONS }), backend.queueUrl, logger, {
      visibilitySeconds: replayVisibilitySeconds,
    });
  }
  return new S3FailedEventStore(
    new S3Client({ ...CLIENT_OPTIONS, forcePathStyle: config.network.useVpc }),
    backend.bucket,
    logger,
  );
}
