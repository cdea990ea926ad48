// The event, classified once into the trigger that delivered it. Every later step reads this value instead of
// working the event's shape out again: the source readers (index.ts), the batch response (batch-response.ts),
// the replay of stored events (forward.ts), the items Lambda may retry (records.ts) and the telemetry's
// `event_type` tag. The rules and their order are the Datadog Forwarder's (datadog-serverless-functions
// aws/logs_monitoring/steps/parsing.py, parse_event_type, 5.4.11), which looks only at `Records[0]`; we look at
// the first record of a known kind (each record is then read as its own kind, records.ts):
//   Records[0].s3                               s3               (an S3 notification)
//   Records[0].Sns                              sns              (event_type `s3` when its message is an S3 notification)
//   Records[0].kinesis                          kinesis
//   Records[0].eventSource == "aws:sqs"         sqs
//   Records of none of these kinds              records          (each counted `unsupported_record`, records.ts)
//   awslogs (and no Records)                    awslogs          (a CloudWatch Logs subscription)
//   detail, from aws.s3, "Object Created"       eventbridge_s3
//   detail                                      events           (EventBridge / CloudWatch Events)
// and, our own: exactly {"retry": true} asks only for the replay of the failed-event store (`retry`; beside
// other keys the event is processed as usual, then the replay runs: lambda_function.py and forwarder.py,
// 5.4.11); any other non-empty object is a `custom` event; anything else is `unsupported`, which reading refuses
// with an UnsupportedEventError naming what was seen.
import type { EventType } from '../types.js';
import { isEventBridgeS3ObjectCreated, isObject, s3NotificationInSns } from './s3-notification.js';

/** What every trigger has: the event as it came (for the additional target Lambdas) and whether to replay. */
interface Received {
  readonly event: unknown;
  /** `"retry": true` was in the event: the failed-event store is replayed after the event is processed. */
  readonly replay: boolean;
  /** The telemetry's `event_type` tag, as the Datadog Forwarder names it; none for a bare retry. */
  readonly eventType: EventType | undefined;
}

export type RecordsKind = 's3' | 'sns' | 'kinesis' | 'sqs';

export type Trigger = Received &
  (
    | { readonly kind: 'awslogs'; readonly data: unknown }
    | { readonly kind: RecordsKind | 'records'; readonly records: readonly unknown[] }
    | { readonly kind: 'eventbridge_s3' | 'events' | 'custom'; readonly event: Record<string, unknown> }
    | { readonly kind: 'retry' }
    | { readonly kind: 'unsupported'; readonly shape: string }
  );

export function classifyEvent(event: unknown): Trigger {
  const replay = isRetryRequest(event);
  if (replay && Object.keys(event as object).length === 1) {
    return { kind: 'retry', event, replay, eventType: undefined };
  }
  if (isObject(event) && Array.isArray(event.Records) && event.Records.length > 0) {
    const records: readonly unknown[] = event.Records;
    const first = records.find((record) => recordsKind(record) !== undefined);
    const kind = recordsKind(first);
    if (kind !== undefined) return { kind, records, event, replay, eventType: recordsEventType(kind, first) };
    return { kind: 'records', records, event, replay, eventType: undefined };
  }
  if (isObject(event) && 'awslogs' in event) {
    const awslogs = event.awslogs;
    const data = isObject(awslogs) ? awslogs.data : undefined;
    return { kind: 'awslogs', data, event, replay, eventType: 'awslogs' };
  }
  if (isObject(event) && 'detail' in event) {
    const kind = isEventBridgeS3ObjectCreated(event) ? 'eventbridge_s3' : 'events';
    return { kind, event, replay, eventType: kind };
  }
  if (isObject(event) && Object.keys(event).length > 0 && !('Records' in event)) {
    return { kind: 'custom', event, replay, eventType: 'custom' };
  }
  return { kind: 'unsupported', shape: describeShape(event), event, replay, eventType: undefined };
}

/** An SQS or Kinesis batch: Lambda reads a partial-batch response (batch-response.ts) only from these. */
export function isBatch(trigger: Trigger): trigger is Trigger & { kind: 'sqs' | 'kinesis' } {
  return trigger.kind === 'sqs' || trigger.kind === 'kinesis';
}

/** The kind of one record of a `Records` event; undefined when it is none we read. */
export function recordsKind(record: unknown): RecordsKind | undefined {
  if (!isObject(record)) return undefined;
  if ('s3' in record) return 's3';
  if (isObject(record.Sns)) return 'sns';
  if ('kinesis' in record) return 'kinesis';
  if (record.eventSource === 'aws:sqs') return 'sqs';
  return undefined;
}

function recordsEventType(kind: RecordsKind, first: unknown): EventType {
  if (kind !== 'sns') return kind;
  const sns = (first as { Sns: Record<string, unknown> }).Sns;
  return s3NotificationInSns(sns.Message) ? 's3' : 'sns';
}

/** `"retry"` is true (any case, as Python's `str(...).lower() == "true"`). */
function isRetryRequest(event: unknown): boolean {
  if (!isObject(event) || !('retry' in event)) return false;
  return String(event.retry).toLowerCase() === 'true';
}

/** A short description of an event's shape for error messages: its type and top-level keys, never values. */
export function describeShape(event: unknown): string {
  if (event === null) return 'null';
  if (Array.isArray(event)) return `an array of ${event.length} item(s)`;
  if (typeof event !== 'object') return `a ${typeof event}`;
  const keys = Object.keys(event).slice(0, 10);
  return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.map((k) => JSON.stringify(k)).join(', ')}`;
}
