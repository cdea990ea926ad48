// docs/migrate.md's in-place update, as far as it goes without AWS: a Datadog Forwarder 5.4.11 stack's parameters
// (as an update keeps them) given to our template, the environment the stack would give the function (evaluated
// from template.yaml), and the real handler in it, with the AWS SDK clients on loopback servers: the API key from
// the stack's Secrets Manager secret, logs and the enhanced metrics of a default Datadog deployment to the intake,
// dual shipping through a secret reference, and what the intake refused stored in the bucket and replayed.
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { S3FailedEventStore } from '../../src/aws/s3-failed-event-store.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { startAwsJsonServer, type AwsJsonServer } from '../helpers/aws-json-server.js';
import { useAwsEndpoints } from '../helpers/aws-env.js';
import { evaluateStack, STACK } from '../helpers/cfn-evaluate.js';
import { loadTemplate } from '../helpers/cfn-template.js';
import { awslogsEvent, FAST_RETRY, lambdaContext, TEST_API_KEY } from '../helpers/lambda.js';
import { startLocalS3, type LocalS3 } from '../helpers/s3.js';

const API_KEY_SECRET = `arn:aws:secretsmanager:${STACK.region}:${STACK.accountId}:secret:datadog-api-key-AbCdEf`;
const ENDPOINTS_SECRET = `arn:aws:secretsmanager:${STACK.region}:${STACK.accountId}:secret:dual-shipping-GhIjKl`;
const SECOND_KEY = 'zyxwvutsrqponmlkjihgfedcba543210';
const REPORT =
  'REPORT RequestId: 7c9e1f2a-0000-4000-8000-000000000001\tDuration: 102.50 ms\tBilled Duration: 103 ms\t' +
  'Memory Size: 512 MB\tMax Memory Used: 80 MB\t\n';
const event = awslogsEvent({
  messageType: 'DATA_MESSAGE',
  owner: STACK.accountId,
  logGroup: '/aws/lambda/checkout',
  logStream: '2026/01/01/[$LATEST]abc',
  subscriptionFilters: ['datadog-forwarder'],
  logEvents: [
    { id: '1', timestamp: 1767225600000, message: 'order 1 placed' },
    { id: '2', timestamp: 1767225601000, message: REPORT },
  ],
});

let aws: AwsJsonServer;
let intake: CaptureIntake;
let second: CaptureIntake;
let s3: LocalS3;
let client: S3Client;
let restoreEnv: () => void;
let env: Record<string, string>;

beforeAll(async () => {
  intake = await startCaptureIntake();
  second = await startCaptureIntake();
  aws = await startAwsJsonServer({
    GetSecretValue: (input) =>
      input['SecretId'] === API_KEY_SECRET
        ? // The Datadog template asks for the key as plain text.
          { SecretString: TEST_API_KEY }
        : { SecretString: JSON.stringify([{ api_key: SECOND_KEY, Host: second.url, is_reliable: true }]) },
  });
  // The stack as an update in place leaves it: Datadog's defaults and the user's values, plus our CodeS3Bucket.
  // The intake URLs point at loopback: that is as far as this goes.
  const stack = evaluateStack(loadTemplate(), {
    CodeS3Bucket: 'my-artifacts',
    DdApiKey: '',
    DdApiKeySecretArn: API_KEY_SECRET,
    DdTags: 'env:prod,team:platform',
    DdFetchLambdaTags: 'false',
    DdEnhancedMetrics: 'false',
    DdStoreFailedEvents: 'true',
    DdLogsConfigAdditionalEndpointsSecret: ENDPOINTS_SECRET,
    DdUrl: intake.url,
    DdApiUrl: intake.url,
    DdTraceIntakeUrl: intake.url,
  });
  env = { ...stack.environment(), FORWARDER_TELEMETRY: 'false', DD_LOG_LEVEL: 'ERROR' };
  s3 = await startLocalS3([env['DD_S3_BUCKET_NAME']!]);
  client = s3.client();
  restoreEnv = useAwsEndpoints({ json: aws.endpoint });
});

afterAll(async () => {
  restoreEnv();
  client.destroy();
  await Promise.all([aws.close(), intake.close(), second.close(), s3.close()]);
});

/** The handler as Lambda would build it in that environment; the failed-event store on the local S3 bucket. */
function handler() {
  const bucket = env['DD_S3_BUCKET_NAME']!;
  return createHandler(env, {
    retry: { ...FAST_RETRY, maxAttempts: 2 },
    failedEvents: new S3FailedEventStore(client, bucket, new Logger('error', () => {})),
    logger: new Logger('error', () => {}),
  });
}

const storedKeys = async () =>
  ((await client.send(new ListObjectsV2Command({ Bucket: env['DD_S3_BUCKET_NAME']! }))).Contents ?? []).map(
    (o) => o.Key ?? '',
  );

it('forwards with the stack’s secret, dual-ships through the secret reference, and sends the enhanced metrics', async () => {
  expect(env['DD_API_KEY_SECRET_ARN']).toBe(API_KEY_SECRET);
  expect(env['DD_LOGS_CONFIG_ADDITIONAL_ENDPOINTS_SECRET_ARN']).toBe(ENDPOINTS_SECRET);
  await expect(handler()(event, lambdaContext())).resolves.toMatchObject({ status: 'ok' });

  const logs = intake.requests.filter((r) => r.path.startsWith('/api/v2/logs'));
  expect(logs.map((r) => r.headers['dd-api-key'])).toEqual([TEST_API_KEY]);
  expect((logs[0]!.json as { message: string; ddtags: string }[]).map((l) => l.message)).toEqual([
    'order 1 placed',
    REPORT,
  ]);
  expect((logs[0]!.json as { ddtags: string }[])[0]!.ddtags).toContain('env:prod,team:platform');
  // DdEnhancedMetrics=false, the Datadog default an update keeps: the enhanced metrics are sent, as there.
  const metrics = intake.requests.filter((r) => r.path === '/api/v1/distribution_points');
  const names = metrics.flatMap((r) => (r.json as { series: { metric: string }[] }).series.map((s) => s.metric));
  expect(names).toEqual(
    expect.arrayContaining(['aws.lambda.enhanced.duration', 'aws.lambda.enhanced.billed_duration']),
  );
  const dual = second.requests.filter((r) => r.path.startsWith('/api/v2/logs'));
  expect(dual.map((r) => r.headers['dd-api-key'])).toEqual([SECOND_KEY]);
});

it('stores what the intake refused in the stack’s bucket, and replays it on {"retry": true}', async () => {
  intake.requests.length = 0;
  intake.setResponder(() => ({ status: 503 }));
  const forward = handler();
  await expect(forward(event, lambdaContext())).resolves.toMatchObject({ status: 'ok' });
  const stored = await storedKeys();
  expect(stored.length).toBeGreaterThan(0);
  expect(stored.every((key) => key.startsWith('failed_events/'))).toBe(true);

  intake.setResponder(() => ({ status: 202 }));
  intake.requests.length = 0;
  await forward({ retry: true }, lambdaContext());
  expect(await storedKeys()).toEqual([]);
  const replayed = intake.requests.filter((r) => r.path.startsWith('/api/v2/logs'));
  expect(replayed.flatMap((r) => (r.json as { message: string }[]).map((l) => l.message))).toEqual([
    'order 1 placed',
    REPORT,
  ]);
});
