// The packaged forwarder run the way Lambda runs it: `npm run package`'s zip, unpacked into a task root, started
// by the real runtime interface client (aws-lambda-ric, the one Lambda's Node.js base images use) against a
// Runtime API server on 127.0.0.1. A CloudWatch Logs event's logs must reach the capture intake and the
// invocation's response come back through .../response; a failing invocation must come back through .../error.
// Run with `npm run test:e2e` after `npm run setup:e2e` (which builds the client: see tools/ric/package.json).
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { awslogsEvent, localIntakeEnv, TEST_API_KEY } from '../helpers/lambda.js';
import { startRuntimeApiServer, type RuntimeApiServer } from '../helpers/runtime-api-server.js';
import { readZip, type ZipEntry } from '../helpers/zip-reader.js';

const ROOT = path.resolve(__dirname, '../..');
const RIC_DIR = path.join(ROOT, 'tools/ric/node_modules/aws-lambda-ric');
const RIC = path.join(RIC_DIR, 'index.mjs');
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:forwarder';

let work: string;
let intake: CaptureIntake;
let runtime: RuntimeApiServer;
let ric: ChildProcess;
let output = '';
let packageOutput = '';
let entries: ZipEntry[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(RIC_DIR, 'rapid-client.node'))) {
    throw new Error(
      'aws-lambda-ric is not built: run `npm run setup:e2e` first (needs cmake, make, gcc, g++, python3, xz: README.md).',
    );
  }
  work = mkdtempSync(path.join(tmpdir(), 'forwarder-e2e-'));
  packageOutput = execFileSync(
    process.execPath,
    [path.join(ROOT, 'scripts/package.mjs'), '--outdir', path.join(work, 'dist')],
    { cwd: ROOT, encoding: 'utf8' },
  );
  const taskRoot = path.join(work, 'task');
  mkdirSync(taskRoot);
  entries = readZip(readFileSync(path.join(work, 'dist/forwarder.zip')));
  for (const entry of entries) {
    // The bundle's AWS SDK chunks sit in chunks/, as Lambda unpacks them.
    mkdirSync(path.dirname(path.join(taskRoot, entry.name)), { recursive: true });
    writeFileSync(path.join(taskRoot, entry.name), entry.data);
  }
  intake = await startCaptureIntake();
  runtime = await startRuntimeApiServer();
  ric = spawn(process.execPath, ['--enable-source-maps', RIC, 'handler.handler'], {
    cwd: taskRoot,
    env: {
      PATH: process.env['PATH'],
      AWS_LAMBDA_RUNTIME_API: runtime.address,
      LAMBDA_TASK_ROOT: taskRoot,
      _HANDLER: 'handler.handler',
      AWS_LAMBDA_FUNCTION_NAME: 'forwarder',
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '1024',
      AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/forwarder',
      AWS_LAMBDA_LOG_STREAM_NAME: '2026/01/01/[$LATEST]0123456789abcdef',
      AWS_REGION: 'us-east-1',
      ...localIntakeEnv(intake.url, { DD_LOG_LEVEL: 'info' }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  ric.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  ric.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
});

afterAll(async () => {
  if (ric && ric.exitCode === null) {
    const exited = new Promise((resolve) => ric.once('exit', resolve));
    ric.kill();
    await exited;
  }
  await runtime?.close();
  await intake?.close();
  rmSync(work, { recursive: true, force: true });
});

const payload = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: '/aws/lambda/checkout',
  logStream: '2026/01/01/[$LATEST]abc',
  subscriptionFilters: ['forwarder-subscription'],
  logEvents: [
    { id: '1', timestamp: 1767225600000, message: 'order 1 placed' },
    { id: '2', timestamp: 1767225601000, message: 'order 2 placed' },
  ],
};

describe('the packaged forwarder under the Lambda runtime interface client', () => {
  it("runs on the Node.js major of the template's Lambda runtime", () => {
    const runtime = /Runtime: nodejs(\d+)\.x/.exec(readFileSync(path.join(ROOT, 'template.yaml'), 'utf8'))?.[1];
    expect(process.versions.node.split('.')[0]).toBe(runtime);
  });

  it('packages both handlers and their chunks with source maps, readable by Lambda, and prints the sizes', () => {
    const names = entries.map((e) => e.name);
    expect(names.filter((n) => !n.startsWith('chunks/'))).toEqual([
      'handler.mjs',
      'handler.mjs.map',
      'subscriber.mjs',
      'subscriber.mjs.map',
    ]);
    // Every chunk (the AWS SDK, loaded on first use) comes with its source map.
    const chunks = names.filter((n) => n.startsWith('chunks/') && n.endsWith('.mjs'));
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((n) => names.includes(`${n}.map`))).toBe(true);
    expect(new Set(entries.map((e) => e.mode))).toEqual(new Set([0o644]));
    expect(packageOutput).toMatch(/forwarder\.zip\t\d+(\.\d)? KiB/);
  });

  it('forwards a CloudWatch Logs event to the intake and answers through /response', async () => {
    const result = await runtime.invoke(awslogsEvent(payload), { functionArn: FUNCTION_ARN });
    expect({ result, output: result.kind === 'response' ? '' : output }).toMatchObject({
      result: { kind: 'response', body: { status: 'ok', forwarded: 2 } },
    });
    await intake.waitForRequests(1);
    const logs = intake.requests.flatMap((r) => (r.path.startsWith('/api/v2/logs') ? (r.json as object[]) : []));
    expect(logs.map((l) => (l as { message: string }).message)).toEqual(['order 1 placed', 'order 2 placed']);
    expect(logs[0]).toMatchObject({
      aws: { awslogs: { logGroup: '/aws/lambda/checkout' }, invoked_function_arn: FUNCTION_ARN },
    });
    expect(intake.requests[0]!.headers['dd-api-key']).toBe(TEST_API_KEY);
  });

  it('reports a failed invocation through /error, without the API key', async () => {
    intake.setResponder(() => ({ status: 403, body: '{"errors":["Forbidden"]}' }));
    const result = await runtime.invoke(awslogsEvent(payload), { functionArn: FUNCTION_ARN });
    expect(result.kind).toBe('error');
    expect(result.body).toMatchObject({ errorType: 'DeliveryError', errorMessage: expect.stringMatching(/2 item/) });
    expect(JSON.stringify(result.body)).not.toContain(TEST_API_KEY);
    expect(output).not.toContain(TEST_API_KEY);
  });
});
