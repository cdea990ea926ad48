// Settings copied from a Datadog Forwarder stack, through the whole pipeline: filters on logs without a message
// match Python's json.dumps of the log, scrubbing keeps every request body valid JSON, and no pattern hangs.
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { readConfig } from '../../src/config/index.js';
import { buildDeps } from '../../src/deps.js';
import { forward } from '../../src/forward.js';
import { classifyEvent } from '../../src/sources/trigger.js';
import { Logger } from '../../src/log.js';
import type { ObjectReader } from '../../src/sources/object-reader.js';
import { s3Record, snsRecord } from '../helpers/events.js';
import { TEST_API_KEY, awslogsEvent, lambdaContext } from '../helpers/lambda.js';
import { noWaitClock, RecordingHttp } from '../helpers/recording-http.js';

const clock = noWaitClock;

/** An S3 store holding one object, gzipped. */
const oneObject = (text: string): ObjectReader => ({
  open: async () => ({ body: Readable.from([gzipSync(text)]), metadata: {} }),
});

async function run(env: Record<string, string>, event: unknown, objects?: ObjectReader) {
  const http = new RecordingHttp();
  const config = readConfig({ DD_API_KEY: TEST_API_KEY, DD_USE_COMPRESSION: 'false', ...env });
  const deps = await buildDeps(config, { http, clock, objects, logger: new Logger('error', () => undefined) });
  const summary = await forward(classifyEvent(event), lambdaContext(), deps);
  return { logs: http.logs, summary };
}

const cloudTrailEvent = (eventName: string) => ({
  version: '0',
  id: '6a7e8feb-b491-4cf7-a9f1-bf3703467718',
  'detail-type': 'AWS API Call via CloudTrail',
  source: 'aws.iam',
  detail: { eventName, userAgent: 'café/1.0' },
});

const TRAIL_KEY =
  'AWSLogs/123456789012/CloudTrail/us-east-1/2024/01/01/123456789012_CloudTrail_us-east-1_20240101T0000Z_abc.json.gz';

const cloudTrailObject = (eventName: string) =>
  JSON.stringify({ Records: [{ eventVersion: '1.08', eventName, sourceIPAddress: '10.0.0.1' }] });

const messages = (lines: string[]) => ({
  messageType: 'DATA_MESSAGE',
  owner: '012345678912',
  logGroup: '/aws/lambda/app',
  logStream: '2024/01/01/[$LATEST]abc',
  logEvents: lines.map((message, i) => ({ id: String(i), timestamp: 1600000000000 + i, message })),
});

describe('filters on logs without a message see Python’s json.dumps of the log', () => {
  it.each([
    ['an EventBridge event', cloudTrailEvent('ListUsers'), undefined],
    ['a CloudTrail record from S3', { Records: [s3Record('trail', TRAIL_KEY)] }, cloudTrailObject('ListUsers')],
    ['a direct invocation', { eventName: 'ListUsers', detail: {} }, undefined],
  ])('EXCLUDE_AT_MATCH=\'"eventName": "ListUsers"\' drops %s', async (_, event, object) => {
    const objects = object === undefined ? undefined : oneObject(object);
    const { logs, summary } = await run({ EXCLUDE_AT_MATCH: '"eventName": "ListUsers"' }, event, objects);
    expect(logs).toEqual([]);
    expect(summary.dropped).toMatchObject({ filtered_exclude: 1 });
  });

  it('writes keys in Python’s order, with its separators and non-ASCII as is (EventBridge)', async () => {
    const include = String.raw`^\{"version": "0", "id": "[^"]+", "detail-type": "AWS API Call via CloudTrail", "source": "aws\.iam", "detail": \{"eventName": "ListUsers", "userAgent": "café/1\.0"\}, "ddsourcecategory": "aws", "aws": \{"invoked_function_arn": "arn:aws:lambda:us-east-1:012345678912:function:test_function"\}, "ddtags": "forwardername:test_function,forwarder_version:[^"]+", "ddsource": "iam", "service": "iam"\}$`;
    const { logs } = await run({ INCLUDE_AT_MATCH: include }, cloudTrailEvent('ListUsers'));
    expect(logs).toHaveLength(1);
  });

  it('puts an S3 record’s own aws first, the forwarder’s keys merged after, as Python does', async () => {
    const include = String.raw`^\{"eventVersion": "1\.08", "eventName": "ListUsers", "sourceIPAddress": "10\.0\.0\.1", "aws": \{"s3": \{"bucket": "trail", "key": "AWSLogs/[^"]+"\}, "invoked_function_arn": "[^"]+"\}, "ddsourcecategory": "aws", "ddtags": "[^"]+", "ddsource": "cloudtrail", "service": "cloudtrail"\}$`;
    const event = { Records: [s3Record('trail', TRAIL_KEY)] };
    const { logs } = await run({ INCLUDE_AT_MATCH: include }, event, oneObject(cloudTrailObject('ListUsers')));
    expect(logs).toHaveLength(1);
  });

  it('writes an SNS record with Python’s key order (no service)', async () => {
    const include = String.raw`^\{"EventSource": "aws:sns", .*"Sns": \{.*"Message": "hello", .*\}, "ddsourcecategory": "aws", "aws": \{"invoked_function_arn": "[^"]+"\}, "ddtags": "[^"]+", "ddsource": "sns"\}$`;
    const { logs } = await run({ INCLUDE_AT_MATCH: include }, { Records: [snsRecord('hello')] });
    expect(logs).toHaveLength(1);
  });
});

describe('scrubbing writes valid JSON', () => {
  it.each([
    [
      'a replacement with backslashes (\\1 is the group, \\\\ one backslash)',
      { DD_SCRUBBING_RULE: '(user)=\\w+', DD_SCRUBBING_RULE_REPLACEMENT: '\\1=\\\\***' },
      'login user=bob ok',
      'login user=\\*** ok',
    ],
    ['an email right after a newline', { REDACT_EMAIL: 'true' }, 'to:\nbob@example.com', 'to:\nxxxxx@xxxxx.com'],
    ['an email right after a tab', { REDACT_EMAIL: 'true' }, 'to:\tbob@example.com', 'to:\txxxxx@xxxxx.com'],
    ['an address right after \\u0001', { REDACT_IP: 'true' }, 'from\u000110.1.2.3', 'from\u0001xxx.xxx.xxx.xxx'],
  ])('%s', async (_, env, message, scrubbed) => {
    const { logs } = await run(env, awslogsEvent(messages([message])));
    expect(logs.map((l) => l.message)).toEqual([scrubbed]);
  });

  it('scrubs the values of attributes and fields, not their keys', async () => {
    const { logs } = await run(
      { REDACT_IP: 'true', DD_TAGS: 'origin:10.9.8.7' },
      { ...cloudTrailEvent('Login'), detail: { sourceIPAddress: '10.0.0.1' } },
    );
    expect(logs[0]).toMatchObject({ detail: { sourceIPAddress: 'xxx.xxx.xxx.xxx' } });
    expect(String(logs[0]?.ddtags)).toMatch(/^origin:xxx\.xxx\.xxx\.xxx,/);
  });
});

it('redacts with FORWARDER_REDACT, in a JSON message too, and counts each detector in the summary', async () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
  const json = JSON.stringify({ aws_secret_access_key: secret, note: 'from 10.0.0.1 to\njane@example.com' });
  const { logs, summary } = await run(
    { FORWARDER_REDACT: 'aws_secret_access_key,email,ipv4' },
    awslogsEvent(messages([json, 'nothing here', 'ping 10.0.0.2 and 10.0.0.3'])),
  );
  expect(logs.map((l) => l.message)).toEqual([
    JSON.stringify({
      aws_secret_access_key: '[REDACTED_AWS_SECRET_ACCESS_KEY]',
      note: 'from xxx.xxx.xxx.xxx to\nxxxxx@xxxxx.com',
    }),
    'nothing here',
    'ping xxx.xxx.xxx.xxx and xxx.xxx.xxx.xxx',
  ]);
  expect(summary.redacted).toEqual({ aws_secret_access_key: 1, email: 1, ipv4: 3 });
});

it('adds a routing rule’s detectors for the logs it matches', async () => {
  const env = { FORWARDER_REDACT: 'email', FORWARDER_ROUTING_RULES: 'fixtures/redaction/rules.yaml' };
  const line = 'jane@example.com paid with 4111 1111 1111 1111 from 10.0.0.1';
  const other = await run(env, awslogsEvent(messages([line])));
  const payments = await run(env, awslogsEvent({ ...messages([line]), logGroup: '/ecs/payments' }));
  expect(other.logs.map((l) => l.message)).toEqual(['xxxxx@xxxxx.com paid with 4111 1111 1111 1111 from 10.0.0.1']);
  expect(payments.logs.map((l) => l.message)).toEqual([
    'xxxxx@xxxxx.com paid with [REDACTED_CARD_NUMBER] from xxx.xxx.xxx.xxx',
  ]);
  expect(payments.summary.redacted).toEqual({ email: 1, card_number: 1, ipv4: 1 });
});

it('answers a catastrophic INCLUDE_AT_MATCH on a 35-character line at once', async () => {
  const { logs, summary } = await run(
    { INCLUDE_AT_MATCH: '^(a+)+$' },
    awslogsEvent(messages(['a'.repeat(34) + '!', 'aaa'])),
  );
  expect(logs.map((l) => l.message)).toEqual(['aaa']);
  expect(summary.dropped).toMatchObject({ filtered_include: 1 });
});
