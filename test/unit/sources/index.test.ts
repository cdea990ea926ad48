// Event detection and record-by-record reading, with a ten-line fake ObjectReader.
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { UnsupportedEventError } from '../../../src/errors.js';
import { ObjectReadError, type ObjectReader } from '../../../src/sources/object-reader.js';
import { readEvent } from '../../../src/sources/index.js';
import type { SourceContext } from '../../../src/sources/source-context.js';
import { classifyEvent } from '../../../src/sources/trigger.js';
import { MAX_LOGS_PER_CHUNK } from '../../../src/sources/s3-object.js';
import { Tally } from '../../../src/tally.js';
import type { LogChunk } from '../../../src/types.js';
import { kinesisRecord, s3Record, snsRecord, sqsRecord } from '../../helpers/events.js';
import { PythonRegex } from '../../../src/regex/python-regex.js';

function objects(files: Record<string, Buffer | string | ObjectReadError>): ObjectReader {
  return {
    open: async (bucket, key) => {
      const file = files[`${bucket}/${key}`];
      if (file === undefined) throw new ObjectReadError('object_not_found', false, 'gone');
      if (file instanceof ObjectReadError) throw file;
      return { body: Readable.from([Buffer.from(file)]), metadata: { etag: 'e1' } };
    },
  };
}

async function read(
  event: unknown,
  files: Record<string, Buffer | string | ObjectReadError> = {},
  extra: Partial<SourceContext> = {},
) {
  const context = { tally: new Tally(), objects: objects(files), maxDecompressedBytes: 64 * 1024 * 1024, ...extra };
  const chunks: LogChunk[] = [];
  for await (const chunk of readEvent(classifyEvent(event), context)) chunks.push(chunk);
  return { chunks, tally: context.tally, messages: chunks.flatMap((c) => c.logs.map((l) => l.message)) };
}

describe('readEvent', () => {
  it('reads every S3 record, not only the first', async () => {
    const event = { Records: [s3Record('b', 'one'), s3Record('b', 'two')] };
    const { messages } = await read(event, { 'b/one': 'x', 'b/two': 'y' });
    expect(messages).toEqual(['x', 'y']);
  });

  it('decodes keys as S3 encodes them (+ for space, %xx escapes)', async () => {
    const { chunks } = await read({ Records: [s3Record('b', 'a+b%2Bc%3D.log')] }, { 'b/a b+c=.log': 'ok' });
    expect(chunks[0]!.origin.s3).toEqual({ bucket: 'b', key: 'a b+c=.log' });
  });

  it('yields chunks of at most MAX_LOGS_PER_CHUNK logs, counting every log received', async () => {
    const lines = Array.from({ length: 2500 }, (_, i) => `line ${i}`).join('\n');
    const { chunks, tally } = await read({ Records: [s3Record('b', 'big.gz')] }, { 'b/big.gz': gzipSync(lines) });
    expect(chunks.map((c) => c.logs.length)).toEqual([MAX_LOGS_PER_CHUNK, MAX_LOGS_PER_CHUNK, 500]);
    expect(tally.receivedLogs).toBe(2500);
  });

  it('parses a JSON array object whole only within the decompression limit, else reads it as lines', async () => {
    const array = JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ n: i })));
    const event = { Records: [s3Record('b', 'k.json')] };
    expect((await read(event, { 'b/k.json': array })).messages).toHaveLength(100);
    const limited = await read(event, { 'b/k.json': array }, { maxDecompressedBytes: array.length - 1 });
    expect(limited.messages).toEqual([array]);
  });

  it('decompresses multi-member gzip whole', async () => {
    const body = Buffer.concat([gzipSync('a\nb\n'), gzipSync('c\n')]);
    expect((await read({ Records: [s3Record('b', 'k')] }, { 'b/k': body })).messages).toEqual(['a', 'b', 'c']);
  });

  it('keeps the logs read before a gzip stream turns out corrupt, and counts the failure', async () => {
    const good = gzipSync(Array.from({ length: 3000 }, (_, i) => `line ${i}`).join('\n'));
    const corrupt = Buffer.concat([good.subarray(0, good.length - 20), Buffer.from('garbage-garbage-garbage')]);
    const { tally, messages } = await read({ Records: [s3Record('b', 'k')] }, { 'b/k': corrupt });
    expect(messages.length).toBeGreaterThan(0);
    expect(tally.dropped).toEqual({ malformed_payload: 1 });
  });

  it('truncates a line over the intake limit without holding it whole, and marks it', async () => {
    const huge = `start ${'x'.repeat(3_000_000)}\nafter`;
    const { chunks } = await read({ Records: [s3Record('b', 'k')] }, { 'b/k': huge });
    const [first, second] = chunks.flatMap((c) => c.logs);
    expect(first!.message!.endsWith('...TRUNCATED')).toBe(true);
    expect(Buffer.byteLength(first!.message!)).toBeLessThan(1_000_000);
    expect(second!.message).toBe('after');
    expect(first!.truncated).toBe(true);
  });

  it('reports a retryable failure of an SQS record by its message id, and goes on with the others', async () => {
    const denied = new ObjectReadError('object_access_denied', false, 'denied');
    const event = {
      Records: [
        sqsRecord('m1', JSON.stringify({ Records: [s3Record('b', 'denied')] })),
        sqsRecord('m2', JSON.stringify({ Records: [s3Record('b', 'ok')] })),
        sqsRecord('m3', 'just a message'),
      ],
    };
    const { tally, messages, chunks } = await read(event, { 'b/denied': denied, 'b/ok': 'fine' });
    expect(messages).toEqual(['fine', 'just a message']);
    expect([...tally.failedItems]).toEqual(['m1']);
    expect(chunks.map((c) => c.origin.itemId)).toEqual(['m2', 'm3']);
  });

  it('names the trigger of an S3 object as the Datadog Forwarder does: sqs through SQS, s3 direct or through SNS', async () => {
    const notification = JSON.stringify({ Records: [s3Record('b', 'ok')] });
    const files = { 'b/ok': 'fine' };
    const types = async (event: unknown) => (await read(event, files)).chunks.map((c) => c.origin.eventType);
    expect(await types({ Records: [sqsRecord('m1', notification)] })).toEqual(['sqs']);
    expect(await types({ Records: [s3Record('b', 'ok')] })).toEqual(['s3']);
    expect(await types({ Records: [snsRecord(notification)] })).toEqual(['s3']);
  });

  it('reads Kinesis records: CloudWatch Logs payloads as subscriptions, anything else as text', async () => {
    const payload = {
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: '/my/app',
      logStream: 's',
      logEvents: [{ id: '1', timestamp: 1, message: 'from cwl' }],
    };
    const event = {
      Records: [kinesisRecord('s1', gzipSync(JSON.stringify(payload))), kinesisRecord('s2', Buffer.from('plain\n'))],
    };
    const { chunks, messages } = await read(event);
    expect(messages).toEqual(['from cwl', 'plain']);
    expect(chunks.map((c) => [c.origin.eventType, c.origin.itemId, c.origin.awslogs?.logGroup])).toEqual([
      ['kinesis', 's1', '/my/app'],
      ['kinesis', 's2', undefined],
    ]);
  });

  it('reads SNS messages that are not S3 notifications as logs of the whole record', async () => {
    const record = snsRecord('hello');
    const { chunks } = await read({ Records: [record] });
    expect(chunks).toEqual([{ origin: { eventType: 'sns' }, logs: [{ fields: record }] }]);
  });

  it('counts records of an unknown kind and goes on', async () => {
    const event = { Records: [{ eventSource: 'aws:dynamodb' }, s3Record('b', 'k')] };
    const { tally, messages } = await read(event, { 'b/k': 'x' });
    expect(messages).toEqual(['x']);
    expect(tally.dropped).toEqual({ unsupported_record: 1 });
  });

  it('joins CloudWatch Logs events that continue a multi-line entry', async () => {
    const payload = {
      messageType: 'DATA_MESSAGE',
      owner: '1',
      logGroup: 'g',
      logStream: 's',
      logEvents: ['2024-01-15 boom', '  at x', '2024-01-15 ok'].map((message, i) => ({
        id: `${i}`,
        timestamp: i,
        message,
      })),
    };
    const { messages, tally } = await read(
      { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } },
      {},
      { multilinePattern: new PythonRegex('\\d{4}-\\d{2}-\\d{2}') },
    );
    expect(messages).toEqual(['2024-01-15 boom\n  at x', '2024-01-15 ok']);
    expect(tally.dropped).toEqual({ joined_multiline: 1 });
  });

  it.each([
    [null, 'null'],
    [[1], 'an array of 1 item(s)'],
    [{}, 'an empty object'],
    ['text', 'a string'],
    [{ Records: [] }, 'an object with keys "Records"'],
  ])('rejects %j naming what it saw', async (event, seen) => {
    await expect(read(event)).rejects.toThrow(new UnsupportedEventError(seen));
  });

  it('logs any other JSON object as a custom event', async () => {
    const { chunks } = await read({ hello: 'world' });
    expect(chunks).toEqual([{ origin: { eventType: 'custom' }, logs: [{ message: '{"hello":"world"}' }] }]);
  });
});

describe('notifications with several records', () => {
  it('reads the other objects of an SNS-carried notification when one cannot be read', async () => {
    const notification = { Records: [s3Record('b', 'gone'), s3Record('b', 'here')] };
    const { messages, tally } = await read({ Records: [snsRecord(JSON.stringify(notification))] }, { 'b/here': 'ok' });
    expect(messages).toEqual(['ok']);
    expect(tally.dropped).toEqual({ object_not_found: 1 });
  });
});
