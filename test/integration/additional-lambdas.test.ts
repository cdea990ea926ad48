// DD_ADDITIONAL_TARGET_LAMBDAS through the real AWS SDK Lambda client, against a loopback server speaking the
// Lambda Invoke REST API (POST /2015-03-31/functions/<name>/invocations).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { FAST_RETRY, awslogsEvent, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';

interface Invocation {
  functionName: string;
  invocationType: string;
  payload: string;
}

let lambdaApi: http.Server;
let endpoint: string;
const invocations: Invocation[] = [];
let intake: CaptureIntake;

beforeAll(async () => {
  lambdaApi = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const name = decodeURIComponent(/\/functions\/([^/]+)\/invocations/.exec(req.url ?? '')?.[1] ?? '');
      if (name === 'missing') {
        res.writeHead(404, { 'x-amzn-ErrorType': 'ResourceNotFoundException' }).end('{"message":"Function not found"}');
        return;
      }
      invocations.push({
        functionName: name,
        invocationType: String(req.headers['x-amz-invocation-type']),
        payload: Buffer.concat(chunks).toString('utf8'),
      });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => lambdaApi.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(lambdaApi.address() as AddressInfo).port}`;
  intake = await startCaptureIntake();
});
afterAll(async () => {
  await intake.close();
  lambdaApi.closeAllConnections();
  await new Promise((resolve) => lambdaApi.close(resolve));
});

// The forwarder's own SDK client (deps.ts) finds the loopback server the way users' tooling would.
beforeAll(() => {
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_LAMBDA: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDTEST',
    AWS_SECRET_ACCESS_KEY: 'test-secret',
  });
});

it('sends the unmodified event to every target, and forwards even when one target is missing', async () => {
  const lines: string[] = [];
  const handler = createHandler(
    localIntakeEnv(intake.url, { DD_ADDITIONAL_TARGET_LAMBDAS: 'copy-a, missing ,copy-b' }),
    {
      retry: FAST_RETRY,
      logger: new Logger('error', (line) => lines.push(line)),
    },
  );
  const event = awslogsEvent({
    messageType: 'DATA_MESSAGE',
    owner: '123456789012',
    logGroup: 'g',
    logStream: 's',
    logEvents: [{ id: '1', timestamp: 1, message: 'm' }],
  });
  await expect(handler(event, lambdaContext())).resolves.toEqual({ status: 'ok', forwarded: 1 });
  expect(invocations.map((i) => i.functionName).sort()).toEqual(['copy-a', 'copy-b']);
  expect(invocations.every((i) => i.invocationType === 'Event')).toBe(true);
  expect(invocations.map((i) => JSON.parse(i.payload) as unknown)).toEqual([event, event]);
  expect(lines.join('\n')).toContain('"target":"missing"');
});
