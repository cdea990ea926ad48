// `forwarder subscribe`, `unsubscribe` and `account-policy` through main(), against loopback servers speaking the
// CloudWatch Logs and Lambda APIs, with the real SDK clients (AWS_ENDPOINT_URL_<SERVICE>). The forwarder's own log
// group comes from its LoggingConfig; a terminal's answer is given by the test's Io.
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { FILTER_NAME } from '../../src/subscriptions/subscription-plan.js';
import { AwsError, TEST_CREDENTIALS, type AwsJsonServer } from '../helpers/aws-json-server.js';
import { ACCOUNT, REGION, startFakeCloudWatchLogs, type FakeLogGroup } from '../helpers/fake-cloudwatch-logs.js';
import { startFakeLambda } from '../helpers/fake-lambda.js';

const ROOT = join(__dirname, '..', '..');
// A custom FunctionName: the function and its log group share the name.
const FORWARDER_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:forwarder`;
const OWN_GROUP = '/aws/lambda/forwarder';
const OLD_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:DatadogForwarder`;
const OTHER = (n: number) => ({
  filterName: `theirs-${n}`,
  destinationArn: `arn:aws:firehose:x:${n}`,
  filterPattern: '',
});
const OLD_FILTER = { filterName: 'datadog', destinationArn: OLD_ARN, filterPattern: '?ERROR' };

interface RunOptions {
  /** The terminal's answer to a confirmation; no terminal when undefined. */
  readonly answer?: boolean;
  readonly setup?: (server: AwsJsonServer) => void;
  readonly logGroup?: string;
}

async function run(groups: Record<string, Partial<FakeLogGroup>>, argv: string[], options: RunOptions = {}) {
  const fake = await startFakeCloudWatchLogs(groups);
  const lambda = await startFakeLambda([{ arn: FORWARDER_ARN, logGroup: options.logGroup ?? OWN_GROUP }]);
  options.setup?.(fake.server);
  const env = {
    AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: fake.server.endpoint,
    AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
  };
  const lines: string[] = [];
  const errors: string[] = [];
  const questions: string[] = [];
  const io = {
    out: (l: string) => void lines.push(l),
    err: (l: string) => void errors.push(l),
    ...(options.answer === undefined ? {} : { confirm: async (q: string) => (questions.push(q), options.answer!) }),
  };
  try {
    const code = await main([argv[0]!, '--forwarder-arn', FORWARDER_ARN, ...argv.slice(1)], env, ROOT, io);
    const writes = fake.server.calls.filter((c) => /^(Put|Delete)/.test(c.operation));
    const puts = writes.filter((c) => c.operation === 'PutSubscriptionFilter').map((c) => c.input);
    return { code, lines, errors, questions, puts, writes, calls: fake.server.calls, ...fake, lambda: lambda.calls };
  } finally {
    await fake.server.close();
    await lambda.close();
  }
}

const ACCOUNT_GROUPS = (): Record<string, Partial<FakeLogGroup>> => ({
  '/aws/lambda/api': {},
  '/aws/lambda/worker': { filters: [OTHER(1)] },
  '/aws/lambda/full': { filters: [OTHER(1), OTHER(2)] },
  [OWN_GROUP]: {},
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
    const result = await run(ACCOUNT_GROUPS(), ['subscribe']);
    expect(result.code).toBe(0);
    expect(result.writes).toEqual([]);
    // 7 groups at 2 a page: 4 pages, all read, the first reported on stderr.
    expect(result.calls.filter((c) => c.operation === 'DescribeLogGroups')).toHaveLength(4);
    expect(result.errors).toContain('Listing log groups: 2 so far (1 page(s))…');
    expect(result.lines[0]).toMatch(/Dry run/);
    expect(result.lines).toContain('would subscribe /aws/lambda/api');
    expect(result.lines).toContain('would subscribe /ecs/batch');
    expect(result.lines.find((l) => l.includes('/aws/lambda/full'))).toMatch(/skipped .*2 subscription filters/);
    expect(result.lines.find((l) => l.includes('/ecs/old'))).toMatch(/would update/);
    expect(result.lines.some((l) => l.includes(OWN_GROUP))).toBe(false);
    expect(result.lines.at(-1)).toBe('5 to subscribe, 0 already subscribed, 1 skipped, 0 failed.');
  });

  it('with --apply --yes subscribes every selected group but never touches others\u2019 filters', async () => {
    const result = await run(ACCOUNT_GROUPS(), ['subscribe', '--apply', '--yes']);
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
    expect(result.groups.get(OWN_GROUP)!.filters).toEqual([]);
  });

  it.each([
    ['the default FunctionName', '/aws/lambda/forwarder-Forwarder'],
    ['a log group of its own choosing', '/custom/forwarder-logs'],
  ])('never subscribes the log group the function logs to, with %s', async (_case, logGroup) => {
    const groups = { ...ACCOUNT_GROUPS(), [logGroup]: {} };
    const result = await run(groups, ['subscribe', '--apply', '--yes'], { logGroup });
    expect(result.lambda).toEqual([FORWARDER_ARN]);
    expect(result.errors).toContain(`The forwarder logs to ${logGroup}: that log group is never subscribed.`);
    expect(result.groups.get(logGroup)!.filters).toEqual([]);
    expect(result.puts.map((p) => p['logGroupName'])).not.toContain(logGroup);
  });

  describe('over a whole region', () => {
    it('asks on the terminal first, and changes nothing when the answer is no', async () => {
      const result = await run(ACCOUNT_GROUPS(), ['subscribe', '--apply'], { answer: false });
      expect(result.questions).toEqual([
        `This subscribes every log group of ${REGION} (no --prefix, --pattern or --tag) to ${FORWARDER_ARN}. Continue?`,
      ]);
      expect(result.code).toBe(1);
      expect(result.writes).toEqual([]);
      expect(result.calls.filter((c) => c.operation === 'DescribeLogGroups')).toEqual([]);
    });

    it('goes on when the answer is yes', async () => {
      const result = await run(ACCOUNT_GROUPS(), ['subscribe', '--apply'], { answer: true });
      expect(result.questions).toHaveLength(1);
      expect(result.puts).toHaveLength(5);
    });

    it('refuses without a terminal to ask on, unless --yes', async () => {
      const result = await run(ACCOUNT_GROUPS(), ['subscribe', '--apply']);
      expect(result.code).toBe(2);
      expect(result.errors.join('\n')).toMatch(/no terminal to confirm on: add --yes to confirm/);
      expect(result.writes).toEqual([]);
    });

    it('does not ask for a dry run or a selection', async () => {
      const dry = await run(ACCOUNT_GROUPS(), ['subscribe'], { answer: false });
      const selected = await run(ACCOUNT_GROUPS(), ['subscribe', '--prefix', '/ecs/', '--apply'], { answer: false });
      expect([...dry.questions, ...selected.questions]).toEqual([]);
      expect(selected.puts).toHaveLength(3);
    });
  });

  it('leaves groups that already send to the forwarder alone, whoever made the filter', async () => {
    const result = await run(
      {
        '/a': { filters: [{ filterName: 'by-hand', destinationArn: FORWARDER_ARN, filterPattern: '' }] },
        '/b': { filters: [{ filterName: FILTER_NAME, destinationArn: FORWARDER_ARN, filterPattern: '' }] },
      },
      ['subscribe', '--apply', '--yes'],
    );
    expect(result.puts).toEqual([]);
    expect(result.lines.at(-1)).toBe('0 subscribed, 2 already subscribed, 0 skipped, 0 failed.');
  });

  it('selects by prefix (listing only under it), by regular expression and by tag', async () => {
    const byPrefix = await run(ACCOUNT_GROUPS(), ['subscribe', '--prefix', '/ecs/', '--apply']);
    expect(byPrefix.calls.find((c) => c.operation === 'DescribeLogGroups')!.input).toMatchObject({
      logGroupNamePrefix: '/ecs/',
    });
    expect(byPrefix.puts.map((p) => p['logGroupName']).sort()).toEqual(['/ecs/batch', '/ecs/old', '/ecs/web']);

    const byPattern = await run(ACCOUNT_GROUPS(), ['subscribe', '--pattern', '(api|web)$', '--apply']);
    expect(byPattern.puts.map((p) => p['logGroupName']).sort()).toEqual(['/aws/lambda/api', '/ecs/web']);

    const byTag = await run(ACCOUNT_GROUPS(), ['subscribe', '--tag', 'team', '--apply']);
    expect(byTag.puts.map((p) => p['logGroupName']).sort()).toEqual(['/ecs/batch', '/ecs/web']);
    expect(byTag.calls.find((c) => c.operation === 'ListTagsForResource')!.input['resourceArn']).toMatch(
      /^arn:aws:logs:us-east-1:123456789012:log-group:[^*]+$/,
    );
  });

  it('reports a group the service refuses and goes on with the rest (exit 1)', async () => {
    const result = await run({ '/x': {}, '/y': {} }, ['subscribe', '--apply', '--yes', '--filter-pattern', '?ERROR'], {
      setup: (server) =>
        server.handle('PutSubscriptionFilter', (input) =>
          input['logGroupName'] === '/x'
            ? new AwsError('OperationAbortedException', 'Multiple concurrent requests were in conflict.')
            : {},
        ),
    });
    expect(result.code).toBe(1);
    expect(result.lines).toContainEqual(expect.stringMatching(/^failed +\/x: OperationAbortedException/));
    expect(result.lines).toContain('subscribed      /y');
    expect(result.puts.map((p) => [p['logGroupName'], p['filterPattern']])).toEqual([
      ['/x', '?ERROR'],
      ['/y', '?ERROR'],
    ]);
    expect(result.lines.at(-1)).toBe('1 subscribed, 0 already subscribed, 0 skipped, 1 failed.');
  });

  it('reports throttling retries with their reason and the time left', async () => {
    let throttled = false;
    const result = await run({ '/x': {} }, ['subscribe', '--prefix', '/x'], {
      setup: (server) =>
        server.handle('DescribeSubscriptionFilters', () => {
          if (throttled) return { subscriptionFilters: [] };
          throttled = true;
          return new AwsError('ThrottlingException', 'Rate exceeded');
        }),
    });
    expect(result.code).toBe(0);
    expect(result.errors).toContainEqual(
      expect.stringMatching(
        /^DescribeSubscriptionFilters failed \(ThrottlingException: Rate exceeded\); retrying, \d+ s left/,
      ),
    );
    expect(result.lines).toContain('would subscribe /x');
  });

  it('explains an unknown forwarder instead of listing anything', async () => {
    const lambda = await startFakeLambda([]);
    const errors: string[] = [];
    try {
      const env = { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b', AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint };
      const argv = ['subscribe', '--forwarder-arn', FORWARDER_ARN, '--prefix', '/x'];
      const code = await main(argv, env, ROOT, { out: () => undefined, err: (l) => void errors.push(l) });
      expect(code).toBe(1);
      expect(errors.at(-1)).toBe(
        `forwarder subscribe: no function ${FORWARDER_ARN}: check --forwarder-arn (the stack output DatadogForwarderArn).`,
      );
    } finally {
      await lambda.close();
    }
  });
});

describe('moving log groups from another forwarder (--move-from)', () => {
  const groups = (): Record<string, Partial<FakeLogGroup>> => ({
    // The old forwarder's filter beside one of others: the group is at the two-filter limit.
    '/aws/lambda/api': { filters: [OTHER(1), OLD_FILTER] },
    // Already sent to both: the old filter goes.
    '/aws/lambda/both': {
      filters: [OLD_FILTER, { filterName: FILTER_NAME, destinationArn: FORWARDER_ARN, filterPattern: '' }],
    },
    // Not the old forwarder's: untouched.
    '/aws/lambda/new': {},
    [OWN_GROUP]: { filters: [OLD_FILTER] },
  });

  it('points the old forwarder\u2019s filter here in place, never leaving both', async () => {
    const result = await run(groups(), ['subscribe', '--move-from', OLD_ARN, '--apply']);
    expect(result.code).toBe(0);
    expect(result.questions).toEqual([]);
    expect(result.groups.get('/aws/lambda/api')!.filters).toEqual([
      OTHER(1),
      { filterName: 'datadog', destinationArn: FORWARDER_ARN, filterPattern: '?ERROR' },
    ]);
    expect(result.groups.get('/aws/lambda/both')!.filters).toEqual([
      { filterName: FILTER_NAME, destinationArn: FORWARDER_ARN, filterPattern: '' },
    ]);
    expect(result.groups.get('/aws/lambda/new')!.filters).toEqual([]);
    // The forwarder's own group is never pointed at the forwarder, even to move it.
    expect(result.groups.get(OWN_GROUP)!.filters).toEqual([OLD_FILTER]);
    expect(result.lines.at(-1)).toBe('2 moved, 0 unchanged, 0 skipped, 0 failed.');
  });

  it('warns, without --move-from, that a group sending to another forwarder would send twice', async () => {
    const result = await run(groups(), ['subscribe', '--prefix', '/aws/lambda/new', '--prefix', '/aws/lambda/api']);
    expect(result.lines.find((l) => l.includes('/aws/lambda/api'))).toMatch(/^skipped .*2 subscription filters/);
    const alone = await run({ '/g': { filters: [OLD_FILTER] } }, ['subscribe', '--prefix', '/g']);
    expect(alone.lines).toContain(
      `would subscribe /g (also sends to ${OLD_ARN}: if that is another forwarder, logs arrive twice; move the group with --move-from instead)`,
    );
  });

  it('says what it would move in a dry run', async () => {
    const result = await run(groups(), ['subscribe', '--move-from', OLD_ARN]);
    expect(result.writes).toEqual([]);
    expect(result.lines).toContain(`would move      /aws/lambda/api (filter "datadog" moved from ${OLD_ARN})`);
    expect(result.lines.find((l) => l.includes('/aws/lambda/both'))).toMatch(/^would remove +\/aws\/lambda\/both/);
    expect(result.lines.some((l) => l.includes('/aws/lambda/new'))).toBe(false);
  });
});

describe('forwarder unsubscribe', () => {
  const groups = (): Record<string, Partial<FakeLogGroup>> => ({
    '/a': { filters: [OTHER(1), { filterName: FILTER_NAME, destinationArn: FORWARDER_ARN, filterPattern: '' }] },
    '/b': { filters: [{ filterName: 'by-hand', destinationArn: FORWARDER_ARN, filterPattern: '' }] },
    '/c': { filters: [OTHER(2)] },
  });

  it('removes every filter that sends to the forwarder, and only those', async () => {
    const result = await run(groups(), ['unsubscribe', '--apply', '--yes']);
    expect(result.code).toBe(0);
    expect(result.groups.get('/a')!.filters).toEqual([OTHER(1)]);
    expect(result.groups.get('/b')!.filters).toEqual([]);
    expect(result.groups.get('/c')!.filters).toEqual([OTHER(2)]);
    expect(result.lines.at(-1)).toBe('2 unsubscribed, 0 unchanged, 0 skipped, 0 failed.');
  });

  it('asks before a whole region, and changes nothing in a dry run', async () => {
    const refused = await run(groups(), ['unsubscribe', '--apply'], { answer: false });
    expect(refused.questions[0]).toMatch(/removes the subscriptions to .* from every log group/);
    expect(refused.writes).toEqual([]);
    const dry = await run(groups(), ['unsubscribe', '--prefix', '/a']);
    expect(dry.writes).toEqual([]);
    expect(dry.lines).toContain(`would remove    /a (filter "${FILTER_NAME}")`);
  });
});

describe('forwarder account-policy', () => {
  it('sets one account-level subscription filter policy excluding the forwarder\u2019s own group', async () => {
    const result = await run({}, ['account-policy', '--exclude', '/noisy', '--apply', '--yes'], {
      logGroup: '/aws/lambda/forwarder-Forwarder',
    });
    expect(result.code).toBe(0);
    expect(result.policies.get('forwarder-subscription')).toEqual({
      policyName: 'forwarder-subscription',
      policyType: 'SUBSCRIPTION_FILTER_POLICY',
      policyDocument: JSON.stringify({ DestinationArn: FORWARDER_ARN, FilterPattern: '' }),
      selectionCriteria: 'LogGroupName NOT IN ["/aws/lambda/forwarder-Forwarder", "/aws/lambda/forwarder", "/noisy"]',
      scope: 'ALL',
    });
    expect(result.lines.at(-1)).toBe('Account policy "forwarder-subscription" set.');
  });

  it('shows the policy in a dry run, asks before setting it, and removes it', async () => {
    const dry = await run({}, ['account-policy']);
    expect(dry.writes).toEqual([]);
    expect(dry.lines).toContain('  selection criteria: LogGroupName NOT IN ["/aws/lambda/forwarder"]');
    const refused = await run({}, ['account-policy', '--apply'], { answer: false });
    expect(refused.questions[0]).toMatch(/sends every log group of us-east-1 but 1 to/);
    expect(refused.writes).toEqual([]);
    const noTerminal = await run({}, ['account-policy', '--apply']);
    expect(noTerminal.code).toBe(2);
    expect(noTerminal.writes).toEqual([]);
    const removed = await run({}, ['account-policy', '--remove', '--apply', '--yes'], {
      setup: (server) => server.handle('DeleteAccountPolicy', () => ({})),
    });
    expect(removed.writes.map((c) => c.input)).toEqual([
      { policyName: 'forwarder-subscription', policyType: 'SUBSCRIPTION_FILTER_POLICY' },
    ]);
  });
});
