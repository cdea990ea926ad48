// Events with `Records`: S3 notifications, SNS, SQS and Kinesis deliver a list of records, and each record is
// read on its own, as the kind the rule that classifies the trigger gives it (trigger.ts, `recordsKind`), so a
// batch mixing kinds is read correctly (the Datadog Forwarder reads only Records[0],
// datadog-serverless-functions aws/logs_monitoring/steps/parsing.py, 5.4.11). One record that cannot be read,
// or is of no known kind, is counted with a reason and logged; the others go on (source-context.ts). When
// trying again may help, its trigger item (SQS message id, Kinesis sequence number) is reported so that only it
// is retried.
// SQS: https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html
// SNS: https://docs.aws.amazon.com/lambda/latest/dg/with-sns.html
// Kinesis: https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
import { MalformedPayloadError, UnsupportedEventError } from '../errors.js';
import type { EventType, LogChunk } from '../types.js';
import { readKinesisRecord } from './kinesis.js';
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
import { isolated, recordFailed, type SourceContext } from './source-context.js';
import { describeShape, recordsKind, type RecordsKind } from './trigger.js';

export async function* readRecords(records: readonly unknown[], context: SourceContext): AsyncGenerator<LogChunk> {
  for (const record of records) {
    const kind = recordsKind(record);
    const itemId = itemIdOf(kind, record);
    yield* isolated(readRecord(kind, record, context, itemId), context, itemId);
  }
}

/** The id Lambda expects in `batchItemFailures` for this record, when its trigger has one (SQS and Kinesis). */
function itemIdOf(kind: RecordsKind | undefined, record: unknown): string | undefined {
  if (!isObject(record)) return undefined;
  if (kind === 'sqs') return typeof record.messageId === 'string' ? record.messageId : undefined;
  if (kind !== 'kinesis' || !isObject(record.kinesis)) return undefined;
  return typeof record.kinesis.sequenceNumber === 'string' ? record.kinesis.sequenceNumber : undefined;
}

async function* readRecord(
  kind: RecordsKind | undefined,
  record: unknown,
  context: SourceContext,
  itemId?: string,
): AsyncGenerator<LogChunk> {
  if (kind === undefined || !isObject(record)) throw new UnsupportedEventError(`a record (${describeShape(record)})`);
  if (kind === 's3') return yield* readNotificationRecords([record], context, itemId);
  if (kind === 'sns') return yield* readSnsRecord(record, record.Sns as Record<string, unknown>, context);
  if (kind === 'kinesis') return yield* readKinesisRecord(record, context, itemId);
  return yield* readSqsRecord(record, context, itemId);
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
