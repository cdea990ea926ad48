import { gzipSync } from 'node:zlib';
import { MalformedPayloadError, PayloadTooLargeError } from '../../../src/errors.js';
import { readAwsLogsData, readAwsLogsPayload } from '../../../src/sources/cloudwatch-logs.js';
import { readEvent } from '../../../src/sources/index.js';
import { classifyEvent } from '../../../src/sources/trigger.js';
import { Tally } from '../../../src/tally.js';
import type { LogChunk } from '../../../src/types.js';
import { awslogsEvent } from '../../helpers/lambda.js';

const MAX_BYTES = 64 * 1024 * 1024;

const PAYLOAD = {
  messageType: 'DATA_MESSAGE',
  owner: '123456789012',
  logGroup: 'testLogGroup',
  logStream: 'testLogStream',
  subscriptionFilters: ['f'],
  logEvents: [
    { id: '1', timestamp: 1583425836114, message: '[ERROR] First test message' },
    { id: '2', timestamp: 1583425836115, message: '[ERROR] Second test message' },
  ],
};

const base64 = (data: Buffer | string) => Buffer.from(data).toString('base64');
const gzipped = (text: string) => gzipSync(text);

async function read(event: unknown, tally = new Tally()): Promise<LogChunk[]> {
  const chunks: LogChunk[] = [];
  for await (const chunk of readEvent(classifyEvent(event), { tally, maxDecompressedBytes: MAX_BYTES }))
    chunks.push(chunk);
  return chunks;
}

describe('readAwsLogsData', () => {
  const read = (data: unknown) => [...readAwsLogsData(data, { tally: new Tally(), maxDecompressedBytes: MAX_BYTES })];
  const expected = [...readAwsLogsPayload(PAYLOAD, { tally: new Tally(), maxDecompressedBytes: MAX_BYTES })];

  it('decodes base64 of gzip of JSON', () => {
    expect(read(base64(gzipped(JSON.stringify(PAYLOAD))))).toEqual(expected);
  });

  it('accepts base64 broken over lines', () => {
    const data = base64(gzipped(JSON.stringify(PAYLOAD))).replace(/(.{20})/g, '$1\n');
    expect(read(data)).toEqual(expected);
  });

  const gz = gzipped(JSON.stringify(PAYLOAD));
  const corrupt = Buffer.from(gz);
  corrupt[12] = (corrupt[12] ?? 0) ^ 0xff;

  it.each([
    ['missing', undefined, 'awslogs.data is missing or not a string'],
    ['empty', '', 'awslogs.data is missing or not a string'],
    ['not a string', 42, 'awslogs.data is missing or not a string'],
    ['bad base64 characters', 'H4sI!!!*', 'awslogs.data is not valid base64'],
    ['impossible base64 length', 'H4sIA', 'awslogs.data is not valid base64'],
    ['padding inside', 'QU=DQUJD', 'awslogs.data is not valid base64'],
    ['padding not at the end', 'QUJDQU=D', 'awslogs.data is not valid base64'],
    ['three padding characters', 'QUJDR===', 'awslogs.data is not valid base64'],
    ['URL-safe base64 characters', 'H4sI-_AA', 'awslogs.data is not valid base64'],
    ['non-ASCII characters', 'H4sIéAAA', 'awslogs.data is not valid base64'],
    ['not gzip', base64('{"logGroup":"g"}'), 'awslogs.data is not gzip-compressed'],
    ['truncated gzip', base64(gz.subarray(0, gz.length - 10)), 'the gzip data is truncated'],
    ['gzip cut inside its header', base64(gz.subarray(0, 6)), 'the gzip data is truncated'],
    ['corrupt gzip', base64(corrupt), 'the gzip data is corrupt'],
    ['bad JSON', base64(gzipped('{"logGroup": ')), 'the decompressed data is not JSON'],
  ])('%s: a clear MalformedPayloadError, not a zlib error', (_why, data, expected) => {
    let error: unknown;
    try {
      read(data);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MalformedPayloadError);
    expect((error as Error).message).toContain(`Malformed CloudWatch Logs payload: ${expected}`);
    expect((error as Error).message).not.toMatch(/Z_[A-Z]+_ERROR|zlib/);
  });

  it('refuses, and counts, a payload that decompresses past the limit; one that fits is read', () => {
    const json = JSON.stringify(PAYLOAD);
    const data = base64(gzipped(json));
    const tally = new Tally();
    expect(() => [...readAwsLogsData(data, { tally, maxDecompressedBytes: json.length - 1 })]).toThrow(
      PayloadTooLargeError,
    );
    expect(tally.dropped).toEqual({ payload_too_large: 1 });
    expect([...readAwsLogsData(data, { tally: new Tally(), maxDecompressedBytes: json.length })]).toEqual(expected);
  });
});

describe('readAwsLogsPayload', () => {
  it('yields one chunk with the origin and every log event', () => {
    const tally = new Tally();
    const chunks = [...readAwsLogsPayload(PAYLOAD, { tally, maxDecompressedBytes: MAX_BYTES })];
    expect(chunks).toEqual([
      {
        origin: {
          eventType: 'awslogs',
          awslogs: { logGroup: 'testLogGroup', logStream: 'testLogStream', owner: '123456789012' },
          itemId: undefined,
        },
        logs: [
          { id: '1', timestampMs: 1583425836114, message: '[ERROR] First test message' },
          { id: '2', timestampMs: 1583425836115, message: '[ERROR] Second test message' },
        ],
      },
    ]);
    expect(tally.receivedLogs).toBe(2);
  });

  it('passes the event type and item id of a wrapping trigger (Kinesis)', () => {
    const [chunk] = [
      ...readAwsLogsPayload(PAYLOAD, { tally: new Tally(), maxDecompressedBytes: MAX_BYTES }, 'kinesis', 'seq-1'),
    ];
    expect(chunk?.origin).toMatchObject({ eventType: 'kinesis', itemId: 'seq-1' });
  });

  it('acknowledges a CONTROL_MESSAGE: no logs, counted', () => {
    const tally = new Tally();
    const control = {
      messageType: 'CONTROL_MESSAGE',
      owner: 'CloudwatchLogs',
      logGroup: '',
      logStream: '',
      logEvents: [{ id: '', timestamp: 1, message: 'CWL CONTROL MESSAGE: Checking health of destination Lambda.' }],
    };
    expect([...readAwsLogsPayload(control, { tally, maxDecompressedBytes: MAX_BYTES })]).toEqual([]);
    expect(tally.dropped).toEqual({ control_message: 1 });
    expect(tally.receivedLogs).toBe(0);
  });

  it.each([
    ['no fields', {}, 'logGroup, logStream, owner, logEvents'],
    ['a numeric owner', { ...PAYLOAD, owner: 123456789012 }, 'owner'],
    ['logEvents not a list', { ...PAYLOAD, logEvents: {} }, 'logEvents'],
    ['only a log group', { logGroup: 'g' }, 'logStream, owner, logEvents'],
  ])('names the missing fields: %s', (_why, payload, fields) => {
    expect(() => [...readAwsLogsPayload(payload, { tally: new Tally(), maxDecompressedBytes: MAX_BYTES })]).toThrow(
      `Malformed CloudWatch Logs payload: missing or invalid field(s): ${fields}`,
    );
  });

  it.each([null, 'text', 42])('rejects decoded JSON that is not an object: %j', (payload) => {
    expect(() => [...readAwsLogsPayload(payload, { tally: new Tally(), maxDecompressedBytes: MAX_BYTES })]).toThrow(
      'Malformed CloudWatch Logs payload: the decoded JSON is not an object',
    );
  });

  it('drops and counts log events without a message, keeping the others', () => {
    const tally = new Tally();
    const payload = { ...PAYLOAD, logEvents: [{ id: 'a' }, null, { id: 'b', message: 'kept' }, { message: 7 }] };
    const [chunk] = [...readAwsLogsPayload(payload, { tally, maxDecompressedBytes: MAX_BYTES })];
    expect(chunk?.logs).toEqual([{ id: 'b', message: 'kept', timestampMs: undefined }]);
    expect(tally.dropped).toEqual({ malformed_log_event: 3 });
    expect(tally.receivedLogs).toBe(1);
  });
});

describe('readEvent', () => {
  it('reads a CloudWatch Logs subscription event', async () => {
    const chunks = await read(awslogsEvent(PAYLOAD));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.logs).toHaveLength(2);
  });

  it('fails on a malformed CloudWatch Logs event with the reason', async () => {
    await expect(read({ awslogs: { data: 'H4sI!!!*' } })).rejects.toThrow('awslogs.data is not valid base64');
  });

  it.each([
    [null, 'null'],
    [[1, 2], 'an array of 2 item(s)'],
    ['text', 'a string'],
    [{}, 'an empty object'],
    [{ Records: [], foo: 'secret-value' }, 'an object with keys "Records", "foo"'],
  ])('names the shape of an unsupported event %j, never its values', async (event, shape) => {
    const error = await read(event).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.name).toBe('UnsupportedEventError');
    expect(error?.message).toContain(`Unsupported event: ${shape}.`);
    expect(error?.message).not.toContain('secret-value');
  });
});
