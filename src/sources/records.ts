// Events with `Records`: S3 notifications, SNS, SQS and Kinesis deliver a list of records, and each record is
// read on its own (the Datadog Forwarder looks only at Records[0] to decide, datadog-serverless-functions
// aws/logs_monitoring/steps/parsing.py, 5.4.11). One record that
// cannot be read is counted with a reason and logged; the others go on. When trying again may help, its
// trigger item (SQS message id, Kinesis sequence number) is reported so that only it is retried.
// SQS: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
// SNS: https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
// Kinesis: https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
import { MalformedPayloadError, PayloadTooLargeError, UnsupportedEventError, errorMessage } from '../errors.js';
import type { DropReason, EventType, LogChunk } from '../types.js';
import type { SourceContext } from './index.js';
import { describeShape } from './index.js';
import { readKinesisRecord } from './kinesis.js';
import { ObjectReadError } from './object-reader.js';
import {
  isObject,
  isObjectCreated,
  isS3TestEvent,
  parseJson,
  s3Notification,
  s3NotificationInSns,
  s3RefOfRecord,
} from './s3-notification.js';
import { readS3Object } from './s3-object.js';

export function hasRecords(event: unknown): event is { Records: unknown[] } {
  return isObject(event) && Array.isArray(event.Records) && event.Records.length > 0;
}

/** The id Lambda expects in `batchItemFailures` for this record, when its trigger has one. */
function itemIdOf(record: unknown): string | undefined {
  if (!isObject(record)) return undefined;
  if (record.eventSource === 'aws:sqs' && typeof record.messageId === 'string') return record.messageId;
  const kinesis = record.kinesis;
  if (isObject(kinesis) && typeof kinesis.sequenceNumber === 'string') return kinesis.sequenceNumber;
  return undefined;
}

export async function* readRecords(records: readonly unknown[], context: SourceContext): AsyncGenerator<LogChunk> {
  for (const record of records) {
    const itemId = itemIdOf(record);
    yield* isolated(readRecord(record, context, itemId), context, itemId);
  }
}

/** The chunks of one record; a failure to read it is counted and logged instead of ending the invocation. */
export async function* isolated(
  chunks: AsyncIterable<LogChunk>,
  context: SourceContext,
  itemId?: string,
): AsyncGenerator<LogChunk> {
  try {
    yield* chunks;
  } catch (error) {
    recordFailed(error, context, itemId);
  }
}

async function* readRecord(record: unknown, context: SourceContext, itemId?: string): AsyncGenerator<LogChunk> {
  if (!isObject(record)) throw new UnsupportedEventError(`a record (${describeShape(record)})`);
  if ('s3' in record) return yield* readNotificationRecords([record], context, itemId);
  if (isObject(record.Sns)) return yield* readSnsRecord(record, record.Sns, context);
  if ('kinesis' in record) return yield* readKinesisRecord(record, context, itemId);
  if (record.eventSource === 'aws:sqs') return yield* readSqsRecord(record, context, itemId);
  throw new UnsupportedEventError(`a record (${describeShape(record)})`);
}

/**
 * Every ObjectCreated record of an S3 notification: one object each, each failing on its own. `eventType` is the
 * trigger's, as the Datadog Forwarder 5.4.11 names it in its telemetry's `event_type` (steps/parsing.py,
 * parse_event_type: `sqs` for notifications through SQS, `s3` direct or through SNS).
 */
async function* readNotificationRecords(
  records: readonly unknown[],
  context: SourceContext,
  itemId?: string,
  eventType: EventType = 's3',
): AsyncGenerator<LogChunk> {
  for (const record of records) {
    if (!isObjectCreated(record)) {
      context.tally.drop('s3_event_not_object_created');
      continue;
    }
    const ref = s3RefOfRecord(record);
    if (ref === undefined) {
      recordFailed(
        new MalformedPayloadError('S3 notification', 'a record has no s3.bucket.name or s3.object.key'),
        context,
        itemId,
      );
      continue;
    }
    yield* isolated(readS3Object(ref, context, eventType, itemId), context, itemId);
  }
}

/** SNS: an S3 notification inside is read as S3; any other message is a log (datadog-serverless-functions
 * aws/logs_monitoring/steps/parsing.py, 5.4.11). */
async function* readSnsRecord(
  record: Record<string, unknown>,
  sns: Record<string, unknown>,
  context: SourceContext,
): AsyncGenerator<LogChunk> {
  const notification = s3NotificationInSns(sns.Message);
  if (notification) return yield* readNotificationRecords(notification.records, context);
  if (isS3TestEvent(parseJson(sns.Message))) return context.tally.drop('s3_test_event');
  context.tally.received(1);
  yield { origin: { eventType: 'sns' }, logs: [{ fields: record }] };
}

/** SQS: an S3 notification (direct or in an SNS envelope) is read as S3; any other body is a log. */
async function* readSqsRecord(
  record: Record<string, unknown>,
  context: SourceContext,
  itemId?: string,
): AsyncGenerator<LogChunk> {
  const body = parseJson(record.body);
  const notification =
    s3Notification(body) ??
    (isObject(body) && body.Type === 'Notification' ? s3NotificationInSns(body.Message) : undefined);
  if (notification) return yield* readNotificationRecords(notification.records, context, itemId, 'sqs');
  const inner = isObject(body) && body.Type === 'Notification' ? parseJson(body.Message) : body;
  if (isS3TestEvent(inner)) return context.tally.drop('s3_test_event');
  if (typeof record.body !== 'string') throw new MalformedPayloadError('SQS message', 'body is missing');
  const attributes = isObject(record.attributes) ? record.attributes : {};
  const sentMs = Number(attributes.SentTimestamp);
  context.tally.received(1);
  yield {
    origin: { eventType: 'sqs', itemId },
    logs: [
      { message: record.body, id: itemId, timestampMs: Number.isFinite(sentMs) && sentMs > 0 ? sentMs : undefined },
    ],
  };
}

function recordFailed(error: unknown, context: SourceContext, itemId?: string): void {
  let reason: DropReason = 'record_failed';
  let retryable = true;
  if (error instanceof ObjectReadError) {
    reason = error.reason;
    // Access denied is the operator's to fix: retrying keeps the data until then. A deleted object is gone.
    retryable = error.retryable || error.reason === 'object_access_denied';
  } else if (error instanceof MalformedPayloadError) {
    reason = error instanceof PayloadTooLargeError ? 'payload_too_large' : 'malformed_payload';
    retryable = false;
  } else if (error instanceof UnsupportedEventError) {
    reason = 'unsupported_record';
    retryable = false;
  }
  context.tally.recordFailed(reason, itemId, retryable);
  const fields = { reason, itemId, retried: retryable, error: errorMessage(error) };
  if (retryable) context.logger?.error('A record could not be read; the rest of the batch goes on.', fields);
  else context.logger?.warn('A record could not be read and is dropped; the rest of the batch goes on.', fields);
}
