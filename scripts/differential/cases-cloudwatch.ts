// The differential run's CloudWatch Logs cases: log group kinds, message shapes and settings.
import { BASE_MS, hex, int, OWNER, pick, type Case, type Rng } from './case-kit.js';
import { gzipSync } from 'node:zlib';

// ---------- CloudWatch Logs ----------

export interface LogGroupKind {
  readonly kind: string;
  logGroup(rng: Rng): string;
  logStream(rng: Rng): string;
  /** Messages typical of this kind, besides the shapes every kind gets. */
  native(rng: Rng): string;
}

export const LAMBDA_FUNCTIONS = ['orders-api', 'billing-worker', 'ImageResizer', 'my_fn-2'];

export const KINDS: readonly LogGroupKind[] = [
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

export function lambdaLine(rng: Rng): string {
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

export function cloudTrailRecord(rng: Rng): Record<string, unknown> {
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
export const SHAPES: Record<string, (rng: Rng) => string> = {
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
export const SETTINGS: readonly Record<string, string>[] = [
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

export function cloudWatchEvent(payload: Record<string, unknown>): unknown {
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}

export function cloudWatchPayload(rng: Rng, kind: LogGroupKind, messages: string[]): Record<string, unknown> {
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

export function cloudWatchCases(rng: Rng, count: number): Case[] {
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
