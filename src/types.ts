// The typed boundaries between pipeline stages (see docs/architecture.md):
//   event ──sources──► LogChunk (Origin + RawLog[]) ──parse/enrich──► LogRecord ──transform──► serialized JSON
//   ──route──► { logs, metrics, traces } ──sinks──► SendReport
import type { OriginRouting } from './routing/rules.js';

/** The Lambda invocation context, narrowed to what the forwarder uses. */
export interface InvocationContext {
  readonly invokedFunctionArn: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly memoryLimitInMB: string | number;
  readonly awsRequestId: string;
  getRemainingTimeInMillis(): number;
}

/** Which trigger delivered the event (also the telemetry tag `event_type`). */
export type EventType = 'awslogs' | 's3' | 'sns' | 'sqs' | 'kinesis' | 'events' | 'eventbridge_s3' | 'custom';

/** One log event as a source read it, before anything is derived from it. */
export interface RawLog {
  /** The log text. Absent for structured records whose fields are top-level (CloudTrail from S3, EventBridge). */
  readonly message?: string;
  /** A stable id for the event (the CloudWatch event id; bucket/key/line for S3), so duplicates can be recognised. */
  readonly id?: string;
  readonly timestampMs?: number;
  /** Top-level fields of a structured record (merged into the forwarded record). */
  readonly fields?: Readonly<Record<string, unknown>>;
  /** The source already cut the message to the intake's limit (counted once, when the log is serialized). */
  readonly truncated?: boolean;
}

/** Where a run of logs came from: what the source knows, shared by every log of the run. */
export interface SourceOrigin {
  readonly eventType: EventType;
  /** Present for CloudWatch Logs payloads (direct or through Kinesis). */
  readonly awslogs?: { readonly logGroup: string; readonly logStream: string; readonly owner: string };
  /** Present for S3 objects. */
  readonly s3?: { readonly bucket: string; readonly key: string };
  /** For EventBridge / CloudWatch Events: the event's `source` (e.g. `aws.guardduty`). */
  readonly eventSource?: string;
  /** Identifies the trigger record (SQS message id, Kinesis sequence number) for partial-batch failures. */
  readonly itemId?: string;
}

/** A bounded run of logs from one origin. Sources yield these so that large inputs stream. */
export interface LogChunk {
  readonly origin: SourceOrigin;
  readonly logs: readonly RawLog[];
}

/** The attributes shared by every log of one origin, computed once per origin (parse/ + enrich/). */
export interface Origin {
  readonly source: SourceOrigin;
  readonly ddsource: string;
  /** Empty when the log carries no `service` attribute (SNS messages, as in the Datadog Forwarder v5). */
  readonly service: string;
  readonly host?: string;
  /** The ddtags, in order, as single `key:value` strings. */
  readonly tags: readonly string[];
  /** Nested attributes: `aws.*`, `lambda.arn`. */
  readonly attributes: Readonly<Record<string, unknown>>;
  /** The ARN of the Lambda function whose logs these are, when they are a Lambda function's. */
  readonly lambdaArn?: string;
  /** A per-log host read from the log's message, when the origin's logs name one (v3 Route 53 rule). */
  readonly hostOf?: (message: MessageView) => string | undefined;
  /** That function's resource tags (`key:value`), when they were fetched: enhanced metrics carry them. */
  readonly lambdaTags?: readonly string[];
  /** What the routing rules and routing tags decided (src/enrich/routed-origin.ts); absent when neither applied. */
  readonly routing?: OriginRouting;
}

/**
 * A log's message read once (src/parse/parsed-message.ts): every stage that looks into the message's JSON asks its
 * view, so no stage parses the message again, and a message that cannot be a JSON object is never parsed.
 */
export interface MessageView {
  readonly text: string;
  /** The text's first character after JSON whitespace is `{`: only then can it be a JSON object. */
  readonly isObjectText: boolean;
  /** The message's JSON object (not an array), parsed on first use and kept; undefined when it is not one. */
  object(): Readonly<Record<string, unknown>> | undefined;
  /** The JSON object from the text's first `{` (after a prefix such as Lambda's `<time>\t<request id>\t<level>\t`). */
  embeddedObject(): Readonly<Record<string, unknown>> | undefined;
  /** The integer at `holder[key]` (an object of this view's JSON) exactly, beyond 2^53 too; undefined when not one. */
  integer(holder: object, key: string): bigint | undefined;
}

/** A log ready to serialize: the shared origin plus what is this log's own. */
export interface LogRecord {
  readonly origin: Origin;
  readonly raw: RawLog;
  readonly message?: string;
  /**
   * The message read once (src/enrich/record.ts builds it): `view.text` is `message` until scrubbing, the last
   * stage, rewrites it. Absent when the log has no message, and for a log forwarded as it came.
   */
  readonly view?: MessageView;
  /** Per-record overrides of origin attributes (for example a `service:` found in the message's own ddtags). */
  readonly overrides?: Readonly<{ ddtags?: string; service?: string; host?: string }>;
  /** Per-record extra top-level attributes (for example `dd.trace_id`). */
  readonly extra?: Readonly<Record<string, unknown>>;
}

/** A serialized log and the trigger item it came from. */
export interface SerializedLog {
  /** The log's JSON; with `tail`, its beginning (its own fields). */
  readonly json: string;
  /** The end of the log's JSON, shared by the logs of its origin, as the UTF-8 bytes written after `json`. */
  readonly tail?: Buffer;
  readonly itemId?: string;
}

/**
 * Why a record was not forwarded, by a name with no parameter. Every drop is counted under one of these or of the
 * two families below; docs/operations.md lists them all (test/unit/drop-reasons.test.ts checks it, both ways).
 */
export const DROP_REASONS = [
  // sources/: the event and its records
  'control_message',
  'malformed_log_event',
  'own_log_group',
  'payload_too_large',
  'malformed_payload',
  'unsupported_record',
  'record_failed',
  'object_not_found',
  'object_access_denied',
  'object_read_failed',
  's3_event_not_object_created',
  's3_test_event',
  'cloudtrail_digest_skipped',
  'empty_object',
  'joined_multiline',
  // signals/: metric lines and trace payloads
  'invalid_metric_name',
  'invalid_metric_value',
  'invalid_metric_timestamp',
  'invalid_metric_tags',
  'forward_metrics_disabled',
  'forward_traces_disabled',
  'ignored_resource',
  'telemetry_undeliverable',
  // forward.ts: filter and serialize
  'forward_log_disabled',
  'filtered_include',
  'filtered_exclude',
  'routing_drop',
  'processing_error',
  // sinks/: what an intake would not take, and best-effort destinations
  'rejected_too_large',
  'undeliverable_best_effort',
] as const;

/** An intake answered 400 or 422: the payload will never be accepted (docs/operations.md, intake statuses). */
export type RejectedReason = `rejected_${number}`;

/** What an intake sink drops: rejected by the intake, or undeliverable to a best-effort destination. */
export type IntakeDropReason = RejectedReason | 'rejected_too_large' | 'undeliverable_best_effort';

/** Why a record was not forwarded. A replay's drops are counted as `replay_` and the intake's reason. */
export type DropReason = (typeof DROP_REASONS)[number] | RejectedReason | `replay_${IntakeDropReason}`;

/** Why a record was forwarded, but not as what it looked like. */
export type KeptReason = 'corrupt_trace_payload' | 'processing_error';

/** What one intake received, or did not. */
export interface SendReport {
  readonly intake: string;
  readonly items: number;
  readonly delivered: number;
  readonly requests: number;
  readonly bytesSent: number;
  readonly retries: number;
  readonly failed: number;
  readonly truncated: number;
  readonly dropped: Readonly<Record<string, number>>;
  /** Trigger items (SQS message ids, Kinesis sequence numbers) with at least one undelivered record. */
  readonly failedItemIds: readonly string[];
  /** Sentence describing the last failure, when something failed. */
  readonly lastError?: string;
}

/** What a replay of the failed-event store did (failed-events/replay.ts), for the summary line. */
export interface ReplayReport {
  readonly store: string;
  /** Stored batches read. */
  readonly batches: number;
  /** Items the intakes accepted. */
  readonly replayed: number;
  /** Batches deleted after their items were delivered. */
  readonly deleted: number;
  /** Batches left in the store for a later replay (some stored again as a smaller batch). */
  readonly kept: number;
  /** Items stored again because their intake still did not accept them. */
  readonly restored: number;
  readonly dropped: Readonly<Record<string, number>>;
  readonly lastError?: string;
}
