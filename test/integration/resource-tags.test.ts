// Resource tags through the real handler: the real AWS SDK clients, pointed with AWS_ENDPOINT_URL_<SERVICE> at a
// loopback AWS JSON endpoint (tagging API, CloudWatch Logs), a capture intake for what is sent, and a controlled
// clock where time must pass.
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import type { Clock } from '../../src/clock.js';
import type { DepsOverrides } from '../../src/deps.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { AwsError, startAwsJsonServer, type AwsHandler, type AwsJsonServer } from '../helpers/aws-json-server.js';
import { useAwsEndpoints } from '../helpers/aws-env.js';
import { awslogsEvent, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';
import { getResourcesHandler, type TaggedResource } from '../helpers/tagging.js';

const ACCOUNT = '123456789012';
const FN = `arn:aws:lambda:us-east-1:${ACCOUNT}:function:checkout`;
const RESOURCES: TaggedResource[] = [
  { arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:a`, tags: { team: 'a' } },
  { arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:b`, tags: {} },
  { arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:c`, tags: {} },
  { arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:d`, tags: {} },
  { arn: FN, tags: { service: 'checkout-api', env: 'prod', version: '1.4.2', Team: 'Payments Core' } },
];

let aws: AwsJsonServer;
let intake: CaptureIntake;
let restoreEnv: () => void;
const time = { offsetMs: 0 };
const clock: Clock = { now: () => Date.now() + time.offsetMs, sleep: async () => undefined };

beforeAll(async () => {
  [aws, intake] = await Promise.all([startAwsJsonServer(), startCaptureIntake()]);
  restoreEnv = useAwsEndpoints({ json: aws.endpoint });
});

afterAll(async () => {
  restoreEnv();
  await Promise.all([aws.close(), intake.close()]);
});

beforeEach(() => {
  aws.calls.length = 0;
  intake.requests.length = 0;
  time.offsetMs = 0;
  aws.handle(
    'GetResources',
    getResourcesHandler(() => RESOURCES),
  );
});

interface SentLog {
  ddtags: string;
  service: string;
  host: string;
}

function lambdaPayload(
  logGroup = '/aws/lambda/checkout',
  logStream = '2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
) {
  return {
    messageType: 'DATA_MESSAGE',
    owner: ACCOUNT,
    logGroup,
    logStream,
    logEvents: [{ id: '1', timestamp: 1700000000000, message: 'charged card' }],
  };
}

function start(extra: Record<string, string>, lines: string[] = [], overrides: DepsOverrides = {}) {
  const env = localIntakeEnv(intake.url, { DD_LOG_LEVEL: 'info', FORWARDER_TAG_LOOKUP_TIMEOUT_MS: '20000', ...extra });
  const handler = createHandler(env, { clock, logger: new Logger('info', (l) => lines.push(l)), ...overrides });
  return async (payload: unknown = lambdaPayload()): Promise<SentLog[]> => {
    const before = intake.requests.length;
    await handler(
      awslogsEvent(payload),
      lambdaContext({ invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:forwarder` }),
    );
    return intake.requests.slice(before).flatMap((r) => r.json as SentLog[]);
  };
}

const calls = (operation: string) => aws.calls.filter((c) => c.operation === operation);
const tagsOf = (log: SentLog | undefined) => (log?.ddtags ?? '').split(',');
function summaries(lines: string[]) {
  return lines
    .map((l) => JSON.parse(l) as { message: string; counters?: Record<string, number> })
    .filter((l) => l.message === 'Invocation summary.');
}

it('attaches the function tags from every page, with service, env and version from them, once per TTL', async () => {
  const lines: string[] = [];
  const invoke = start({ DD_FETCH_LAMBDA_TAGS: 'true' }, lines);
  const [log] = await invoke();
  expect(calls('GetResources')).toHaveLength(3);
  expect(calls('GetResources')[0]!.input).toEqual({ ResourceTypeFilters: ['lambda'], ResourcesPerPage: 100 });
  expect(log!.service).toBe('checkout-api');
  expect(log!.host).toBe(FN);
  const tags = tagsOf(log);
  expect(tags).toEqual(
    expect.arrayContaining([
      'env:prod',
      'version:1.4.2',
      'team:payments_core',
      'service:checkout-api',
      'functionname:checkout',
    ]),
  );
  expect(tags).not.toContain('env:none');

  // A version's custom log stream resolves to the same function; the cached tags serve it without a call.
  const custom = lambdaPayload('/shared/logs', '2024/01/01/checkout[7]0123456789abcdef0123456789abcdef');
  const [versioned] = await invoke(custom);
  expect(versioned!.service).toBe('checkout-api');
  expect(tagsOf(versioned)).toContain('version:1.4.2');
  expect(calls('GetResources')).toHaveLength(3);
  expect(summaries(lines).map((s) => s.counters)).toEqual([{ tags_fresh: 1 }, { tags_fresh: 1 }]);
});

it('rides out throttling: the SDK retries it, and when throttling outlasts the retries the logs go without tags', async () => {
  let throttles = 1;
  const pages = getResourcesHandler(() => RESOURCES);
  const throttled: AwsHandler = (input, call) => {
    if (throttles-- > 0) return new AwsError('ThrottlingException', 'Rate exceeded');
    return pages(input, call);
  };
  aws.handle('GetResources', throttled);
  const [retried] = await start({ DD_FETCH_LAMBDA_TAGS: 'true' })();
  expect(calls('GetResources')).toHaveLength(4);
  expect(retried!.service).toBe('checkout-api');

  aws.calls.length = 0;
  throttles = 1;
  const lines: string[] = [];
  const invoke = start({ DD_FETCH_LAMBDA_TAGS: 'true' }, lines, { aws: { maxAttempts: 1 } });
  const [untagged] = await invoke();
  expect(untagged!.service).toBe('checkout');
  expect(tagsOf(untagged)).toEqual(expect.arrayContaining(['env:none', 'functionname:checkout', 'service:checkout']));
  expect(lines.filter((l) => l.includes('AWS throttled a tag lookup'))).toHaveLength(1);
  // The failure is not cached as an answer, nor retried on every invocation: after the back-off, it is.
  await invoke();
  expect(calls('GetResources')).toHaveLength(1);
  time.offsetMs = 60_000;
  const [tagged] = await invoke();
  expect(tagged!.service).toBe('checkout-api');
  expect(calls('GetResources')).toHaveLength(1 + 3);
});

it('forwards without tags when access is denied, naming the missing permission in one log line', async () => {
  aws.handle(
    'GetResources',
    () => new AwsError('AccessDeniedException', 'User is not authorized to perform: tag:GetResources'),
  );
  const lines: string[] = [];
  const invoke = start({ DD_FETCH_LAMBDA_TAGS: 'true' }, lines, { aws: { maxAttempts: 1 } });
  for (let i = 0; i < 3; i++) {
    const [log] = await invoke();
    expect(log!.service).toBe('checkout');
    time.offsetMs += 60_000;
  }
  expect(calls('GetResources').length).toBeGreaterThanOrEqual(2);
  const denied = lines.filter((l) => l.includes('Access denied'));
  expect(denied).toHaveLength(1);
  expect(JSON.parse(denied[0]!)).toMatchObject({ level: 'error', permission: 'tag:GetResources' });
  expect(denied[0]).toContain("add the tag:GetResources permission to the forwarder's IAM role");
});

it('never waits for tags past the bound: the logs go at once, and the wait is counted', async () => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const pages = getResourcesHandler(() => RESOURCES);
  aws.handle('GetResources', (input, call) => released.then(() => pages(input, call)));
  const lines: string[] = [];
  const [log] = await start({ DD_FETCH_LAMBDA_TAGS: 'true', FORWARDER_TAG_LOOKUP_TIMEOUT_MS: '20' }, lines)();
  expect(log!.service).toBe('checkout');
  expect(summaries(lines)[0]!.counters).toEqual({ tag_lookup_timeout: 1, tags_missing: 1 });
  release();
});

it('adds log group tags (ListTagsForResource by ARN), whose service names the logs, and warns about backend enrichment', async () => {
  aws.handle('ListTagsForResource', (input) =>
    input.resourceArn === `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:billing-logs`
      ? { tags: { Service: 'billing', 'aws:cloudformation:stack-name': 'Billing-Stack' } }
      : new AwsError('ResourceNotFoundException', 'The specified log group does not exist.'),
  );
  const lines: string[] = [];
  const invoke = start({ DD_FETCH_LOG_GROUP_TAGS: 'true' }, lines);
  const [log] = await invoke(lambdaPayload('billing-logs', 'stream'));
  expect(log!.service).toBe('billing');
  expect(tagsOf(log)).toEqual(
    expect.arrayContaining(['service:billing', 'aws_cloudformation_stack-name:billing-stack']),
  );
  const [unknown] = await invoke(lambdaPayload('gone-logs', 'stream'));
  expect(unknown!.service).toBe('cloudwatch');
  expect(calls('ListTagsForResource')).toHaveLength(2);
  expect(lines.filter((l) => l.includes('DD_FETCH_LOG_GROUP_TAGS and DD_ENRICH_CLOUDWATCH_TAGS'))).toHaveLength(1);
});

it('adds the state machine tags of a Step Functions log group', async () => {
  const machine = `arn:aws:states:us-east-1:${ACCOUNT}:stateMachine:orders`;
  aws.handle(
    'GetResources',
    getResourcesHandler(() => [...RESOURCES, { arn: machine, tags: { team: 'Flows' } }]),
  );
  const payload = {
    ...lambdaPayload('/aws/vendedlogs/states/orders-Logs', 'states/orders/2024-01-01-00-00/abc'),
    logEvents: [
      {
        id: '1',
        timestamp: 1700000000000,
        message: JSON.stringify({
          type: 'ExecutionStarted',
          execution_arn: `arn:aws:states:us-east-1:${ACCOUNT}:execution:orders:run-1`,
        }),
      },
    ],
  };
  const [log] = await start({ DD_FETCH_STEP_FUNCTIONS_TAGS: 'true' })(payload);
  expect(tagsOf(log)).toContain('team:flows');
  expect(calls('GetResources').map((c) => c.input.ResourceTypeFilters)).toEqual([['states']]);
});
