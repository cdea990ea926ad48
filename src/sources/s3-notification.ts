// S3 event notifications: which objects were created.
// Record shape: https://docs.aws.amazon.com/AmazonS3/latest/userguide/notification-content-structure.html
// (`Records[].s3.bucket.name`, `Records[].s3.object.key` URL-encoded with `+` for spaces). The same JSON arrives
// directly, as an SNS message, as an SQS body, or an SNS envelope inside an SQS body. EventBridge delivers
// `Object Created` events instead: https://docs.aws.amazon.com/AmazonS3/latest/userguide/ev-events.html
// Unlike the Datadog Forwarder, which reads only Records[0] (datadog-serverless-functions
// aws/logs_monitoring/steps/handlers/s3_handler.py, 5.4.11), every record is read.

export interface S3ObjectRef {
  readonly bucket: string;
  readonly key: string;
}

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `urllib.parse.unquote_plus`: `+` is a space, `%xx` escapes decoded; a malformed escape is kept as is. */
function decodeS3Key(key: string): string {
  const spaced = key.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

/** The object of one notification record, or undefined when the record is not about a created object. */
export function s3RefOfRecord(record: unknown): S3ObjectRef | undefined {
  if (!isObject(record) || !isObject(record.s3)) return undefined;
  const bucket = isObject(record.s3.bucket) ? record.s3.bucket.name : undefined;
  const key = isObject(record.s3.object) ? record.s3.object.key : undefined;
  if (typeof bucket !== 'string' || typeof key !== 'string') return undefined;
  return { bucket, key: decodeS3Key(key) };
}

/** Notification records that are not ObjectCreated (ObjectRemoved, Restore, ...) have nothing to read. */
export function isObjectCreated(record: unknown): boolean {
  const name = isObject(record) ? record.eventName : undefined;
  return typeof name !== 'string' || name.startsWith('ObjectCreated');
}

/** `{"Records": [{"s3": ...}, ...]}` parsed from a message body, or undefined when it is something else. */
export function s3Notification(value: unknown): { records: unknown[] } | undefined {
  if (!isObject(value) || !Array.isArray(value.Records) || value.Records.length === 0) return undefined;
  return value.Records.some((r) => isObject(r) && 's3' in r) ? { records: value.Records } : undefined;
}

/** The test message S3 sends when a notification is configured (`"Event": "s3:TestEvent"`). */
export function isS3TestEvent(value: unknown): boolean {
  return isObject(value) && value.Event === 's3:TestEvent';
}

/** Parses JSON text, or undefined when it is not JSON. */
export function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return undefined;
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The S3 notification an SNS message carries (direct SNS record `Sns.Message`, or an SNS envelope's `Message`). */
export function s3NotificationInSns(message: unknown): { records: unknown[] } | undefined {
  return s3Notification(parseJson(message));
}

/** EventBridge `Object Created` from S3. */
export function isEventBridgeS3ObjectCreated(event: Json): boolean {
  const detailType = event['detail-type'];
  return event.source === 'aws.s3' && typeof detailType === 'string' && detailType.includes('Object Created');
}

export function s3RefOfEventBridge(event: Json): S3ObjectRef | undefined {
  const detail = event.detail;
  if (!isObject(detail) || !isObject(detail.bucket) || !isObject(detail.object)) return undefined;
  const { name } = detail.bucket;
  const { key } = detail.object;
  if (typeof name !== 'string' || typeof key !== 'string') return undefined;
  return { bucket: name, key: decodeS3Key(key) };
}
