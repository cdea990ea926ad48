// The SQS failed-event store against a loopback queue speaking the SQS JSON protocol, with the real SDK client:
// what the intake refused is stored (split to fit SQS's message size, an oversized log cut into fragments),
// replayed on {"retry": true} and deleted only once accepted; a failed replay keeps it; an unavailable queue
// fails the invocation.
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { functionScope } from '../../src/failed-events/failed-event-store.js';
import { SqsFailedEventStore } from '../../src/aws/sqs-failed-event-store.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { FAST_RETRY, lambdaContext, localIntakeEnv, TEST_API_KEY } from '../helpers/lambda.js';
import { idsIn, logsEventWithIds } from '../helpers/logs.js';
import { startSqsQueue, type SqsQueue } from '../helpers/sqs-queue.js';
import { awslogsEvent } from '../helpers/lambda.js';

describe('SQS failed-event store', () => {
  let intake: CaptureIntake;
  let queue: SqsQueue;
  let store: SqsFailedEventStore;

  beforeEach(async () => {
    intake = await startCaptureIntake({ responder: () => ({ status: 500 }) });
    queue = await startSqsQueue();
    store = new SqsFailedEventStore(queue.client(), queue.queueUrl, new Logger('error', () => {}), {
      visibilitySeconds: 60,
    });
  });
  afterEach(async () => {
    await intake.close();
    await queue.close();
  });

  const handler = () =>
    createHandler(localIntakeEnv(intake.url), {
      retry: { ...FAST_RETRY, maxAttempts: 2 },
      failedEvents: store,
      logger: new Logger('error', () => {}),
    });

  it('stores what the intake refused, never with the API key, and replays it once the intake is back', async () => {
    const forward = handler();
    const { event, ids } = logsEventWithIds(3000);
    await expect(forward(event, lambdaContext())).resolves.toEqual({ status: 'ok', forwarded: 0 });
    expect(queue.messages.length).toBeGreaterThan(1);
    expect(queue.messages.every((m) => Buffer.byteLength(m.body) <= 240 * 1024)).toBe(true);
    expect(JSON.stringify(queue.messages)).not.toContain(TEST_API_KEY);
    const scope = functionScope(lambdaContext().invokedFunctionArn);
    expect(queue.messages[0]?.attributes).toMatchObject({
      retry_prefix: { DataType: 'String', StringValue: 'logs' },
      function_prefix: { DataType: 'String', StringValue: scope },
    });

    // A replay while the intake still fails keeps everything.
    await forward({ retry: true }, lambdaContext());
    expect(queue.messages.length).toBeGreaterThan(1);
    queue.nowMs += 61_000;

    intake.setResponder(() => ({ status: 202 }));
    const before = intake.requests.length;
    await forward({ retry: true }, lambdaContext());
    expect(intake.requests.slice(before).flatMap(idsIn).sort()).toEqual([...ids].sort());
    expect(queue.messages).toHaveLength(0);
  });

  it('cuts a log larger than a message into fragments and joins them on replay', async () => {
    const forward = handler();
    const big = 'x'.repeat(600_000) + 'é'.repeat(50_000);
    const payload = {
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: '/aws/lambda/app',
      logStream: 's',
      logEvents: [{ id: 'big-1', timestamp: 1, message: big }],
    };
    await forward(awslogsEvent(payload), lambdaContext());
    expect(queue.messages.length).toBeGreaterThanOrEqual(3);
    intake.setResponder(() => ({ status: 202 }));
    const before = intake.requests.length;
    await forward({ retry: true }, lambdaContext());
    const replayed = intake.requests.slice(before).flatMap((r) => r.json as { id: string; message: string }[]);
    expect(replayed).toHaveLength(1);
    expect(replayed[0]?.message).toBe(big);
    expect(queue.messages).toHaveLength(0);
  });

  it('fails the invocation when the queue is unavailable, naming the store', async () => {
    queue.available = false;
    const { event } = logsEventWithIds(5);
    await expect(handler()(event, lambdaContext())).rejects.toThrow(/Could not store 5 logs item\(s\) in SQS queue/);
  });

  it('leaves other functions messages alone', async () => {
    await store.put('another-function', {
      intake: 'logs',
      destination: 'logs',
      reason: 'test',
      storedAtMs: 1,
      items: ['{"id":"other"}'],
    });
    intake.setResponder(() => ({ status: 202 }));
    await handler()({ retry: true }, lambdaContext());
    expect(intake.requests).toHaveLength(0);
    expect(queue.messages).toHaveLength(1);
    expect(queue.messages[0]?.visibleAtMs).toBe(0);
  });
});
