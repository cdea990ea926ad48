// The text the Datadog Forwarder filters a log without a message by (SNS and EventBridge events, CloudTrail
// records from S3, direct invocations): `json.dumps(log, ensure_ascii=False)` of its log dict
// (datadog-serverless-functions aws/logs_monitoring/forwarder.py _forward_logs and dump_event, 5.4.11), so that
// `EXCLUDE_AT_MATCH='"eventName": "ListUsers"'` means the same here: `", "` and `": "` separators, non-ASCII
// unescaped, and Python's key order. That dict is the event's own keys, then the keys steps/parsing.py
// normalize_events merges from generate_metadata (steps/common.py): ddsourcecategory, aws, ddtags, then
// ddsource, service and host as the handlers set them. A record that brought its own `aws` (S3 adds `aws.s3` to
// each CloudTrail record, steps/handlers/s3_handler.py) keeps it in the record's place, the forwarder's own
// `aws.invoked_function_arn` merged after its keys. The `id` Forwarder gives an S3 record is not Python's.
import { pythonJsonDumpsValue } from '../parse/python-json.js';
import type { LogRecord } from '../types.js';
import { toObject } from './serialize.js';

const METADATA_ORDER = ['ddsourcecategory', 'aws', 'ddtags', 'ddsource', 'service', 'host'];
const FORWARDER_AWS_KEYS = new Set(['invoked_function_arn', 'function_version']);

export function pythonRecordText(record: LogRecord): string {
  const ours = toObject(record);
  const fields = record.raw.fields ?? {};
  if (record.raw.id !== undefined && !('id' in fields)) delete ours.id;
  // No prototype: a `__proto__` key in an event is data, written like any other.
  const python = Object.create(null) as Record<string, unknown>;
  const aws = pythonAws(ours.aws) ?? ours.aws;
  const awsIsTheRecords =
    typeof aws === 'object' && aws !== null && Object.keys(aws).some((k) => !FORWARDER_AWS_KEYS.has(k));
  for (const key of Object.keys(fields)) python[key] = key === 'aws' ? aws : ours[key];
  if (awsIsTheRecords) python.aws = aws;
  for (const key of [...METADATA_ORDER, ...Object.keys(ours)]) {
    if (!(key in python) && key in ours) python[key] = key === 'aws' ? aws : ours[key];
  }
  return pythonJsonDumpsValue(python);
}

/** The log's `aws` with the record's own keys first and the forwarder's (merged in by Python later) after. */
function pythonAws(aws: unknown): Record<string, unknown> | undefined {
  if (typeof aws !== 'object' || aws === null || Array.isArray(aws)) return undefined;
  const entries = Object.entries(aws as Record<string, unknown>);
  return Object.fromEntries([
    ...entries.filter(([k]) => !FORWARDER_AWS_KEYS.has(k)),
    ...entries.filter(([k]) => FORWARDER_AWS_KEYS.has(k)),
  ]);
}
