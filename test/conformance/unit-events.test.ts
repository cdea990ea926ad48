// The sample trigger events of the Datadog Forwarder v5's unit tests (fixtures/conformance/datadog-forwarder-v5/
// unit-events/) are accepted, and produce the records that forwarder produces for them
// (datadog-serverless-functions aws/logs_monitoring/steps/parsing.py and steps/handlers/, 5.4.11). Our only
// addition is the deterministic `id` of logs read from S3 (docs/event-sources.md).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { FORWARDER_VERSION } from '../../src/version.js';
import { CONFORMANCE_DIR } from '../helpers/conformance.js';
import { awslogsEvent, FAST_RETRY, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';
import { startLocalS3, type LocalS3 } from '../helpers/s3.js';

const UNIT_EVENTS = path.join(CONFORMANCE_DIR, 'datadog-forwarder-v5', 'unit-events');
const ARN = 'arn:aws:lambda:us-east-1:012345678912:function:test_function';
const TAGS = `forwardername:test_function,forwarder_version:${FORWARDER_VERSION}`;

let s3: LocalS3;
let intake: CaptureIntake;

beforeAll(async () => {
  s3 = await startLocalS3(['my-bucket']);
  intake = await startCaptureIntake();
  await s3.put('my-bucket', 'my-key.log', 'first line\nsecond line\n');
});
afterAll(async () => {
  await s3.close();
  await intake.close();
});
beforeEach(() => void (intake.requests.length = 0));

function unitEvent(name: string): unknown {
  return JSON.parse(readFileSync(path.join(UNIT_EVENTS, name), 'utf8'));
}

async function forward(event: unknown): Promise<{ response: unknown; logs: Record<string, unknown>[] }> {
  const env = localIntakeEnv(intake.url, { DD_USE_COMPRESSION: 'false', FORWARDER_TRACE_CONTEXT: 'false' });
  const handler = createHandler(env, {
    objects: s3.reader,
    retry: FAST_RETRY,
    logger: new Logger('error', () => undefined),
  });
  const response = await handler(event, lambdaContext());
  const logRequests = intake.requests.filter((r) => r.path === '/api/v2/logs');
  return { response, logs: logRequests.flatMap((r) => r.json as Record<string, unknown>[]) };
}

it('has the unit events at hand', () => {
  expect(existsSync(path.join(UNIT_EVENTS, 'sqs_s3.json'))).toBe(true);
});

describe.each(['sqs_s3.json', 'sqs_sns_s3.json'])('%s', (name) => {
  it('reads the object the SQS message names, as the Datadog Forwarder v5 does', async () => {
    const { response, logs } = await forward(unitEvent(name));
    expect(response).toEqual({ batchItemFailures: [] });
    const expected = ['first line', 'second line'].map((message) => ({
      aws: { s3: { bucket: 'my-bucket', key: 'my-key.log' }, invoked_function_arn: ARN },
      message,
      ddsource: 's3',
      ddsourcecategory: 'aws',
      ddtags: TAGS,
      service: 's3',
    }));
    expect(logs.map(({ id: _id, ...rest }) => rest)).toEqual(expected);
    expect(logs.map((l) => l.id)).toEqual([expect.stringMatching(/-L1$/), expect.stringMatching(/-L2$/)]);
  });
});

describe('CloudWatch Logs payloads', () => {
  it('cloudwatch_logs.json: every log of a Lambda function (metric lines and traces aside), its ARN as host', async () => {
    const payload = unitEvent('cloudwatch_logs.json') as { logEvents: { id: string; message: string }[] };
    const { logs } = await forward(awslogsEvent(payload));
    // As in the Datadog Forwarder, metric lines ({"e", "m", "t", "v"}) and trace payloads are not logs.
    const logEvents = payload.logEvents.filter((e) => !/^\{"(e|traces)"/.test(e.message));
    expect(logEvents).toHaveLength(payload.logEvents.length - 3);
    expect(logs.map((l) => l.id)).toEqual(logEvents.map((e) => e.id));
    expect(logs[0]).toMatchObject({
      ddsource: 'lambda',
      service: 'hello-dog-node-dev-hello12x',
      host: 'arn:aws:lambda:us-east-1:601427279990:function:hello-dog-node-dev-hello12x',
      lambda: { arn: 'arn:aws:lambda:us-east-1:601427279990:function:hello-dog-node-dev-hello12x' },
    });
  });

  it('cloudwatch_logs_2.json: an RDS log group is `cloudwatch` in v5, and the message ddtags apply', async () => {
    const { logs } = await forward(awslogsEvent(unitEvent('cloudwatch_logs_2.json')));
    expect(logs).toEqual([
      expect.objectContaining({
        ddsource: 'cloudwatch',
        host: '/aws/rds/cluster',
        service: 'cloudwatch',
        ddtags: `${TAGS},my:tag`,
        message: '{"status": "info", "message": "datadog:This is a custom message"}',
      }),
    ]);
  });

  it('cloudwatch_logs_ddtags.json: a service in the message ddtags wins', async () => {
    const { logs } = await forward(awslogsEvent(unitEvent('cloudwatch_logs_ddtags.json')));
    expect(logs).toEqual([expect.objectContaining({ ddsource: 'lambda', service: 'test-inner-message' })]);
    expect(String(logs[0]!.ddtags)).toContain('env:test,service:test-inner-message');
  });
});
