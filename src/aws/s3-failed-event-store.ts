// Failed-event storage in S3 (datadog-serverless-functions aws/logs_monitoring/retry/storage.py and
// retry/sqs_storage.py, 5.4.11): one object per stored batch under
//   failed_events/<function scope>/<logs|metrics|traces>/<epoch ms>-<random>
// in DD_S3_BUCKET_NAME. Needs s3:PutObject, s3:GetObject, s3:DeleteObject on `<bucket>/failed_events/*` and
// s3:ListBucket on the bucket (prefix `failed_events/*`).
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
import { randomUUID } from 'node:crypto';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { cappedText } from './capped-body.js';
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import {
  FAILED_EVENTS_PREFIX,
  StoreError,
  type FailedEventStore,
  type StoredBatch,
  type StoredEntry,
} from '../failed-events/failed-event-store.js';
import { decodeRecord, encodeRecords, FragmentAssembler } from '../failed-events/stored-record.js';

/** Objects stay well below what a replay holds in memory at once. */
const MAX_OBJECT_BYTES = 16 * 1024 * 1024;
/** What a replay reads of one object: ours are at most MAX_OBJECT_BYTES; a larger one is skipped (and kept). */
const MAX_READ_BYTES = 4 * MAX_OBJECT_BYTES;

export class S3FailedEventStore implements FailedEventStore {
  readonly kind = 's3';

  constructor(
    private readonly s3: Pick<S3Client, 'send'>,
    private readonly bucket: string,
    private readonly logger: Logger,
    private readonly maxObjectBytes = MAX_OBJECT_BYTES,
  ) {}

  async put(scope: string, batch: StoredBatch, signal?: AbortSignal): Promise<void> {
    const records = encodeRecords(batch, this.maxObjectBytes);
    try {
      await Promise.all(
        records.map((body, index) =>
          this.s3.send(
            new PutObjectCommand({
              Bucket: this.bucket,
              Key: `${FAILED_EVENTS_PREFIX}/${scope}/${batch.intake}/${batch.storedAtMs}-${randomUUID()}-${index}`,
              Body: body,
              ContentType: 'application/json',
            }),
            { abortSignal: signal },
          ),
        ),
      );
    } catch (error) {
      throw new StoreError(
        `Could not store ${batch.items.length} ${batch.intake} item(s) in s3://${this.bucket}: ${errorMessage(error)}. ` +
          'Check that the bucket exists and the function may s3:PutObject under failed_events/.',
      );
    }
  }

  async *entries(scope: string, signal?: AbortSignal): AsyncGenerator<StoredEntry> {
    const assembler = new FragmentAssembler();
    let token: string | undefined;
    do {
      const page = await this.s3.send(
        new ListObjectsV2Command({
          Bucket: this.bucket,
          Prefix: `${FAILED_EVENTS_PREFIX}/${scope}/`,
          ContinuationToken: token,
        }),
        { abortSignal: signal },
      );
      for (const { Key: key } of page.Contents ?? []) {
        if (key === undefined) continue;
        const entry = await this.read(key, assembler, signal);
        if (entry) yield entry;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  }

  async delete(handles: readonly string[], signal?: AbortSignal): Promise<void> {
    await Promise.all(
      handles.map((key) =>
        this.s3.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }), { abortSignal: signal }),
      ),
    );
  }

  private async read(
    key: string,
    assembler: FragmentAssembler,
    signal: AbortSignal | undefined,
  ): Promise<StoredEntry | undefined> {
    const intake = key.split('/')[2] ?? 'logs';
    try {
      const object = await this.s3.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }), {
        abortSignal: signal,
      });
      const text = await cappedText(object.Body as AsyncIterable<Uint8Array> | undefined, MAX_READ_BYTES, key);
      return assembler.add(key, decodeRecord(text, intake));
    } catch (error) {
      this.logger.warn('Skipped a stored object that could not be read; it is kept.', {
        bucket: this.bucket,
        key,
        error: errorMessage(error),
      });
      return undefined;
    }
  }
}
