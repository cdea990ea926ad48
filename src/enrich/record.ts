// What is a single log's own, on top of its origin (datadog-serverless-functions aws/logs_monitoring/steps/handlers/
// and steps/common.py, 5.4.11):
// - a JSON message carrying `ddtags` gives its tags (and possibly its service) to that log alone;
// - a CloudTrail event made by an EC2 instance's assumed role names that instance as the host;
// - with the v3 source rules, a Route 53 Resolver query log names the instance that made the query as the host.
import { ParsedMessage } from '../parse/parsed-message.js';
import { pythonJsonDumps, pythonJsonDumpsParsed } from '../parse/python-json.js';
import type { LogRecord, Origin, RawLog } from '../types.js';

const ASSUMED_ROLE_INSTANCE = /^arn:aws:sts::.*?:assumed-role\/(?<role>.*?)\/(?<host>i-([0-9a-f]{8}|[0-9a-f]{17}))$/;

/** The log's record, with its message read once into the view every later stage uses. */
export function toRecord(origin: Origin, raw: RawLog): LogRecord {
  const { message } = raw;
  if (message === undefined)
    return origin.ddsource === 'cloudtrail' ? withCloudTrailHost({ origin, raw }) : { origin, raw };
  const view = new ParsedMessage(message);
  let record: LogRecord = { origin, raw, message, view };
  if (message.includes('ddtags')) record = withMessageTags(record, view);
  if (origin.ddsource === 'cloudtrail') record = withCloudTrailHost(record);
  if (origin.hostOf) record = withMessageHost(record, origin.hostOf(view));
  return record;
}

function withMessageHost(record: LogRecord, host: string | undefined): LogRecord {
  return host === undefined ? record : { ...record, overrides: { ...record.overrides, host } };
}

/**
 * `extract_ddtags_from_message`: pops `ddtags` out of a JSON message (which is re-serialised the way Python's
 * json.dumps does, as the Datadog Forwarder's records show), appends them to the log's tags, and lets a
 * `service:` among them set the log's service. A message that cannot be read that way (not JSON, or nested too
 * deep to re-serialise) is left as it is, with its ddtags inside, as the Datadog Forwarder leaves it when
 * json.loads raises (aws/logs_monitoring/steps/enrichment.py, `except Exception: return`, 5.4.11).
 */
function withMessageTags(record: LogRecord, view: ParsedMessage): LogRecord {
  const parsed = view.object();
  const ddtags = parsed?.ddtags;
  if (typeof ddtags !== 'string') return record;
  let rewritten: string;
  try {
    // From the view's parse where that is provably Python's text, else by parsing the text the way Python does.
    const omit = { omitTopLevelKey: 'ddtags' };
    rewritten =
      pythonJsonDumpsParsed(view.text, parsed, (h, k) => view.integer(h, k), omit) ?? pythonJsonDumps(view.text, omit);
  } catch {
    return record;
  }
  const { ddtags: _omitted, ...rest } = parsed!;
  const extracted = ddtags.replace(/ /g, '');
  const serviceTag = extracted.split(',').find((t) => t.startsWith('service:'));
  let tags = record.origin.tags;
  let service = record.origin.service;
  if (serviceTag !== undefined) {
    service = serviceTag.slice('service:'.length);
    tags = tags.filter((t) => t !== '' && !t.startsWith('service:'));
  }
  return {
    ...record,
    message: rewritten,
    view: view.rewritten(rewritten, rest),
    overrides: { ...record.overrides, ddtags: `${tags.join(',')},${extracted}`, service },
  };
}

function withCloudTrailHost(record: LogRecord): LogRecord {
  const arn = userIdentityArn(record);
  return withMessageHost(record, arn === undefined ? undefined : ASSUMED_ROLE_INSTANCE.exec(arn)?.groups?.host);
}

function userIdentityArn(record: LogRecord): string | undefined {
  const event: unknown =
    record.raw.fields ?? (record.message?.includes('assumed-role') ? record.view?.object() : undefined);
  const identity = (event as { userIdentity?: { arn?: unknown } } | undefined)?.userIdentity;
  return typeof identity?.arn === 'string' ? identity.arn : undefined;
}
