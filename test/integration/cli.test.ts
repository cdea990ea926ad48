// The command line through its real entry point, `./forwarder …` as a child process: docs/deploy.md's commands
// verbatim against loopback CloudWatch Logs and Lambda APIs, typos and malformed values (exit code 2, naming
// them), --version, AWS failures explained (an endpoint that never answers, one that refuses, no credentials),
// and `invoke` on an S3 fixture served by its own local S3.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startCaptureIntake } from '../../src/cli/local/capture-intake.js';
import { FORWARDER_VERSION } from '../../src/version.js';
import { TEST_CREDENTIALS } from '../helpers/aws-json-server.js';
import { ACCOUNT, REGION, startFakeCloudWatchLogs } from '../helpers/fake-cloudwatch-logs.js';
import { startFakeLambda } from '../helpers/fake-lambda.js';
import { ROOT, runForwarder, runShell } from '../helpers/forwarder-cli.js';
import { TEST_API_KEY } from '../helpers/lambda.js';

// The template's default FunctionName: CloudFormation names the function <stack>-Forwarder-<random>, and the
// template names its log group /aws/lambda/<stack>-Forwarder.
const FORWARDER_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:forwarder-Forwarder-AbC123xYz`;
const OWN_GROUP = '/aws/lambda/forwarder-Forwarder';
const CREDENTIALS = {
  AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey,
};

describe('docs/deploy.md, verbatim, in order', () => {
  const OLD_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:DatadogForwarder`;
  const OLD_FILTER = { filterName: 'datadog', destinationArn: OLD_ARN, filterPattern: '' };
  const commands = readFileSync(join(ROOT, 'docs', 'deploy.md'), 'utf8')
    .split('\n')
    .filter((line) => line.startsWith('./forwarder '));
  let logs: Awaited<ReturnType<typeof startFakeCloudWatchLogs>>;
  let lambda: Awaited<ReturnType<typeof startFakeLambda>>;
  beforeAll(async () => {
    logs = await startFakeCloudWatchLogs({
      '/aws/lambda/api': {},
      '/aws/lambda/legacy': { filters: [OLD_FILTER] },
      [OWN_GROUP]: {},
      '/ecs/web': {},
    });
    lambda = await startFakeLambda([{ arn: FORWARDER_ARN, logGroup: OWN_GROUP }]);
  });
  afterAll(async () => {
    await logs.server.close();
    await lambda.close();
  });
  const destinations = (group: string) => logs.groups.get(group)!.filters.map((f) => f.destinationArn);

  // What each documented command must have done, beyond ending well and never touching the forwarder's own group.
  const effects: [RegExp, () => void][] = [
    [/--prefix \/aws\/lambda\/$/, () => expect(destinations('/aws/lambda/api')).toEqual([])],
    [/--prefix \/aws\/lambda\/ --apply$/, () => expect(destinations('/aws/lambda/api')).toEqual([FORWARDER_ARN])],
    [/--move-from .*--apply$/, () => expect(destinations('/aws/lambda/legacy')).toEqual([FORWARDER_ARN])],
    [/account-policy .*--apply/, () => expect(logs.policies.get('forwarder-subscription')).toBeDefined()],
    [/unsubscribe .*--apply/, () => expect(destinations('/aws/lambda/api')).toEqual([])],
  ];

  it('documents the commands a deployment needs', () => {
    expect(commands).toContain('./forwarder subscribe --forwarder-arn "$FORWARDER_ARN" --prefix /aws/lambda/ --apply');
    for (const [pattern] of effects) expect(commands.some((c) => pattern.test(c))).toBe(true);
  });

  it.each(commands)('%s', async (command) => {
    const result = await runShell(command, {
      ...CREDENTIALS,
      FORWARDER_ARN,
      DATADOG_FORWARDER_ARN: OLD_ARN,
      AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: logs.server.endpoint,
      AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint,
    });
    expect(result).toMatchObject({ code: 0 });
    expect(result.stderr).toContain(`The forwarder logs to ${OWN_GROUP}`);
    expect(logs.groups.get(OWN_GROUP)!.filters).toEqual([]);
    for (const [pattern, effect] of effects) if (pattern.test(command)) effect();
  });
});

// The rest of the usage errors are checked in-process (test/unit/cli/main.test.ts); these go through the shell
// script and the bundle, as a user types them.
it.each(['', 'subscribe'])('prints the version for `forwarder %s --version`', async (command) => {
  const result = await runForwarder([...(command ? [command] : []), '--version']);
  expect(result).toEqual({ code: 0, stdout: `forwarder ${FORWARDER_VERSION}\n`, stderr: '' });
});

it.each<[string, string[], RegExp]>([
  ['a misspelt option', ['intake', '--prot', '9999'], /unknown option '--prot'/],
  [
    'a value that is not a number',
    ['invoke', 'e.json', '--timeout-seconds', 'abc'],
    /--timeout-seconds must be a whole number ≥ 1, got 'abc'/,
  ],
  ['a flag given a value', ['subscribe', '--apply=yes'], /--apply' does not take an argument/],
  ['a misspelt command', ['subscibe'], /unknown command 'subscibe'. Did you mean 'subscribe'\?/],
])('exits 2 naming %s', async (_case, args, message) => {
  const result = await runForwarder(args);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(message);
  expect(result.stdout).toBe('');
});

describe('AWS failures, explained', () => {
  const subscribe = ['subscribe', '--forwarder-arn', FORWARDER_ARN, '--prefix', '/aws/lambda/'];

  it('ends with a clear error when the endpoint accepts connections and never answers', async () => {
    const sockets: net.Socket[] = [];
    const blackHole = net.createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(blackHole.address() as AddressInfo).port}`;
    try {
      const result = await runForwarder([...subscribe, '--request-timeout-seconds', '1'], {
        ...CREDENTIALS,
        AWS_ENDPOINT_URL_LAMBDA: endpoint,
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `forwarder subscribe: reading the forwarder's configuration: ${endpoint} did not answer within 1 s.`,
      );
      expect(result.stderr).toMatch(/GetFunctionConfiguration failed \(TimeoutError.*\); retrying, \d+ s left/);
      expect(sockets.length).toBeGreaterThan(0);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => blackHole.close(resolve));
    }
  });

  it('says what to do when the endpoint refuses connections', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const result = await runForwarder(subscribe, { ...CREDENTIALS, AWS_ENDPOINT_URL_LAMBDA: endpoint });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`cannot reach ${endpoint} (ECONNREFUSED). Check the network`);
    expect(result.stderr).not.toMatch(/UnknownError/);
  });

  it('says how to give credentials when there are none', async () => {
    const lambda = await startFakeLambda([]);
    try {
      const result = await runForwarder(subscribe, { AWS_ENDPOINT_URL_LAMBDA: lambda.endpoint });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/no AWS credentials found\. Set AWS_PROFILE .*AWS_ACCESS_KEY_ID/);
      expect(lambda.calls).toEqual([]);
    } finally {
      await lambda.close();
    }
  });
});

describe('README.md, verbatim', () => {
  // The commands README shows in full (no placeholder to fill in).
  const quoted = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/`(\.\/forwarder [^`]*)`/g)];
  const commands = [...new Set(quoted.map((m) => m[1]!).filter((c) => !/[<[]|ARN/.test(c)))];

  it('shows the demo and an S3 fixture', () => {
    expect(commands).toEqual(['./forwarder demo', './forwarder invoke fixtures/s3/several-records.event.json']);
  });

  it('runs the demo against the embedded intake', async () => {
    const result = await runShell(commands[0]!);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/\/api\/v2\/logs: \d+ request\(s\), \d+ record\(s\)/);
  });

  it('invokes the handler on an S3 fixture, serving its objects from a local S3', async () => {
    const result = await runShell(commands[1]!);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /Serving 3 S3 object\(s\) from fixtures\/s3\/several-records.objects.json on http:\/\/127\.0\.0\.1:\d+/,
    );
    expect(result.stdout).toMatch(/Result: \{"status":"ok","forwarded":\d+\}/);
    expect(result.stdout).toMatch(/\/api\/v2\/logs: \d+ request\(s\), \d+ record\(s\)/);
  });
});

it('says what it does while it retries a real intake, and never shows the API key', async () => {
  const intake = await startCaptureIntake({ responder: (_request, index) => ({ status: index === 0 ? 503 : 202 }) });
  try {
    const { hostname, port } = new URL(intake.url);
    const result = await runForwarder(['invoke', 'fixtures/cloudwatch-logs/plain-log-group.event.json'], {
      DD_API_KEY: TEST_API_KEY,
      DD_URL: hostname,
      DD_PORT: port,
      DD_NO_SSL: 'true',
      DD_API_URL: intake.url,
      DD_TRACE_INTAKE_URL: intake.url,
    });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Sending to the intakes of datadoghq.com; retries are logged below');
    const retry = result.stderr.split('\n').find((line) => line.includes('Retrying an intake request.'));
    expect(JSON.parse(retry!)).toMatchObject({ intake: 'logs', reason: 'logs intake answered 503', attempt: 1 });
    expect(result.stdout).toMatch(/Result: \{"status":"ok"/);
    expect(result.stdout + result.stderr).not.toContain(TEST_API_KEY);
  } finally {
    await intake.close();
  }
});
