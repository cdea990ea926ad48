// The differential run's S3 cases: object kinds, each delivered every way a notification arrives, and SQS
// messages that are not S3 notifications.
import { ARN, BASE_MS, hex, int, OWNER, pick, type Case, type Rng } from './case-kit.js';
import { gzipSync } from 'node:zlib';
import { snsRecord } from './cases-records.js';
import { cloudTrailRecord, describe, KINDS, type LogGroupKind, SHAPES } from './cases-cloudwatch.js';

interface ObjectKind {
  readonly kind: string;
  key(rng: Rng): string;
  body(rng: Rng): Buffer;
}

const lines = (rng: Rng, make: (rng: Rng) => string, min = 2, max = 6) =>
  Array.from({ length: int(rng, min, max) }, () => make(rng));

const OBJECT_KINDS: readonly ObjectKind[] = [
  {
    kind: 'text',
    key: (rng) => `app/logs/2026/01/01/${hex(rng, 6)}.log`,
    body: (rng) => Buffer.from(lines(rng, (r) => (SHAPES.plain as (r: Rng) => string)(r)).join('\n') + '\n'),
  },
  {
    kind: 'text-crlf-blank',
    key: (rng) => `app/windows/${hex(rng, 6)}.log`,
    body: (rng) =>
      Buffer.from(
        ['first line', '', 'third line\twith tab', '  indented', 'last'].slice(0, int(rng, 3, 5)).join('\r\n') +
          pick(rng, ['', '\r\n', '\n\n']),
      ),
  },
  {
    kind: 'text-unicode',
    key: (rng) => `app/unicode/${hex(rng, 6)}.txt`,
    body: (rng) =>
      Buffer.from(
        pick(rng, [
          '\ufeffbom first\nsecond\n',
          'a\u2028b\nc\u2029d\n',
          'x\x1cy\nz\n',
          'naïve ☕\n東京\n',
          'vt\x0bff\x0cend\n',
        ]),
      ),
  },
  {
    kind: 'gzip-json-lines',
    key: (rng) => `app/json/${hex(rng, 6)}.json.gz`,
    body: (rng) =>
      gzipSync(
        lines(rng, (r) =>
          JSON.stringify({ level: pick(r, ['info', 'error']), message: `m${int(r, 1, 99)}`, user: 'jane@example.com' }),
        ).join('\n'),
      ),
  },
  {
    kind: 'cloudtrail',
    key: (rng) =>
      `AWSLogs/${OWNER}/CloudTrail/us-east-1/2026/01/01/${OWNER}_CloudTrail_us-east-1_20260101T0000Z_${hex(rng, 16)}.json.gz`,
    body: (rng) =>
      gzipSync(JSON.stringify({ Records: Array.from({ length: int(rng, 1, 3) }, () => cloudTrailRecord(rng)) })),
  },
  {
    kind: 'elb',
    key: (rng) =>
      `AWSLogs/${OWNER}/elasticloadbalancing/us-east-1/2026/01/01/${OWNER}_elasticloadbalancing_us-east-1_app.web.${hex(rng, 16)}_20260101T0000Z_10.0.0.1_${hex(rng, 8)}.log.gz`,
    body: (rng) =>
      gzipSync(
        lines(
          rng,
          (r) =>
            `https 2026-01-01T00:00:0${int(r, 0, 9)}.000000Z app/web/${hex(r, 16)} 203.0.113.${int(r, 1, 254)}:443 10.0.0.5:80 0.001 0.002 0.000 200 200 100 200 "GET https://example.com:443/ HTTP/1.1" "curl/8" - - arn:aws:elasticloadbalancing:us-east-1:${OWNER}:targetgroup/tg/${hex(r, 16)} "Root=1-${hex(r, 8)}-${hex(r, 24)}" "example.com" "-" 0 2026-01-01T00:00:00.000000Z "forward" "-" "-" "10.0.0.5:80" "200" "-" "-"`,
        ).join('\n') + '\n',
      ),
  },
  {
    kind: 'vpc',
    key: (rng) =>
      `AWSLogs/${OWNER}/vpcflowlogs/us-east-1/2026/01/01/${OWNER}_vpcflowlogs_us-east-1_fl-${hex(rng, 17)}_20260101T0000Z_${hex(rng, 8)}.log.gz`,
    body: (rng) =>
      gzipSync(
        'version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n' +
          lines(rng, (r) => (KINDS[4] as LogGroupKind).native(r)).join('\n') +
          '\n',
      ),
  },
  {
    kind: 's3-access',
    key: (rng) => `s3-access-logs/2026-01-01-00-00-00-${hex(rng, 16).toUpperCase()}`,
    body: (rng) =>
      Buffer.from(
        lines(
          rng,
          (r) =>
            `${hex(r, 64)} logs-bucket [01/Jan/2026:00:00:00 +0000] 203.0.113.${int(r, 1, 254)} - ${hex(r, 16).toUpperCase()} REST.GET.OBJECT key.txt "GET /key.txt HTTP/1.1" 200 - 10 10 1 1 "-" "curl/8" -`,
        ).join('\n') + '\n',
      ),
  },
  {
    kind: 'multiline',
    key: (rng) => `app/java/${hex(rng, 6)}.log`,
    body: (rng) =>
      Buffer.from(
        lines(
          rng,
          (r) =>
            `2026-01-01 00:00:0${int(r, 0, 9)} ERROR boom\n\tat com.example.A(A.java:${int(r, 1, 99)})\r\n\tat com.example.B(B.java:2)`,
          2,
          4,
        ).join('\n') + pick(rng, ['\n', '', '\n\n']),
      ),
  },
  {
    kind: 'cloudfront',
    key: (rng) => `cloudfront/E${hex(rng, 13).toUpperCase()}.2026-01-01-00.${hex(rng, 8)}.gz`,
    body: (rng) =>
      gzipSync(
        '#Version: 1.0\n#Fields: date time x-edge-location\n' +
          lines(
            rng,
            (r) =>
              `2026-01-01\t00:00:0${int(r, 0, 9)}\tIAD89-C1\t${int(r, 100, 999)}\t203.0.113.${int(r, 1, 254)}\tGET`,
          ).join('\n') +
          '\n',
      ),
  },
];

const S3_SETTINGS: readonly Record<string, string>[] = [
  {},
  { DD_MULTILINE_LOG_REGEX_PATTERN: '\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}' },
  { DD_SOURCE: 'java' },
  { DD_TAGS: 'team:storage,env:prod' },
  { EXCLUDE_AT_MATCH: '"eventName": "GetObject"' },
  { EXCLUDE_AT_MATCH: 'first' },
  { REDACT_IP: 'true' },
  { REDACT_EMAIL: 'true' },
  { INCLUDE_AT_MATCH: 'error|ERROR|ListUsers' },
];

const BUCKET = 'differential-logs';

function s3Notification(bucket: string, key: string, size: number): Record<string, unknown> {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'us-east-1',
    eventTime: '2026-01-01T00:00:00.000Z',
    eventName: 'ObjectCreated:Put',
    s3: {
      s3SchemaVersion: '1.0',
      bucket: { name: bucket, arn: `arn:aws:s3:::${bucket}` },
      object: { key: encodeURIComponent(key).replace(/%2F/g, '/'), size },
    },
  };
}

/** The same S3 object delivered each way an S3 notification reaches the forwarder. */
const DELIVERIES: Record<string, (rng: Rng, notification: Record<string, unknown>, key: string) => unknown> = {
  direct: (_rng, n) => ({ Records: [n] }),
  sns: (rng, n) => ({ Records: [snsRecord(rng, JSON.stringify({ Records: [n] }), 'Amazon S3 Notification')] }),
  sqs: (rng, n) => ({ Records: [sqsRecord(rng, JSON.stringify({ Records: [n] }))] }),
  'sqs-sns': (rng, n) => ({
    Records: [sqsRecord(rng, JSON.stringify({ Type: 'Notification', Message: JSON.stringify({ Records: [n] }) }))],
  }),
  eventbridge: (rng, _n, key) => ({
    version: '0',
    id: hex(rng, 32),
    'detail-type': 'Object Created',
    source: 'aws.s3',
    account: OWNER,
    time: '2026-01-01T00:00:00Z',
    region: 'us-east-1',
    resources: [`arn:aws:s3:::${BUCKET}`],
    detail: { version: '0', bucket: { name: BUCKET }, object: { key, size: 1 }, reason: 'PutObject' },
  }),
};

function sqsRecord(rng: Rng, body: string): Record<string, unknown> {
  return {
    messageId: `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
    receiptHandle: hex(rng, 40),
    body,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(BASE_MS) },
    messageAttributes: {},
    md5OfBody: hex(rng, 32),
    eventSource: 'aws:sqs',
    eventSourceARN: ARN('sqs', 'log-notifications'),
    awsRegion: 'us-east-1',
  };
}

export function s3Cases(rng: Rng, count: number): Case[] {
  const deliveries = Object.keys(DELIVERIES);
  return Array.from({ length: count }, (_, i) => {
    const kind = OBJECT_KINDS[i % OBJECT_KINDS.length] as ObjectKind;
    const delivery = deliveries[Math.floor(i / OBJECT_KINDS.length) % deliveries.length] as string;
    const key = `${String(i).padStart(3, '0')}/${kind.key(rng)}`;
    const body = kind.body(rng);
    const notification = s3Notification(BUCKET, key, body.length);
    const settings = i % 4 === 0 ? {} : pick(rng, S3_SETTINGS);
    return {
      id: `s3-${delivery}-${kind.kind}-${String(i).padStart(3, '0')}`,
      source: delivery === 'direct' ? 's3' : `s3 via ${delivery}`,
      python: 'v5' as const,
      description: `${kind.kind} object through ${delivery}; ${describe(settings)}`,
      settings,
      event: (DELIVERIES[delivery] as (typeof DELIVERIES)[string])(rng, notification, key),
      objects: [{ bucket: BUCKET, key, body: body.toString('base64') }],
    };
  });
}

/** SQS messages that are not S3 notifications (the Datadog Forwarder skips them). */
export function sqsOtherCases(rng: Rng, count: number): Case[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `sqs-other-${String(i).padStart(3, '0')}`,
    source: 'sqs',
    python: 'v5' as const,
    description: 'SQS message that is not an S3 notification',
    settings: {},
    event: { Records: [sqsRecord(rng, pick(rng, ['plain body', JSON.stringify({ order: int(rng, 1, 99) })]))] },
    objects: [],
  }));
}
