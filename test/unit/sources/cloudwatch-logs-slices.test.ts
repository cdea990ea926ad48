// CloudWatch Logs payloads are parsed and forwarded a ~16 KB slice at a time (src/sources/cloudwatch-logs.ts).
// Whatever the layout, the logs that come out are those of parsing the payload whole.
import { gzipSync } from 'node:zlib';
import { MalformedPayloadError } from '../../../src/errors.js';
import { readAwsLogsData } from '../../../src/sources/cloudwatch-logs.js';
import { readEvent } from '../../../src/sources/index.js';
import { classifyEvent } from '../../../src/sources/trigger.js';
import { Tally } from '../../../src/tally.js';
import type { LogChunk } from '../../../src/types.js';
import { PythonRegex } from '../../../src/regex/python-regex.js';

const MAX_BYTES = 64 * 1024 * 1024;

const data = (json: string) => gzipSync(json).toString('base64');
const header = { messageType: 'DATA_MESSAGE', owner: '123456789012', logGroup: '/aws/lambda/f', logStream: 's' };

/** Messages written to trip a byte-level reader: boundaries, quotes and backslashes inside strings, UTF-8. */
function events(count: number) {
  const tricky = [
    '},{"id":"x"}',
    'ends with a backslash \\',
    '"quoted" \\"twice\\"',
    'café ☕ 日本語 😀',
    '{"json":[{"a":1},{"b":2}]}',
  ];
  return Array.from({ length: count }, (_, i) => ({
    id: String(i).padStart(8, '0'),
    timestamp: 1_700_000_000_000 + i,
    message: `${tricky[i % tricky.length]} ${'x'.repeat(i % 700)}`,
  }));
}

function readAll(json: string, tally = new Tally()) {
  const chunks = [...readAwsLogsData(data(json), { tally, maxDecompressedBytes: MAX_BYTES })];
  return { chunks, logs: chunks.flatMap((chunk) => chunk.logs), tally };
}

const expected = (list: ReturnType<typeof events>) =>
  list.map((e) => ({ message: e.message, id: e.id, timestampMs: e.timestamp }));

describe('readAwsLogsData', () => {
  const many = events(6_000); // about 2.5 MB of JSON: three slices

  it('reads a large payload in several slices, in order, every log once, all of one origin', () => {
    const { chunks, logs, tally } = readAll(JSON.stringify({ ...header, logEvents: many }));
    expect(chunks.length).toBeGreaterThan(1);
    expect(new Set(chunks.map((chunk) => chunk.origin)).size).toBe(1);
    expect(logs).toEqual(expected(many));
    expect(tally.receivedLogs).toBe(many.length);
  });

  it.each([
    ['keys after the events', { ...header, logEvents: many, policyLevel: 'ACCOUNT', more: [{ a: 1 }, { b: 2 }] }],
    ['the header after the events', { logEvents: many, ...header }],
    [
      'events holding arrays of objects',
      { ...header, logEvents: many.map((e) => ({ ...e, x: [{ a: 1 }, { b: 2 }] })) },
    ],
  ])('reads a payload with %s as if whole', (_name, payload) => {
    expect(readAll(JSON.stringify(payload)).logs).toEqual(expected(many));
  });

  it('says what is wrong when a later duplicate key replaces the events', () => {
    const json = `${JSON.stringify({ ...header, logEvents: many }).slice(0, -1)},"logEvents":5}`;
    expect(() => readAll(json)).toThrow('Malformed CloudWatch Logs payload: logEvents is not an array');
  });

  it('reads an empty and a small payload', () => {
    expect(readAll(JSON.stringify({ ...header, logEvents: [] })).logs).toEqual([]);
    expect(readAll(JSON.stringify({ ...header, logEvents: many.slice(0, 3) })).logs).toEqual(
      expected(many.slice(0, 3)),
    );
  });

  it('forwards the slices before JSON that breaks part way, then says what is wrong', () => {
    const json = JSON.stringify({ ...header, logEvents: many });
    const broken = `${json.slice(0, Math.floor(json.length * 0.8))}}garbage`;
    const read = readAwsLogsData(data(broken), { tally: new Tally(), maxDecompressedBytes: MAX_BYTES });
    const first = read.next().value as LogChunk;
    expect(first.logs.length).toBeGreaterThan(0);
    expect(() => [...read]).toThrow(MalformedPayloadError);
  });

  it('joins a multi-line log whose lines straddle a slice boundary, as the whole payload would', async () => {
    const lines = Array.from({ length: 6_000 }, (_, i) =>
      i % 100 === 0 ? `2026-11-25 start ${i} ${'y'.repeat(300)}` : `  at frame ${i} ${'z'.repeat(300)}`,
    );
    const logEvents = lines.map((message, i) => ({ id: String(i), timestamp: i, message }));
    const tally = new Tally();
    const logs: string[] = [];
    const event = { awslogs: { data: data(JSON.stringify({ ...header, logEvents })) } };
    for await (const chunk of readEvent(classifyEvent(event), {
      tally,
      maxDecompressedBytes: MAX_BYTES,
      multilinePattern: new PythonRegex('\\d{4}-\\d{2}-\\d{2}'),
    })) {
      logs.push(...chunk.logs.map((log) => log.message ?? ''));
    }
    expect(logs).toHaveLength(60);
    expect(logs.every((log, i) => log.startsWith(`2026-11-25 start ${i * 100} `))).toBe(true);
    expect(logs.join('\n')).toBe(lines.join('\n'));
    expect(tally.dropped).toEqual({ joined_multiline: 6_000 - 60 });
  });
});
