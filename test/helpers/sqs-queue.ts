// A loopback SQS queue on the AWS JSON protocol server: SendMessage, ReceiveMessage (with visibility timeouts
// on a clock the test controls, so nothing sleeps), DeleteMessage and ChangeMessageVisibility, with the MD5
// digests the SDK checks. `available = false` makes every call fail as an unreachable queue would.
import { createHash, randomUUID } from 'node:crypto';
import { SQSClient } from '@aws-sdk/client-sqs';
import { AwsError, startAwsJsonServer, TEST_CREDENTIALS, type AwsJsonServer } from './aws-json-server.js';

interface QueuedMessage {
  readonly id: string;
  readonly body: string;
  readonly attributes: Record<string, unknown>;
  receipt?: string;
  visibleAtMs: number;
}

export interface SqsQueue {
  readonly server: AwsJsonServer;
  readonly queueUrl: string;
  readonly messages: QueuedMessage[];
  available: boolean;
  /** The queue's clock, in ms; advance it to let hidden messages reappear. */
  nowMs: number;
  client(): SQSClient;
  close(): Promise<void>;
}

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');

export async function startSqsQueue(): Promise<SqsQueue> {
  const server = await startAwsJsonServer();
  const queue: SqsQueue = {
    server,
    queueUrl: `${server.endpoint}/123456789012/forwarder-failed-events`,
    messages: [],
    available: true,
    nowMs: 0,
    client: () =>
      new SQSClient({ region: 'us-east-1', credentials: TEST_CREDENTIALS, endpoint: server.endpoint, maxAttempts: 1 }),
    close: () => server.close(),
  };
  const guard =
    <T>(fn: (input: Record<string, unknown>) => T) =>
    (input: Record<string, unknown>) =>
      queue.available ? fn(input) : new AwsError('ServiceUnavailable', 'the queue is unavailable', 503);
  server.handle(
    'SendMessage',
    guard((input) => {
      const body = String(input.MessageBody);
      const message = {
        id: randomUUID(),
        body,
        attributes: (input.MessageAttributes ?? {}) as Record<string, unknown>,
      };
      queue.messages.push({ ...message, visibleAtMs: 0 });
      return { MessageId: message.id, MD5OfMessageBody: md5(body) };
    }),
  );
  server.handle(
    'ReceiveMessage',
    guard((input) => {
      const visible = queue.messages.filter((m) => m.visibleAtMs <= queue.nowMs);
      const taken = visible.slice(0, Number(input.MaxNumberOfMessages ?? 1));
      for (const m of taken) {
        m.receipt = randomUUID();
        m.visibleAtMs = queue.nowMs + Number(input.VisibilityTimeout ?? 30) * 1000;
      }
      return {
        Messages: taken.map((m) => ({
          MessageId: m.id,
          ReceiptHandle: m.receipt,
          Body: m.body,
          MD5OfBody: md5(m.body),
          MessageAttributes: m.attributes,
        })),
      };
    }),
  );
  server.handle(
    'DeleteMessage',
    guard((input) => {
      const index = queue.messages.findIndex((m) => m.receipt === input.ReceiptHandle);
      if (index >= 0) queue.messages.splice(index, 1);
      return {};
    }),
  );
  server.handle(
    'ChangeMessageVisibility',
    guard((input) => {
      const message = queue.messages.find((m) => m.receipt === input.ReceiptHandle);
      if (message) message.visibleAtMs = queue.nowMs + Number(input.VisibilityTimeout) * 1000;
      return {};
    }),
  );
  return queue;
}
