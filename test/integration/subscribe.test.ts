// `./forwarder subscribe` against a loopback server speaking the CloudWatch Logs API, with the real SDK client.
import { runSubscribe } from '../../src/cli/subscribe.js';
import { FILTER_NAME } from '../../src/subscriptions/subscription-plan.js';
import { AwsError, TEST_CREDENTIALS, type AwsJsonServer } from '../helpers/aws-json-server.js';
import { ACCOUNT, REGION, startFakeCloudWatchLogs, type FakeLogGroup } from '../helpers/fake-cloudwatch-logs.js';

const FORWARDER_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:forwarder`;
const OTHER = (n: number) => ({
  filterName: `theirs-${n}`,
  destinationArn: `arn:aws:firehose:x:${n}`,
  filterPattern: '',
});

async function run(
  groups: Record<string, Partial<FakeLogGroup>>,
  args: string[],
  setup: (server: AwsJsonServer) => void = () => undefined,
) {
  const fake = await startFakeCloudWatchLogs(groups);
  setup(fake.server);
  const env = {
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: fake.server.endpoint,
  };
  const lines: string[] = [];
  try {
    const code = await runSubscribe(['--forwarder-arn', FORWARDER_ARN, ...args], env, (l) => lines.push(l));
    const puts = fake.server.calls.filter((c) => c.operation === 'PutSubscriptionFilter').map((c) => c.input);
    return { code, lines, puts, calls: fake.server.calls, groups: fake.groups };
  } finally {
    await fake.server.close();
  }
}

const ACCOUNT_GROUPS = (): Record<string, Partial<FakeLogGroup>> => ({
  '/aws/lambda/api': {},
  '/aws/lambda/worker': { filters: [OTHER(1)] },
  '/aws/lambda/full': { filters: [OTHER(1), OTHER(2)] },
  '/aws/lambda/forwarder': {},
  '/ecs/web': { tags: { team: 'web' } },
  '/ecs/batch': { tags: { team: 'data' } },
  '/ecs/old': {
    filters: [
      { filterName: FILTER_NAME, destinationArn: 'arn:aws:lambda:us-east-1:1:function:old', filterPattern: '' },
    ],
  },
});

describe('forwarder subscribe', () => {
  it('changes nothing in a dry run, and says what it would do across every page of log groups', async () => {
    const result = await run(ACCOUNT_GROUPS(), []);
    expect(result.code).toBe(0);
    expect(result.puts).toEqual([]);
    // 7 groups at 2 a page: 4 pages, all read.
    expect(result.calls.filter((c) => c.operation === 'DescribeLogGroups')).toHaveLength(4);
    expect(result.lines[0]).toMatch(/Dry run/);
    expect(result.lines).toContain('would subscribe /aws/lambda/api');
    expect(result.lines).toContain('would subscribe /ecs/batch');
    expect(result.lines.find((l) => l.includes('/aws/lambda/full'))).toMatch(/skipped .*2 subscription filters/);
    expect(result.lines.find((l) => l.includes('/ecs/old'))).toMatch(/would update/);
    expect(result.lines.some((l) => l.includes('/aws/lambda/forwarder'))).toBe(false);
    expect(result.lines.at(-1)).toBe('5 to subscribe, 0 already subscribed, 1 skipped, 0 failed.');
  });

  it('with --apply subscribes every selected group but never touches others\u2019 filters', async () => {
    const result = await run(ACCOUNT_GROUPS(), ['--apply']);
    expect(result.code).toBe(0);
    expect(result.puts.map((p) => p['logGroupName']).sort()).toEqual([
      '/aws/lambda/api',
      '/aws/lambda/worker',
      '/ecs/batch',
      '/ecs/old',
      '/ecs/web',
    ]);
    for (const put of result.puts) {
      expect(put).toMatchObject({ filterName: FILTER_NAME, destinationArn: FORWARDER_ARN, filterPattern: '' });
    }
    expect(result.groups.get('/aws/lambda/worker')!.filters.map((f) => f.filterName)).toEqual([
      'theirs-1',
      FILTER_NAME,
    ]);
    expect(result.groups.get('/aws/lambda/full')!.filters).toEqual([OTHER(1), OTHER(2)]);
    expect(result.groups.get('/ecs/old')!.filters).toEqual([
      { filterName: FILTER_NAME, destinationArn: FORWARDER_ARN, filterPattern: '' },
    ]);
    expect(result.groups.get('/aws/lambda/forwarder')!.filters).toEqual([]);
  });

  it('leaves groups that already send to the forwarder alone, whoever made the filter', async () => {
    const result = await run(
      {
        '/a': { filters: [{ filterName: 'by-hand', destinationArn: FORWARDER_ARN, filterPattern: '' }] },
        '/b': { filters: [{ filterName: FILTER_NAME, destinationArn: FORWARDER_ARN, filterPattern: '' }] },
      },
      ['--apply'],
    );
    expect(result.puts).toEqual([]);
    expect(result.lines.at(-1)).toBe('0 subscribed, 2 already subscribed, 0 skipped, 0 failed.');
  });

  it('selects by prefix (listing only under it) and by regular expression', async () => {
    const byPrefix = await run(ACCOUNT_GROUPS(), ['--prefix', '/ecs/', '--apply']);
    expect(byPrefix.calls.find((c) => c.operation === 'DescribeLogGroups')!.input).toMatchObject({
      logGroupNamePrefix: '/ecs/',
    });
    expect(byPrefix.puts.map((p) => p['logGroupName']).sort()).toEqual(['/ecs/batch', '/ecs/old', '/ecs/web']);

    const byPattern = await run(ACCOUNT_GROUPS(), ['--pattern', '(api|web)$', '--apply']);
    expect(byPattern.puts.map((p) => p['logGroupName']).sort()).toEqual(['/aws/lambda/api', '/ecs/web']);
  });

  it('selects by tag, reading tags with ListTagsForResource on the group ARN', async () => {
    const result = await run(ACCOUNT_GROUPS(), ['--tag', 'team=web', '--apply']);
    expect(result.puts.map((p) => p['logGroupName'])).toEqual(['/ecs/web']);
    const anyTeam = await run(ACCOUNT_GROUPS(), ['--tag', 'team', '--apply']);
    expect(anyTeam.puts.map((p) => p['logGroupName']).sort()).toEqual(['/ecs/batch', '/ecs/web']);
    expect(anyTeam.calls.find((c) => c.operation === 'ListTagsForResource')!.input['resourceArn']).toMatch(
      /^arn:aws:logs:us-east-1:123456789012:log-group:[^*]+$/,
    );
  });

  it('reports a group the service refuses and goes on with the rest (exit 1)', async () => {
    // A concurrent change to /x's filters makes the service refuse our write (OperationAbortedException).
    const result = await run(
      { '/x': {}, '/y': {} },
      ['--apply', '--filter-pattern', '{ $.level = "error" }'],
      (server) =>
        server.handle('PutSubscriptionFilter', (input) =>
          input['logGroupName'] === '/x'
            ? new AwsError('OperationAbortedException', 'Multiple concurrent requests were in conflict.')
            : {},
        ),
    );
    expect(result.code).toBe(1);
    expect(result.lines).toContainEqual(expect.stringMatching(/^failed +\/x: OperationAbortedException/));
    expect(result.lines).toContain('subscribed      /y');
    expect(result.puts.map((p) => [p['logGroupName'], p['filterPattern']])).toEqual([
      ['/x', '{ $.level = "error" }'],
      ['/y', '{ $.level = "error" }'],
    ]);
    expect(result.lines.at(-1)).toBe('1 subscribed, 0 already subscribed, 0 skipped, 1 failed.');
  });

  it('prints usage for --help and refuses bad arguments without calling AWS', async () => {
    const lines: string[] = [];
    expect(await runSubscribe(['--help'], {}, (l) => lines.push(l))).toBe(0);
    expect(lines.join('\n')).toMatch(/Usage: forwarder subscribe/);
    lines.length = 0;
    expect(
      await runSubscribe(['--forwarder-arn', 'nope', '--pattern', '(', '--region', 'x'], {}, (l) => lines.push(l)),
    ).toBe(2);
    expect(lines.join('\n')).toMatch(/--forwarder-arn must be/);
    expect(lines.join('\n')).toMatch(/--pattern is not a valid regular expression/);
    expect(await runSubscribe(['--bogus'], {}, () => undefined)).toBe(2);
  });
});
