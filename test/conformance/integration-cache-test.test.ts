// The Datadog Forwarder's `integration-cache-test` cases (fixtures/conformance/README.md): the same CloudWatch
// Logs payloads, run with DD_FETCH_LAMBDA_TAGS and DD_FETCH_LOG_GROUP_TAGS against a tagged function. Our
// handler runs with the real SDK clients against a loopback tagging API that serves the tags those functions
// had, and each recorded log is compared with ours. These snapshots predate v4 (recorded by 3.x, unchanged
// upstream since 3.64.0); what is compared and why the rest is not is written in docs/compatibility.md
// ("Resource tags: the integration-cache-test cases").
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { startAwsJsonServer, type AwsJsonServer } from '../helpers/aws-json-server.js';
import { useAwsEndpoints } from '../helpers/aws-env.js';
import { CONFORMANCE_DIR } from '../helpers/conformance.js';
import { awslogsEvent, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';
import { getResourcesHandler } from '../helpers/tagging.js';

const CASES = path.join(CONFORMANCE_DIR, 'datadog-forwarder-v5', 'integration-cache-test');
const ACCOUNT = '601427279990';
const REDACTED = '<redacted from snapshot>';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** The tags the test functions had (Serverless Framework stage and CloudFormation tags, and the two test tags). */
function stackTags(stack: string, logicalId: string): Record<string, string> {
  return {
    STAGE: 'dev',
    'aws:cloudformation:logical-id': logicalId,
    'aws:cloudformation:stack-id': `arn:aws:cloudformation:us-east-1:${ACCOUNT}:stack/${stack}/0b6c3e50-ee1a-11ea-9f8a-0e5b1a4ca4c5`,
    'aws:cloudformation:stack-name': stack,
  };
}
const RESOURCES = [
  {
    arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:integration-tests-dev-cache_test_lambda`,
    tags: {
      ...stackTags('integration-tests-dev', 'CacheUnderscoretestUnderscorelambdaLambdaFunction'),
      TAG1: 'Tag Value',
      TAG2: 'Tag2 Value',
    },
  },
  {
    arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:hello-dog-node-dev-hello12x`,
    tags: stackTags('hello-dog-node-dev', 'Hello12xLambdaFunction'),
  },
  { arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:untagged`, tags: {} },
];

type Log = Record<string, unknown> & { id: string; ddtags: string; aws: Record<string, unknown> };

/** The snapshot's logs, from its logs request (`/v1/input/<key>` in this old format, or `/api/v2/logs`). */
function recordedLogs(name: string): Log[] {
  const snapshot = JSON.parse(readFileSync(path.join(CASES, `${name}.json~snapshot`), 'utf8')) as {
    events: { path: string; data: unknown }[];
  };
  return snapshot.events.filter((e) => /^\/v1\/input\/|^\/api\/v2\/logs/.test(e.path)).flatMap((e) => e.data as Log[]);
}

/** What is compared: the v5 fields of a log. Old-format fields are set aside (docs/compatibility.md). */
function comparable(log: Log, expected: Log): Record<string, unknown> {
  const { awslogs, invoked_function_arn } = log.aws;
  const tags = log.ddtags.split(',').filter((t) => !/^(forwarder_memorysize|account_id):/.test(t));
  return {
    id: log.id,
    timestamp: log.timestamp,
    message: log.message,
    ddtags: tags.join(','),
    aws: { awslogs, invoked_function_arn },
    lambda: log.lambda,
    // The old format had no host for CloudTrail logs and the 3.x `stepfunction` source for Step Functions.
    ...('host' in expected ? { host: log.host } : {}),
    ...(expected.ddsource === 'stepfunction' ? {} : { ddsource: log.ddsource, service: log.service }),
  };
}

/** The snapshot harness's redactions, applied to what we sent (fixtures/conformance/README.md). */
function redact(json: string): string {
  return json
    .replace(/forwarder_version:\d+\.\d+\.\d+[^,"]*/g, `forwarder_version:${REDACTED}`)
    .replace(UUID, REDACTED);
}

let aws: AwsJsonServer;
let intake: CaptureIntake;
let restoreEnv: () => void;

beforeAll(async () => {
  [aws, intake] = await Promise.all([startAwsJsonServer(), startCaptureIntake()]);
  aws.handle(
    'GetResources',
    getResourcesHandler(() => RESOURCES),
  );
  aws.handle('ListTagsForResource', () => ({ tags: {} }));
  restoreEnv = useAwsEndpoints({ json: aws.endpoint });
});

afterAll(async () => {
  restoreEnv();
  await Promise.all([aws.close(), intake.close()]);
});

const names = readdirSync(CASES)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length));

it('has the cases', () => {
  expect(names).toEqual(expect.arrayContaining(['cloudwatch_log_coldstart', 'cloudwatch_log_lambda_invocation']));
});

// One container for every case, as in the recording, which ran them one after another.
const handler = () =>
  createHandler(
    localIntakeEnv(intake.url, {
      FORWARDER_TRACE_CONTEXT: 'false',
      DD_SITE: 'datadog.com',
      DD_USE_COMPRESSION: 'false',
      DD_FETCH_LAMBDA_TAGS: 'true',
      DD_FETCH_LOG_GROUP_TAGS: 'true',
    }),
    { logger: new Logger('error', () => undefined) },
  );
let container: ReturnType<typeof handler> | undefined;

it.each(names)('%s: the logs carry the tags the function had', async (name) => {
  container ??= handler();
  const payload = readFileSync(path.join(CASES, `${name}.json`), 'utf8');
  const before = intake.requests.length;
  const expected = recordedLogs(name);
  // The forwarder that recorded the case (its ARN is in every log; one case was recorded by another account).
  const invokedFunctionArn = String(expected[0]?.aws.invoked_function_arn);
  const context = lambdaContext({ invokedFunctionArn, functionName: 'test', memoryLimitInMB: '1536' });
  await container(awslogsEvent(payload), context);
  const sent = intake.requests
    .slice(before)
    .filter((r) => r.path === '/api/v2/logs')
    .flatMap((r) => JSON.parse(redact(r.body.toString('utf8'))) as Log[]);
  const byId = new Map(sent.map((log) => [log.id, log]));
  const expectedIds = new Set(expected.map((log) => log.id));
  for (const log of expected) {
    const ours = byId.get(log.id);
    expect(ours && comparable(ours, log)).toEqual(comparable(log, log));
  }
  // Nothing extra: the lines the Datadog Forwarder turned into metrics or traces are not logs here either.
  expect(sent.filter((log) => !expectedIds.has(log.id)).map((log) => log.message)).toEqual([]);
});
