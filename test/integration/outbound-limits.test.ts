// Every outbound call ends within its time limit, which the invocation's deadline sets: an intake that trickles
// its answer one byte at a time (never idle, so a socket idle timeout would never fire), a proxy that never
// answers CONNECT, AWS endpoints (S3, SQS) that accept the connection and never answer, and a failed-event store
// that hangs while the intake hangs too. Nothing here sleeps or measures time: a call that did not end within
// its limit would outlive the test's own timeout.
import { S3Client, GetObjectCommand } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { boundedBy } from '../../src/aws/client-config.js';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { InvocationDeadline } from '../../src/deadline.js';
import { systemClock } from '../../src/clock.js';
import { S3FailedEventStore } from '../../src/aws/s3-failed-event-store.js';
import { SqsFailedEventStore } from '../../src/aws/sqs-failed-event-store.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { MAX_RESPONSE_BYTES, NodeHttpClient } from '../../src/sinks/http-client.js';
import { tunnelling } from '../../src/sinks/proxy-agent.js';
import { http } from '../../src/node-http.js';
import { TEST_CREDENTIALS } from '../helpers/aws-json-server.js';
import { FAST_RETRY, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';
import { logsEventWithIds } from '../helpers/logs.js';
import { startSilentServer, type SilentServer } from '../helpers/silent-server.js';

const quiet = new Logger('error', () => undefined);
const aws = { region: 'us-east-1', credentials: TEST_CREDENTIALS, maxAttempts: 1 };

describe('the HTTP client', () => {
  let intake: CaptureIntake | undefined;
  let silent: SilentServer | undefined;
  const client = new NodeHttpClient({ maxSockets: 4, rejectUnauthorized: true });
  afterEach(async () => {
    await intake?.close();
    await silent?.close();
    intake = silent = undefined;
  });
  afterAll(() => client.close());

  it('ends a request whose answer trickles in, one byte at a time, at its time limit', async () => {
    intake = await startCaptureIntake({ responder: () => ({ trickleMs: 10 }) });
    const request = client.request({
      url: `${intake.url}/api/v2/logs`,
      headers: {},
      body: Buffer.from('[]'),
      timeoutMs: 300,
    });
    await expect(request).rejects.toMatchObject({ name: 'NetworkError', code: 'ETIMEDOUT' });
  });

  it('ends a request whose headers trickle in at its time limit', async () => {
    silent = await startSilentServer({ trickleMs: 10 });
    const request = client.request({
      url: `${silent.url}/api/v2/logs`,
      headers: {},
      body: Buffer.from('[]'),
      timeoutMs: 300,
    });
    await expect(request).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    expect(silent.connections).toBe(1);
  });

  it('reads back at most MAX_RESPONSE_BYTES of an answer', async () => {
    intake = await startCaptureIntake({ responder: () => ({ status: 400, body: 'x'.repeat(4 * MAX_RESPONSE_BYTES) }) });
    const response = await client.request({
      url: `${intake.url}/api/v2/logs`,
      headers: {},
      body: Buffer.from('[]'),
      timeoutMs: 5_000,
    });
    expect(response.status).toBe(400);
    expect(response.body).toHaveLength(MAX_RESPONSE_BYTES);
  });

  // The 5 s test timeout is no measurement: it tells a handshake held to the request's 300 ms limit from one
  // held to the fixed 10 s it used to wait.
  it('ends the CONNECT handshake of a proxy that never answers at the request’s limit, not after 10 s', async () => {
    silent = await startSilentServer();
    const agent = tunnelling(new http.Agent({ keepAlive: true }), { proxyUrl: silent.url, noProxy: [] }, false);
    const proxied = new NodeHttpClient({ maxSockets: 1, rejectUnauthorized: true, httpAgent: agent });
    try {
      const request = proxied.request({ url: 'http://intake.invalid:8080/api/v2/logs', headers: {}, timeoutMs: 300 });
      await expect(request).rejects.toThrow(/did not open a tunnel in time/);
      expect(silent.connections).toBe(1);
    } finally {
      proxied.close();
    }
  }, 5_000);
});

describe('AWS SDK calls', () => {
  let silent: SilentServer;
  beforeEach(async () => {
    silent = await startSilentServer();
  });
  afterEach(() => silent.close());

  it('end at the invocation’s deadline for sending when the endpoint never answers', async () => {
    const deadline = new InvocationDeadline(systemClock);
    deadline.of(lambdaContext({ remainingMs: 1_000 }));
    const s3 = boundedBy(new S3Client({ ...aws, endpoint: silent.url, forcePathStyle: true }), deadline, 'send');
    await expect(s3.send(new GetObjectCommand({ Bucket: 'b', Key: 'k' }))).rejects.toMatchObject({
      name: expect.stringMatching(/Abort|Timeout/),
    });
    expect(silent.connections).toBe(1);
  });

  it.each(['s3', 'sqs'])(
    'with a hanging intake and a %s store that never answers: the invocation fails before Lambda’s timeout',
    async (kind) => {
      const intake = await startCaptureIntake({ responder: () => ({ hang: true }) });
      try {
        const store =
          kind === 's3'
            ? new S3FailedEventStore(new S3Client({ ...aws, endpoint: silent.url, forcePathStyle: true }), 'b', quiet)
            : new SqsFailedEventStore(new SQSClient({ ...aws, endpoint: silent.url }), `${silent.url}/1/q`, quiet, {
                visibilitySeconds: 60,
              });
        const handler = createHandler(localIntakeEnv(intake.url), {
          retry: FAST_RETRY,
          failedEvents: store,
          logger: quiet,
        });
        const context = lambdaContext({ remainingMs: 1_500 });
        await expect(handler(logsEventWithIds(20).event, context)).rejects.toThrow(
          /could be neither delivered nor stored .*did not answer before the invocation's deadline|aborted/i,
        );
        expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
        expect(silent.connections).toBeGreaterThan(0);
      } finally {
        await intake.close();
      }
    },
  );
});
