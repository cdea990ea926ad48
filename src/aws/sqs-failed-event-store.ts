// Failed-event storage in SQS (datadog-serverless-functions aws/logs_monitoring/retry/storage.py and
// retry/sqs_storage.py, 5.4.11), for DD_SQS_QUEUE_URL: one message per stored batch of at most
// 240 KiB (below SQS's 256 KiB message limit), larger batches split across messages, an item larger than that
// cut into fragment messages. Attributes `retry_prefix` (the intake) and `function_prefix` (the function scope)
// as the Datadog Forwarder v5 sets them. A replay receives messages, hiding them from other replays for
// FORWARDER_REPLAY_VISIBILITY_SECONDS; those it cannot deliver simply reappear later. Needs sqs:SendMessage,
// sqs:ReceiveMessage, sqs:DeleteMessage and sqs:ChangeMessageVisibility on the queue.
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_ReceiveMessage.html
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  type Message,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import {
  StoreError,
  type FailedEventStore,
  type StoredBatch,
  type StoredEntry,
} from '../failed-events/failed-event-store.js';
import { decodeRecord, encodeRecords, FragmentAssembler } from '../failed-events/stored-record.js';

const SQS_MAX_RECORD_BYTES = 240 * 1024;
/** Receives per replay, 10 messages each, as the Datadog Forwarder does. */
const MAX_POLLS = 10;
const SENDS_IN_FLIGHT = 10;

interface SqsStoreOptions {
  readonly visibilitySeconds: number;
  readonly maxPolls?: number;
  readonly maxRecordBytes?: number;
}

export class SqsFailedEventStore implements FailedEventStore {
  readonly kind = 'sqs';

  constructor(
    private readonly sqs: Pick<SQSClient, 'send'>,
    private readonly queueUrl: string,
    private readonly logger: Logger,
    private readonly options: SqsStoreOptions,
  ) {}

  async put(scope: string, batch: StoredBatch, signal?: AbortSignal): Promise<void> {
    const records = encodeRecords(batch, this.options.maxRecordBytes ?? SQS_MAX_RECORD_BYTES);
    try {
      for (let i = 0; i < records.length; i += SENDS_IN_FLIGHT) {
        await Promise.all(
          records.slice(i, i + SENDS_IN_FLIGHT).map((body) => this.send(scope, batch.intake, body, signal)),
        );
      }
    } catch (error) {
      throw new StoreError(
        `Could not store ${batch.items.length} ${batch.intake} item(s) in SQS queue ${this.queueUrl}: ` +
          `${errorMessage(error)}. Check that the queue exists and the function may sqs:SendMessage to it.`,
      );
    }
  }

  async *entries(scope: string, signal?: AbortSignal): AsyncGenerator<StoredEntry> {
    const assembler = new FragmentAssembler();
    for (let poll = 0; poll < (this.options.maxPolls ?? MAX_POLLS); poll++) {
      const { Messages: messages = [] } = await this.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: this.queueUrl,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 0,
          VisibilityTimeout: this.options.visibilitySeconds,
          MessageAttributeNames: ['All'],
        }),
        { abortSignal: signal },
      );
      if (messages.length === 0) return;
      for (const message of messages) {
        const entry = await this.read(scope, message, assembler, signal);
        if (entry) yield entry;
      }
    }
  }

  async delete(handles: readonly string[], signal?: AbortSignal): Promise<void> {
    await Promise.all(
      handles.map((handle) =>
        this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: handle }), {
          abortSignal: signal,
        }),
      ),
    );
  }

  private send(scope: string, intake: string, body: string, signal: AbortSignal | undefined) {
    return this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.queueUrl,
        MessageBody: body,
        MessageAttributes: {
          retry_prefix: { DataType: 'String', StringValue: intake },
          function_prefix: { DataType: 'String', StringValue: scope },
        },
      }),
      { abortSignal: signal },
    );
  }

  private async read(
    scope: string,
    message: Message,
    assembler: FragmentAssembler,
    signal: AbortSignal | undefined,
  ): Promise<StoredEntry | undefined> {
    const handle = message.ReceiptHandle ?? '';
    const attributes = message.MessageAttributes ?? {};
    if (attributes.function_prefix?.StringValue !== scope) {
      // Another forwarder's message: give it back at once.
      await this.sqs.send(
        new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: handle, VisibilityTimeout: 0 }),
        { abortSignal: signal },
      );
      return undefined;
    }
    try {
      return assembler.add(handle, decodeRecord(message.Body ?? '', attributes.retry_prefix?.StringValue ?? 'logs'));
    } catch (error) {
      this.logger.warn('Skipped a stored message that could not be read; it is kept.', {
        messageId: message.MessageId,
        error: errorMessage(error),
      });
      return undefined;
    }
  }
}
