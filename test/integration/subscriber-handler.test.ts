// The auto-subscriber Lambda against the loopback CloudWatch Logs API: a CreateLogGroup event subscribes that
// group; a scheduled run reconciles every selected group; others' filters stay as they were.
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { Logger } from '../../src/log.js';
import { createdLogGroupName, createSubscriberHandler } from '../../src/subscriber-handler.js';
import { readSubscriberConfigTracked } from '../../src/subscriptions/subscriber-config.js';
import { SdkLogsApi } from '../../src/subscriptions/logs-api.js';
import { FILTER_NAME } from '../../src/subscriptions/subscription-plan.js';
import { TEST_CREDENTIALS } from '../helpers/aws-json-server.js';
import { ACCOUNT, REGION, startFakeCloudWatchLogs } from '../helpers/fake-cloudwatch-logs.js';

const FORWARDER_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:stack-Forwarder`;
const ENV = {
  FORWARDER_SUBSCRIBE_DESTINATION_ARN: FORWARDER_ARN,
  FORWARDER_SUBSCRIBE_LOG_GROUP_PREFIXES: '/aws/lambda/,/ecs/',
  FORWARDER_SUBSCRIBE_EXCLUDED_LOG_GROUPS: '/aws/lambda/stack-Forwarder-logs',
};
const logLines: string[] = [];
beforeEach(() => void (logLines.length = 0));

const createEvent = (logGroupName: string) => ({
  source: 'aws.logs',
  'detail-type': 'AWS API Call via CloudTrail',
  detail: { eventSource: 'logs.amazonaws.com', eventName: 'CreateLogGroup', requestParameters: { logGroupName } },
});

async function withFake(
  run: (
    handler: ReturnType<typeof createSubscriberHandler>,
    fake: Awaited<ReturnType<typeof startFakeCloudWatchLogs>>,
  ) => Promise<void>,
) {
  const fake = await startFakeCloudWatchLogs({
    '/aws/lambda/new': {},
    '/aws/lambda/stack-Forwarder-logs': {},
    '/ecs/full': { filters: [1, 2].map((n) => ({ filterName: `t${n}`, destinationArn: `d${n}`, filterPattern: '' })) },
    '/other/x': {},
  });
  const client = new CloudWatchLogsClient({
    region: REGION,
    endpoint: fake.server.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  try {
    await run(
      createSubscriberHandler(ENV, () => new SdkLogsApi(client), new Logger('info', (l) => logLines.push(l))),
      fake,
    );
  } finally {
    client.destroy();
    await fake.server.close();
  }
}

describe('auto-subscriber', () => {
  it('subscribes a log group named by a CreateLogGroup event, and only that one', async () => {
    await withFake(async (handler, fake) => {
      expect(await handler(createEvent('/aws/lambda/new'))).toEqual({ changed: 1, failed: 0, seen: 1 });
      expect(fake.groups.get('/aws/lambda/new')!.filters).toEqual([
        { filterName: FILTER_NAME, destinationArn: FORWARDER_ARN, filterPattern: '' },
      ]);
      const puts = fake.server.calls.filter((c) => c.operation === 'PutSubscriptionFilter');
      expect(puts).toHaveLength(1);
    });
  });

  it('ignores created groups outside the selection and the forwarder\u2019s own log group', async () => {
    await withFake(async (handler, fake) => {
      expect(await handler(createEvent('/other/x'))).toEqual({ changed: 0, failed: 0, seen: 0 });
      expect(await handler(createEvent('/aws/lambda/stack-Forwarder-logs'))).toEqual({
        changed: 0,
        failed: 0,
        seen: 0,
      });
      expect(fake.server.calls.filter((c) => c.operation === 'PutSubscriptionFilter')).toEqual([]);
    });
  });

  it('reconciles every selected group on a scheduled run, skipping full ones', async () => {
    await withFake(async (handler, fake) => {
      const result = await handler({ source: 'aws.events', 'detail-type': 'Scheduled Event', detail: {} });
      expect(result).toEqual({ changed: 1, failed: 0, seen: 2 });
      expect(fake.groups.get('/ecs/full')!.filters.map((f) => f.filterName)).toEqual(['t1', 't2']);
      expect(fake.groups.get('/other/x')!.filters).toEqual([]);
      expect(logLines.filter((l) => l.includes('Log group skipped.'))).toEqual([
        expect.stringMatching(/"logGroup":"\/ecs\/full".*allows 2/),
      ]);
      // A second run finds nothing to do.
      expect(await handler({})).toEqual({ changed: 0, failed: 0, seen: 2 });
    });
  });

  it('reads the CreateLogGroup name only from CloudTrail CreateLogGroup events', () => {
    expect(createdLogGroupName(createEvent('/a'))).toBe('/a');
    expect(
      createdLogGroupName({ detail: { eventName: 'DeleteLogGroup', requestParameters: { logGroupName: '/a' } } }),
    ).toBeUndefined();
    expect(createdLogGroupName(null)).toBeUndefined();
  });

  it('reports every configuration problem at once', () => {
    expect(() =>
      readSubscriberConfigTracked({
        FORWARDER_SUBSCRIBE_DESTINATION_ARN: 'x',
        FORWARDER_SUBSCRIBE_LOG_GROUP_PATTERN: '(',
      }),
    ).toThrow(/2 problems[\s\S]*DESTINATION_ARN[\s\S]*PATTERN/);
  });
});
