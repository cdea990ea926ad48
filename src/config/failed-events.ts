// Failed-event storage (datadog-serverless-functions aws/logs_monitoring/retry/storage.py and retry/sqs_storage.py,
// 5.4.11): with DD_STORE_FAILED_EVENTS, what no intake accepted is kept in S3
// (DD_S3_BUCKET_NAME, under `failed_events/`) or, when DD_SQS_QUEUE_URL is set, in an SQS queue, and replayed by
// invoking the function with `{"retry": true}` (by hand or on the template's schedule).
import type { EnvReader } from './env-reader.js';

type FailedEventsBackend =
  { readonly kind: 's3'; readonly bucket: string } | { readonly kind: 'sqs'; readonly queueUrl: string };

export interface FailedEventsConfig {
  readonly enabled: boolean;
  /** Where they go; undefined when storage is off. */
  readonly backend?: FailedEventsBackend;
  /** How long a replay leaves an SQS message invisible to other replays while it resends it. */
  readonly replayVisibilitySeconds: number;
}

export function readFailedEvents(env: EnvReader): FailedEventsConfig {
  const enabled = env.bool('DD_STORE_FAILED_EVENTS', false);
  const bucket = env.optionalString('DD_S3_BUCKET_NAME');
  const queueUrl = env.url('DD_SQS_QUEUE_URL');
  const replayVisibilitySeconds = env.int('FORWARDER_REPLAY_VISIBILITY_SECONDS', 900, { min: 30, max: 43_200 });
  if (!enabled) return { enabled, replayVisibilitySeconds };
  // As in the Datadog Forwarder, a queue URL wins over the bucket.
  if (queueUrl !== undefined) return { enabled, backend: { kind: 'sqs', queueUrl }, replayVisibilitySeconds };
  if (bucket !== undefined) return { enabled, backend: { kind: 's3', bucket }, replayVisibilitySeconds };
  env.problem(
    'DD_STORE_FAILED_EVENTS is true but neither DD_S3_BUCKET_NAME nor DD_SQS_QUEUE_URL is set: ' +
      'set one of them (the template sets DD_S3_BUCKET_NAME from DdForwarderExistingBucketName or the bucket it creates).',
  );
  return { enabled: false, replayVisibilitySeconds };
}
