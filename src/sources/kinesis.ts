// Kinesis records: https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html (`kinesis.data` is base64).
// A record holding a CloudWatch Logs subscription payload (gzip of JSON, as CloudWatch Logs writes to a
// stream: https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#DestinationKinesisExample)
// is read exactly as a direct subscription (datadog-serverless-functions aws/logs_monitoring/steps/parsing.py, 5.4.11);
// any other content is one log, its text.
// Decompression stops at the limit set by the function's memory (config/sources.ts): a gzip bomb in one record is
// refused (PayloadTooLargeError, counted `payload_too_large`) and the other records go on.
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { MalformedPayloadError, PayloadTooLargeError } from '../errors.js';
import type { LogChunk } from '../types.js';
import { isOutputTooLarge, readAwsLogsPayload } from './cloudwatch-logs.js';
import type { SourceContext } from './source-context.js';
import { isObject } from './s3-notification.js';

const gunzipAsync = promisify(gunzip);

export async function* readKinesisRecord(
  record: Record<string, unknown>,
  context: SourceContext,
  itemId?: string,
): AsyncGenerator<LogChunk> {
  const kinesis = isObject(record.kinesis) ? record.kinesis : {};
  if (typeof kinesis.data !== 'string') throw new MalformedPayloadError('Kinesis record', 'kinesis.data is missing');
  let bytes = Buffer.from(kinesis.data, 'base64');
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      bytes = await gunzipAsync(bytes, { maxOutputLength: context.maxDecompressedBytes });
    } catch (error) {
      if (isOutputTooLarge(error)) throw new PayloadTooLargeError('Kinesis record', context.maxDecompressedBytes);
      throw new MalformedPayloadError('Kinesis record', 'the data starts like gzip but does not decompress');
    }
    const payload = awsLogsPayload(bytes);
    if (payload !== undefined) return yield* readAwsLogsPayload(payload, context, 'kinesis', itemId);
  }
  const arrivalSeconds = Number(kinesis.approximateArrivalTimestamp);
  context.tally.received(1);
  yield {
    origin: { eventType: 'kinesis', itemId },
    logs: [
      {
        message: bytes.toString('utf8').trimEnd(),
        id: itemId,
        timestampMs:
          Number.isFinite(arrivalSeconds) && arrivalSeconds > 0 ? Math.round(arrivalSeconds * 1000) : undefined,
      },
    ],
  };
}

/** The decoded JSON when it looks like a CloudWatch Logs subscription payload. */
function awsLogsPayload(bytes: Buffer): unknown {
  if (bytes[0] !== 0x7b) return undefined; // '{'
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    return isObject(parsed) && 'logEvents' in parsed && 'logGroup' in parsed ? parsed : undefined;
  } catch {
    return undefined;
  }
}
