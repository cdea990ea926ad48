// 100 invocations across 4 containers within one TTL, sharing the forwarder bucket (s3rver) and the tagging API
// (loopback AWS JSON endpoint): the account's Lambda tags are fetched once per TTL window, not once per
// invocation or per container. Containers run their invocations at the same time, so they race for the lock.
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import type { Clock } from '../../src/clock.js';
import { createHandler, type Handler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { startAwsJsonServer, type AwsJsonServer } from '../helpers/aws-json-server.js';
import { useAwsEndpoints } from '../helpers/aws-env.js';
import { awslogsEvent, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';
import { startLocalS3, type LocalS3 } from '../helpers/s3.js';
import { getResourcesHandler } from '../helpers/tagging.js';

const ACCOUNT = '123456789012';
const RESOURCES = Array.from({ length: 5 }, (_, i) => ({
  arn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:fn-${i}`,
  tags: { team: `team-${i}` },
}));
const PAGES_PER_REFRESH = 3; // five functions, two a page
/** s3rver checks the key; the loopback AWS JSON endpoint takes any. */
const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

let aws: AwsJsonServer;
let s3: LocalS3;
let intake: CaptureIntake;
let restoreEnv: () => void;
const time = { offsetMs: 0 };
const clock: Clock = { now: () => Date.now() + time.offsetMs, sleep: async () => undefined };

beforeAll(async () => {
  [aws, s3, intake] = await Promise.all([startAwsJsonServer(), startLocalS3(), startCaptureIntake()]);
  aws.handle(
    'GetResources',
    getResourcesHandler(() => RESOURCES),
  );
  restoreEnv = useAwsEndpoints({ json: aws.endpoint, s3: s3.endpoint });
});

afterAll(async () => {
  restoreEnv();
  await Promise.all([aws.close(), s3.close(), intake.close()]);
});

function container(): Handler {
  const env = localIntakeEnv(intake.url, {
    DD_FETCH_LAMBDA_TAGS: 'true',
    DD_S3_BUCKET_NAME: s3.bucket,
    DD_TAGS_CACHE_TTL_SECONDS: '300',
    FORWARDER_TAG_LOOKUP_TIMEOUT_MS: '20000',
  });
  return createHandler(env, {
    clock,
    logger: new Logger('error', () => undefined),
    aws: { s3ForcePathStyle: true, credentials: S3RVER_CREDENTIALS },
  });
}

function event(n: number) {
  return awslogsEvent({
    messageType: 'DATA_MESSAGE',
    owner: ACCOUNT,
    logGroup: `/aws/lambda/fn-${n % 5}`,
    logStream: '2024/01/01/[$LATEST]0123456789abcdef0123456789abcdef',
    logEvents: [{ id: String(n), timestamp: 1700000000000, message: `invocation ${n}` }],
  });
}

/** 25 rounds in which the 4 containers are invoked at once; a second passes between rounds. */
async function run(containers: Handler[], rounds: number, first: number): Promise<void> {
  const context = lambdaContext({ invokedFunctionArn: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:forwarder` });
  for (let round = 0; round < rounds; round++) {
    await Promise.all(containers.map((handler, c) => handler(event(first + round * containers.length + c), context)));
    time.offsetMs += 1_000;
  }
}

const getResourcesCalls = () => aws.calls.filter((c) => c.operation === 'GetResources').length;

function sentLogs(): { message: string; ddtags: string }[] {
  return intake.requests
    .filter((r) => r.path === '/api/v2/logs')
    .flatMap((r) => r.json as { message: string; ddtags: string }[]);
}

it('makes one refresh per TTL window for 100 invocations across 4 containers', async () => {
  const containers = [container(), container(), container(), container()];
  await run(containers, 25, 0);
  expect(sentLogs()).toHaveLength(100);
  expect(getResourcesCalls()).toBe(PAGES_PER_REFRESH);
  // Containers that found the lock held on their first invocation look again a second later and find the
  // shared object: every log after the first round carries its function's tags.
  const later = sentLogs().filter((log) => Number(log.message.split(' ')[1]) >= 4);
  expect(later).toHaveLength(96);
  for (const log of later) {
    const n = Number(log.message.split(' ')[1]);
    expect(log.ddtags.split(',')).toContain(`team:team-${n % 5}`);
  }

  // The next window: still one refresh for the account.
  time.offsetMs += 400_000;
  await run(containers, 25, 100);
  expect(getResourcesCalls()).toBe(2 * PAGES_PER_REFRESH);
});
