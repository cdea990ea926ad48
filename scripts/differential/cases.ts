// The differential run's cases: generated from a seed, so a run can be repeated exactly. Each case is one Lambda
// event, the settings both forwarders get, and the S3 objects it needs; `python` says which Datadog Forwarder
// version it is compared with (5.4.11 for logs, 3.99.0 for metrics and traces).
import { gzipSync } from 'node:zlib';
import { seededRandom } from '../../bench/payloads.js';

export interface S3Object {
  readonly bucket: string;
  readonly key: string;
  /** The object's bytes, base64. */
  readonly body: string;
}

export interface Case {
  readonly id: string;
  /** The row of the result table: the event's source, and for CloudWatch Logs the log group's kind. */
  readonly source: string;
  readonly python: 'v5' | 'v3';
  readonly description: string;
  readonly settings: Readonly<Record<string, string>>;
  readonly event: unknown;
  readonly objects: readonly S3Object[];
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const hex = (rng: Rng, length: number) =>
  Array.from({ length }, () => '0123456789abcdef'[Math.floor(rng() * 16)]).join('');

/** 2026-01-01T00:00:00Z: fixed, so the cases do not depend on the day they run. */
export const BASE_MS = 1_767_225_600_000;
export const OWNER = '123456789012';

export const CONTEXT = {
  invokedFunctionArn: `arn:aws:lambda:us-east-1:${OWNER}:function:datadog-forwarder`,
  functionName: 'datadog-forwarder',
  functionVersion: '$LATEST',
  memoryLimitInMB: '1024',
  awsRequestId: '7f0c4b52-7c2b-4c3e-9a51-2f6b8d1e4a10',
};

// ---------- CloudWatch Logs ----------

interface LogGroupKind {
  readonly kind: string;
  logGroup(rng: Rng): string;
  logStream(rng: Rng): string;
  /** Messages typical of this kind, besides the shapes every kind gets. */
  native(rng: Rng): string;
}

const LAMBDA_FUNCTIONS = ['orders-api', 'billing-worker', 'ImageResizer', 'my_fn-2'];

const KINDS: readonly LogGroupKind[] = [
  {
    kind: 'lambda',
    logGroup: (rng) => `/aws/lambda/${pick(rng, LAMBDA_FUNCTIONS)}`,
    logStream: (rng) => `2026/01/01/[$LATEST]${hex(rng, 32)}`,
    native: (rng) => lambdaLine(rng),
  },
  {
    kind: 'apigateway',
    logGroup: (rng) => pick(rng, [`API-Gateway-Execution-Logs_${hex(rng, 10)}/prod`, '/aws/apigateway/welcome']),
    logStream: (rng) => hex(rng, 32),
    native: (rng) =>
      `(${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}) Method completed with status: ${pick(rng, [200, 404, 502])}`,
  },
  {
    kind: 'rds',
    logGroup: (rng) =>
      `/aws/rds/instance/${pick(rng, ['db-main', 'reporting'])}/${pick(rng, ['postgresql', 'error', 'audit'])}`,
    logStream: (rng) => pick(rng, ['db-main', 'reporting.0']),
    native: (rng) =>
      `2026-01-01 00:00:0${int(rng, 0, 9)} UTC:10.0.${int(rng, 0, 255)}.${int(rng, 1, 254)}(5432):app@orders:[${int(rng, 100, 9999)}]:LOG:  duration: ${int(rng, 1, 900)}.${int(rng, 100, 999)} ms`,
  },
  {
    kind: 'ecs',
    logGroup: (rng) => pick(rng, ['/ecs/checkout', '/aws/ecs/containerinsights/prod/performance', '/ecs/fargate-task']),
    logStream: (rng) => `ecs/app/${hex(rng, 32)}`,
    native: (rng) =>
      JSON.stringify({ level: pick(rng, ['info', 'error']), msg: 'request served', path: `/items/${int(rng, 1, 99)}` }),
  },
  {
    kind: 'vpc',
    logGroup: (rng) => pick(rng, ['vpc-flow-logs', '/aws/vpc/flowlogs', 'my-vpc-flowlogs']),
    logStream: (rng) => `eni-${hex(rng, 17)}-all`,
    native: (rng) =>
      `2 ${OWNER} eni-${hex(rng, 17)} 10.0.${int(rng, 0, 255)}.${int(rng, 1, 254)} 172.31.${int(rng, 0, 255)}.${int(rng, 1, 254)} ${int(rng, 1024, 65535)} 443 6 ${int(rng, 1, 50)} ${int(rng, 40, 9000)} 1767225600 1767225660 ${pick(rng, ['ACCEPT', 'REJECT'])} OK`,
  },
  {
    kind: 'cloudtrail',
    logGroup: (rng) => pick(rng, ['aws-cloudtrail-logs-123456789012-abcd', 'CloudTrail/DefaultLogGroup']),
    logStream: () => `${OWNER}_CloudTrail_us-east-1`,
    native: (rng) => JSON.stringify(cloudTrailRecord(rng)),
  },
  {
    kind: 'eks',
    logGroup: () => '/aws/eks/prod-cluster/cluster',
    logStream: (rng) => `kube-apiserver-${hex(rng, 32)}`,
    native: (rng) =>
      `I0101 00:00:0${int(rng, 0, 9)}.123456      10 get.go:${int(rng, 10, 999)}] "GET /api/v1/pods" 200`,
  },
  {
    kind: 'stepfunctions',
    logGroup: (rng) => pick(rng, ['/aws/vendedlogs/states/OrderFlow-Logs', '/aws/states/checkout']),
    logStream: (rng) => `states/OrderFlow/2026-01-01-00-00/${hex(rng, 8)}`,
    native: (rng) =>
      JSON.stringify({
        id: String(int(rng, 1, 40)),
        type: 'TaskStateEntered',
        details: { name: 'Charge', input: '{}' },
        execution_arn: `arn:aws:states:us-east-1:${OWNER}:execution:OrderFlow:${hex(rng, 8)}`,
      }),
  },
  {
    kind: 'codebuild',
    logGroup: () => '/aws/codebuild/web-build',
    logStream: (rng) => hex(rng, 36),
    native: (rng) => `[Container] 2026/01/01 00:00:0${int(rng, 0, 9)} Running command npm test`,
  },
  {
    kind: 'other-aws',
    logGroup: (rng) =>
      pick(rng, [
        '/aws/kinesisfirehose/stream-1',
        '/aws/msk/cluster',
        'sns/us-east-1/123456789012/alerts',
        '/aws/elasticbeanstalk/web/var/log/nginx/access.log',
        '/aws/fsx/windows',
        '/aws/transfer/s-1234',
        '/aws/batch/job',
        '/aws/sagemaker/Endpoints/x',
        '/aws/appsync/apis/abc',
        '/aws/docdb/cluster/audit',
        '/aws/mwaa/env/scheduler',
        '/aws/route53/example.com',
        '/aws/elasticache/redis',
        '/aws/network-firewall/flow',
        'aws-waf-logs-site',
        '/aws/bedrock/modelinvocations',
      ]),
    logStream: (rng) => `stream-${hex(rng, 8)}`,
    native: (rng) => `event ${int(rng, 1, 1000)} handled`,
  },
  {
    kind: 'custom',
    logGroup: (rng) =>
      pick(rng, ['/my/app/logs', 'application', 'prod/payments', '/custom/nginx/access', 'Lambda-like/aws/lambda']),
    logStream: (rng) => `i-${hex(rng, 17)}`,
    native: (rng) =>
      `127.0.0.1 - - [01/Jan/2026:00:00:0${int(rng, 0, 9)} +0000] "GET /index.html HTTP/1.1" ${pick(rng, [200, 304, 500])} ${int(rng, 100, 9999)}`,
  },
];

function lambdaLine(rng: Rng): string {
  const requestId = `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-8${hex(rng, 3)}-${hex(rng, 12)}`;
  return pick(rng, [
    `START RequestId: ${requestId} Version: $LATEST\n`,
    `END RequestId: ${requestId}\n`,
    `REPORT RequestId: ${requestId}\tDuration: ${int(rng, 1, 900)}.${int(rng, 10, 99)} ms\tBilled Duration: ${int(rng, 1, 900)} ms\tMemory Size: 128 MB\tMax Memory Used: ${int(rng, 40, 128)} MB\t\n`,
    `REPORT RequestId: ${requestId}\tDuration: ${int(rng, 100, 900)}.${int(rng, 10, 99)} ms\tBilled Duration: ${int(rng, 100, 900)} ms\tMemory Size: 256 MB\tMax Memory Used: ${int(rng, 40, 256)} MB\tInit Duration: ${int(rng, 100, 900)}.${int(rng, 10, 99)} ms\t\n`,
    `2026-01-01T00:00:00.000Z ${requestId} Task timed out after 3.00 seconds\n`,
    `2026-01-01T00:00:00.123Z\t${requestId}\tINFO\tprocessed ${int(rng, 1, 50)} items\n`,
    `2026-01-01T00:00:00.123Z\t${requestId}\tERROR\tInvoke Error \t{"errorType":"TypeError","errorMessage":"x is undefined"}\n`,
  ]);
}

function cloudTrailRecord(rng: Rng): Record<string, unknown> {
  return {
    eventVersion: '1.08',
    userIdentity: {
      type: 'AssumedRole',
      arn: `arn:aws:sts::${OWNER}:assumed-role/ops/i-${hex(rng, 17)}`,
      accountId: OWNER,
    },
    eventTime: '2026-01-01T00:00:00Z',
    eventSource: pick(rng, ['iam.amazonaws.com', 's3.amazonaws.com', 'ec2.amazonaws.com']),
    eventName: pick(rng, ['ListUsers', 'GetObject', 'DescribeInstances']),
    awsRegion: 'us-east-1',
    sourceIPAddress: `203.0.113.${int(rng, 1, 254)}`,
    userAgent: 'aws-cli/2.15.0',
    requestID: hex(rng, 16),
    eventID: `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
    readOnly: true,
    eventType: 'AwsApiCall',
    recipientAccountId: OWNER,
  };
}

/** Message shapes every log group kind gets. */
const SHAPES: Record<string, (rng: Rng) => string> = {
  plain: (rng) => `user ${int(rng, 1, 999)} logged in from 10.1.${int(rng, 0, 255)}.${int(rng, 1, 254)}`,
  json: (rng) => JSON.stringify({ level: 'info', message: `job ${int(rng, 1, 99)} done`, count: int(rng, 0, 9) }),
  'json-ddtags': (rng) =>
    JSON.stringify({ message: 'tagged', ddtags: pick(rng, ['team:core,env:prod', 'version:1.2', 'env:staging ,x:y']) }),
  'json-service': (rng) =>
    JSON.stringify({ message: 'with service', service: pick(rng, ['checkout', 'Payments']), host: 'web-1' }),
  'trace-ids': (rng) =>
    `[dd.trace_id=${int(rng, 1, 2 ** 31)}${int(rng, 100000, 999999)} dd.span_id=${int(rng, 1, 2 ** 31)}] handled request`,
  'json-dd': (rng) =>
    JSON.stringify({
      message: 'linked',
      dd: { trace_id: String(int(rng, 1, 2 ** 31)), span_id: String(int(rng, 1, 2 ** 31)) },
    }),
  unicode: (rng) =>
    pick(rng, ['naïve café ☕ 東京 🚀', 'Ошибка: нет данных', 'مرحبا بالعالم', 'tab\there\u2028sep', 'ß ẞ ǅ ﬁ']),
  email: (rng) =>
    `contact ${pick(rng, ['jane.doe', 'ops+alerts', 'x_y'])}@example.com about 192.168.${int(rng, 0, 255)}.7`,
  multiline: (rng) => `Traceback (most recent call last):\n  File "app.py", line ${int(rng, 1, 99)}\nValueError: bad`,
  long: (rng) => `long ${'x'.repeat(int(rng, 20_000, 60_000))}`,
  'very-long': (rng) => `huge ${'y'.repeat(int(rng, 600_000, 700_000))}`,
  'json-array': () => JSON.stringify([1, 2, 3]),
  'json-scalar': (rng) => pick(rng, ['42', '"quoted"', 'true', 'null']),
  'json-nested-message': (rng) => JSON.stringify({ message: { inner: int(rng, 1, 9) }, level: 'warn' }),
  empty: () => '',
};

/** Settings a migrating user may have; each case takes none, one or two. */
const SETTINGS: readonly Record<string, string>[] = [
  {},
  { DD_TAGS: 'team:platform,env:prod' },
  { DD_TAGS: 'team:platform, env:prod,' },
  { DD_SOURCE: 'myapp' },
  { DD_SERVICE: 'svc-from-setting' },
  { INCLUDE_AT_MATCH: 'logged|done|linked' },
  { EXCLUDE_AT_MATCH: 'START RequestId|END RequestId' },
  { EXCLUDE_AT_MATCH: '"level": "info"' },
  { INCLUDE_AT_MATCH: '(?i)ERROR' },
  { REDACT_IP: 'true' },
  { REDACT_EMAIL: 'true' },
  { DD_SCRUBBING_RULE: '\\d{3,}', DD_SCRUBBING_RULE_REPLACEMENT: '[num]' },
  { DD_SCRUBBING_RULE: 'user \\d+', DD_SCRUBBING_RULE_REPLACEMENT: 'user ***' },
  { DD_FORWARD_LOG: 'false' },
  { DD_TAGS: 'service:from-tags' },
];

function cloudWatchEvent(payload: Record<string, unknown>): unknown {
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}

function cloudWatchPayload(rng: Rng, kind: LogGroupKind, messages: string[]): Record<string, unknown> {
  let id = BigInt(int(rng, 1, 2 ** 30)) * 10n ** 45n;
  return {
    messageType: 'DATA_MESSAGE',
    owner: OWNER,
    logGroup: kind.logGroup(rng),
    logStream: kind.logStream(rng),
    subscriptionFilters: ['datadog'],
    logEvents: messages.map((message, i) => {
      id += BigInt(int(rng, 1, 1000));
      return { id: id.toString(), timestamp: BASE_MS + i * 137 + int(rng, 0, 99), message };
    }),
  };
}

function cloudWatchCases(rng: Rng, count: number): Case[] {
  const shapes = Object.keys(SHAPES);
  const cases: Case[] = [];
  for (let i = 0; i < count; i++) {
    const kind = KINDS[i % KINDS.length] as LogGroupKind;
    // Every shape appears with every few kinds; the rest are picked at random.
    const first = shapes[i % shapes.length] as string;
    const picked = [first, ...Array.from({ length: int(rng, 0, 2) }, () => pick(rng, shapes))].filter(
      (s) => s !== 'very-long' || first === 'very-long',
    );
    const messages = [kind.native(rng), ...picked.map((s) => (SHAPES[s] as (r: Rng) => string)(rng))];
    const settings = i % 3 === 0 ? {} : { ...pick(rng, SETTINGS), ...(rng() < 0.25 ? pick(rng, SETTINGS) : {}) };
    cases.push({
      id: `cwl-${kind.kind}-${String(i).padStart(3, '0')}`,
      source: `cloudwatch:${kind.kind}`,
      python: 'v5',
      description: `${kind.kind}: native, ${picked.join(', ')}; ${describe(settings)}`,
      settings,
      event: cloudWatchEvent(cloudWatchPayload(rng, kind, messages)),
      objects: [],
    });
  }
  return cases;
}

export function describe(settings: Readonly<Record<string, string>>): string {
  const entries = Object.entries(settings);
  return entries.length === 0 ? 'defaults' : entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(' ');
}

// ---------- SNS, EventBridge, Kinesis, SQS and S3 ----------

const ARN = (service: string, rest: string) => `arn:aws:${service}:us-east-1:${OWNER}:${rest}`;

function snsRecord(rng: Rng, message: string, subject: string | null): Record<string, unknown> {
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: ARN('sns', `alerts:${hex(rng, 8)}`),
    Sns: {
      Type: 'Notification',
      MessageId: `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
      TopicArn: ARN('sns', 'alerts'),
      Subject: subject,
      Message: message,
      Timestamp: '2026-01-01T00:00:00.000Z',
      MessageAttributes: {},
    },
  };
}

const RECORD_SETTINGS: readonly Record<string, string>[] = [
  {},
  { EXCLUDE_AT_MATCH: '"eventName": "ListUsers"' },
  { INCLUDE_AT_MATCH: '"Subject": "alert"' },
  { EXCLUDE_AT_MATCH: 'ListUsers' },
  { DD_TAGS: 'team:platform,env:prod' },
  { DD_SOURCE: 'custom-source' },
  { REDACT_IP: 'true' },
  { REDACT_EMAIL: 'true' },
  { DD_SCRUBBING_RULE: 'i-[0-9a-f]+', DD_SCRUBBING_RULE_REPLACEMENT: 'i-xxx' },
];

function snsCases(rng: Rng, count: number): Case[] {
  return Array.from({ length: count }, (_, i) => {
    const records = Array.from({ length: int(rng, 1, 3) }, () =>
      snsRecord(
        rng,
        pick(rng, [
          'Disk almost full on web-1',
          JSON.stringify({ AlarmName: 'cpu-high', NewStateValue: 'ALARM', Trigger: { Threshold: 80 } }),
          JSON.stringify(cloudTrailRecord(rng)),
          'contact ops@example.com from 10.0.0.1 ☕',
        ]),
        pick(rng, [null, 'alert', 'Notice']),
      ),
    );
    const settings = pick(rng, RECORD_SETTINGS);
    return {
      id: `sns-${String(i).padStart(3, '0')}`,
      source: 'sns',
      python: 'v5' as const,
      description: `${records.length} SNS message(s); ${describe(settings)}`,
      settings,
      event: { Records: records },
      objects: [],
    };
  });
}

function eventBridgeCases(rng: Rng, count: number): Case[] {
  return Array.from({ length: count }, (_, i) => {
    const event = pick(rng, [
      () => ({
        version: '0',
        id: `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`,
        'detail-type': 'EC2 Instance State-change Notification',
        source: 'aws.ec2',
        account: OWNER,
        time: '2026-01-01T00:00:00Z',
        region: 'us-east-1',
        resources: [ARN('ec2', `instance/i-${hex(rng, 17)}`)],
        detail: { 'instance-id': `i-${hex(rng, 17)}`, state: pick(rng, ['running', 'stopped']) },
      }),
      () => ({
        version: '0',
        id: hex(rng, 32),
        'detail-type': 'AWS API Call via CloudTrail',
        source: 'aws.iam',
        account: OWNER,
        time: '2026-01-01T00:00:00Z',
        region: 'us-east-1',
        resources: [],
        detail: cloudTrailRecord(rng),
      }),
      () => ({
        version: '0',
        id: hex(rng, 32),
        'detail-type': 'OrderPlaced',
        source: pick(rng, ['myapp', 'com.example.orders']),
        account: OWNER,
        time: '2026-01-01T00:00:00Z',
        region: 'us-east-1',
        resources: [],
        detail: { orderId: int(rng, 1, 9999), total: int(rng, 1, 500) / 4, customer: 'jane@example.com' },
      }),
    ])();
    const settings = pick(rng, RECORD_SETTINGS);
    return {
      id: `eventbridge-${String(i).padStart(3, '0')}`,
      source: 'eventbridge',
      python: 'v5' as const,
      description: `${String(event['detail-type'])} from ${String(event.source)}; ${describe(settings)}`,
      settings,
      event,
      objects: [],
    };
  });
}

function kinesisCases(rng: Rng, count: number): Case[] {
  const shapes = Object.keys(SHAPES).filter((s) => s !== 'very-long');
  return Array.from({ length: count }, (_, i) => {
    const records = Array.from({ length: int(rng, 1, 3) }, (_, r) => {
      const kind = pick(rng, KINDS);
      const payload = cloudWatchPayload(rng, kind, [
        kind.native(rng),
        (SHAPES[pick(rng, shapes)] as (r: Rng) => string)(rng),
      ]);
      return {
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: hex(rng, 32),
          sequenceNumber: `4959${hex(rng, 20)}${r}`,
          data: gzipSync(JSON.stringify(payload)).toString('base64'),
          approximateArrivalTimestamp: BASE_MS / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `shardId-000000000000:4959${hex(rng, 20)}${r}`,
        eventName: 'aws:kinesis:record',
        eventSourceARN: ARN('kinesis', 'stream/logs'),
        awsRegion: 'us-east-1',
      };
    });
    const settings = i % 2 === 0 ? {} : pick(rng, SETTINGS);
    return {
      id: `kinesis-${String(i).padStart(3, '0')}`,
      source: 'kinesis',
      python: 'v5' as const,
      description: `${records.length} Kinesis record(s) of CloudWatch Logs payloads; ${describe(settings)}`,
      settings,
      event: { Records: records },
      objects: [],
    };
  });
}

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

function s3Cases(rng: Rng, count: number): Case[] {
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
function sqsOtherCases(rng: Rng, count: number): Case[] {
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

// ---------- metrics and traces (3.99.0) ----------

function metricLine(rng: Rng): string {
  return JSON.stringify({
    m: pick(rng, ['app.orders', 'app.latency', 'checkout.count']),
    v: pick(rng, [1, int(rng, 1, 500), int(rng, 1, 1000) / 8]),
    e: BASE_MS / 1000 + int(rng, 0, 600),
    t: pick(rng, [[], ['env:prod'], ['team:core', 'version:1.2']]),
  });
}

function tracePayload(rng: Rng, service: string): string {
  const traceId = hex(rng, 16);
  const root = hex(rng, 16);
  const start = (BASE_MS + int(rng, 0, 999)) * 1_000_000;
  const spans = [
    {
      trace_id: traceId,
      span_id: root,
      parent_id: '0',
      name: 'aws.lambda',
      resource: service,
      service: 'aws.lambda',
      start,
      duration: int(rng, 1_000_000, 90_000_000),
      error: 0,
      type: 'serverless',
      meta: { 'function.request_id': hex(rng, 8), ...(rng() < 0.3 ? { env: 'staging' } : {}) },
      metrics: { _sampling_priority_v1: 1 },
    },
    ...Array.from({ length: int(rng, 0, 3) }, () => ({
      trace_id: traceId,
      span_id: hex(rng, 16),
      parent_id: root,
      name: pick(rng, ['http.request', 'dynamodb.query', 'compute']),
      resource: pick(rng, ['GET /items', 'Query', 'compute']),
      service: pick(rng, [service, 'aws.dynamodb', `${service}-http`]),
      start: start + int(rng, 1000, 99_000),
      duration: int(rng, 1000, 900_000),
      error: pick(rng, [0, 0, 1]),
      meta: { 'http.method': 'GET', component: 'x' },
      metrics: {},
    })),
  ];
  return JSON.stringify({ traces: [spans] });
}

function metricsAndTracesCases(rng: Rng, count: number, version: 'v3' | 'v5'): Case[] {
  return Array.from({ length: count }, (_, i) => {
    const fn = pick(rng, LAMBDA_FUNCTIONS);
    const kind = KINDS[0] as LogGroupKind;
    const messages = Array.from({ length: int(rng, 2, 6) }, () =>
      pick(rng, [() => metricLine(rng), () => tracePayload(rng, fn), () => lambdaLine(rng), () => lambdaLine(rng)])(),
    );
    const settings =
      i % 3 === 0
        ? {}
        : pick(rng, [
            { DD_TAGS: 'env:prod,team:x' },
            { DD_TAGS: 'service:renamed' },
            { DD_FORWARD_LOG: 'false' },
            { DD_SOURCE: 'node' },
          ]);
    const payload = cloudWatchPayload(rng, kind, messages);
    payload.logGroup = `/aws/lambda/${fn}`;
    return {
      id: `${version === 'v3' ? 'mt3' : 'mt5'}-${String(i).padStart(3, '0')}`,
      source: version === 'v3' ? 'metrics+traces (3.99)' : 'metrics+traces (5.4.11)',
      python: version,
      description: `lambda log with metric lines, trace payloads and platform lines; ${describe(settings)}`,
      settings,
      event: cloudWatchEvent(payload),
      objects: [],
    };
  });
}

export function generateCases(seed: number): Case[] {
  const rng = seededRandom(seed);
  return [
    ...cloudWatchCases(rng, 110),
    ...snsCases(rng, 12),
    ...eventBridgeCases(rng, 12),
    ...kinesisCases(rng, 10),
    ...sqsOtherCases(rng, 3),
    ...s3Cases(rng, 50),
    ...metricsAndTracesCases(rng, 20, 'v3'),
    ...metricsAndTracesCases(rng, 10, 'v5'),
  ];
}
