import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { PythonRegex } from '../../../src/regex/python-regex.js';
import { readAwsLogsPayload } from '../../../src/sources/cloudwatch-logs.js';
import { readEvent } from '../../../src/sources/index.js';
import { LineSplitter } from '../../../src/sources/split-lines.js';
import { classifyEvent } from '../../../src/sources/trigger.js';
import { Tally } from '../../../src/tally.js';
import {
  LineJoiner,
  MAX_ENTRY_BYTES,
  joinEvents,
  type Joined,
  type LineStart,
} from '../../../src/sources/split-multiline.js';
import type { LogChunk, RawLog, SourceOrigin } from '../../../src/types.js';

const pattern = new PythonRegex('\\d{4}-\\d{2}-\\d{2}');

function join(texts: string[], maxBytes = 1000, tally = new Tally()): Joined<LineStart>[] {
  const joiner = new LineJoiner(pattern, tally, maxBytes);
  const out: Joined<LineStart>[] = [];
  texts.forEach((text, i) => joiner.push({ text, lineNumber: i + 1, truncated: false, ending: '\n' }, out));
  joiner.end(out);
  return out;
}

describe('LineJoiner (S3 objects)', () => {
  it('joins continuation lines to the entry they follow, and counts them', () => {
    const tally = new Tally();
    const entries = join(['2024-01-15 boom', '  at a()', '  at b()', '2024-01-15 next'], 1000, tally);
    expect(entries.map((e) => [e.text, e.at.lineNumber, e.pieces])).toEqual([
      ['2024-01-15 boom\n  at a()\n  at b()', 1, 3],
      ['2024-01-15 next\n', 4, 1],
    ]);
    expect(tally.dropped).toEqual({ joined_multiline: 2 });
  });

  it('splits per line when the first line does not match, as the Datadog Forwarder does', () => {
    expect(join(['no date', '2024-01-15 dated', 'tail']).map((e) => e.text)).toEqual([
      'no date',
      '2024-01-15 dated',
      'tail',
    ]);
  });

  it('closes an entry at the cap and starts the next with the line that did not fit: nothing is cut', () => {
    const tally = new Tally();
    const lines = ['2024-01-15 start', 'x'.repeat(20), 'y'.repeat(20), 'z'.repeat(20)];
    const entries = join(lines, 45, tally);
    expect(entries.map((e) => [e.text, e.at.lineNumber, e.truncated])).toEqual([
      [`2024-01-15 start\n${'x'.repeat(20)}`, 1, false],
      [`${'y'.repeat(20)}\n${'z'.repeat(20)}\n`, 3, false],
    ]);
    expect(tally.dropped).toEqual({ joined_multiline: 2 });
    expect(tally.counters).toEqual({ multiline_split_at_cap: 1 });
  });

  it('marks an entry truncated when one of its lines was cut', () => {
    const joiner = new LineJoiner(pattern, new Tally());
    const out: Joined<LineStart>[] = [];
    joiner.push({ text: '2024-01-15 long…', lineNumber: 1, truncated: true, ending: '\n' }, out);
    joiner.push({ text: '  at a()', lineNumber: 2, truncated: false, ending: '' }, out);
    joiner.end(out);
    expect(out).toEqual([{ text: '2024-01-15 long…\n  at a()', at: { lineNumber: 1 }, truncated: true, pieces: 2 }]);
  });

  it('keeps an object of 20,000 continuation lines in entries within the cap, every line in one', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      i === 0 ? '2026-12-08 boom' : `  at ${i} ${'x'.repeat(480)}`,
    );
    const body = Buffer.from(`${lines.join('\n')}\n`);
    const objects = {
      open: () => Promise.resolve({ body: Readable.from([body]), metadata: { etag: 'e' } }),
    };
    const event = { Records: [{ eventSource: 'aws:s3', s3: { bucket: { name: 'b' }, object: { key: 'app.log' } } }] };
    const tally = new Tally();
    const logs = await messages(
      readEvent(classifyEvent(event), { tally, objects, maxDecompressedBytes: 1e8, multilinePattern: pattern }),
    );
    expectBoundedEntries(logs, lines, tally);
  });
});

function expectBoundedEntries(logs: string[], lines: string[], tally: Tally): void {
  expect(Math.max(...logs.map((l) => Buffer.byteLength(l)))).toBeLessThanOrEqual(MAX_ENTRY_BYTES);
  expect(logs.length).toBeGreaterThanOrEqual(10);
  // Nothing is lost: the entries hold every line, in order.
  expect(logs.join('\n').trimEnd()).toBe(lines.join('\n'));
  expect(tally.counters).toEqual({ multiline_split_at_cap: logs.length - 1 });
  expect(tally.dropped).toEqual({ joined_multiline: lines.length - logs.length });
  expect(tally.receivedLogs).toBe(lines.length);
}

async function messages(chunks: AsyncIterable<LogChunk>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(...chunk.logs.map((log) => log.message ?? ''));
  return out;
}

describe("LineJoiner below the cap: the Datadog Forwarder's split", () => {
  // S3EventHandler._extract_other_logs (datadog-serverless-functions aws/logs_monitoring/steps/handlers/
  // s3_handler.py, 5.4.11) splits an object whose start matches with re.split("[\n\r\f]+(?=<pattern>)") and drops
  // the empty parts. For a pattern that does not span lines, JavaScript's split with the same expression gives
  // Python's answer; random objects of dated lines, continuation lines, blank lines, CRLFs, lone CRs and form
  // feeds must come out of LineSplitter and LineJoiner as that split.
  const PIECES = ['2024-01-15 start', '  at frame()', '', ' ', 'x\f2024-01-16 after a form feed', 'tail\f'];
  const BREAKS = ['\n', '\r\n', '\r', '\n\n'];

  function randomObject(seed: number): string {
    let state = seed;
    const next = (n: number) => ((state = (state * 1103515245 + 12345) % 2 ** 31), Math.floor(state / 2 ** 16) % n);
    let text = '2024-01-15 first';
    for (let i = next(12); i >= 0; i--) text += BREAKS[next(BREAKS.length)]! + PIECES[next(PIECES.length)]!;
    return next(2) === 0 ? text : text + '\n';
  }

  function joined(text: string): string[] {
    const splitter = new LineSplitter(1_000_000, '...TRUNCATED');
    const joiner = new LineJoiner(pattern, new Tally());
    const out: Joined<LineStart>[] = [];
    for (const line of [...splitter.push(Buffer.from(text)), ...splitter.end()]) joiner.push(line, out);
    joiner.end(out);
    return out.map((entry) => entry.text);
  }

  it("gives Python's parts for 300 random objects", () => {
    const objects = Array.from({ length: 300 }, (_, seed) => randomObject(seed + 1));
    const python = (text: string) => text.split(/[\n\r\f]+(?=\d{4}-\d{2}-\d{2})/).filter((part) => part !== '');
    const differing = objects.filter((text) => JSON.stringify(joined(text)) !== JSON.stringify(python(text)));
    expect(differing).toEqual([]);
    // The objects cover what the split is about: form feeds, CRs, several entries.
    expect(objects.filter((text) => text.includes('\f') && text.includes('\r')).length).toBeGreaterThan(100);
    expect(objects.filter((text) => python(text).length > 2).length).toBeGreaterThan(100);
  });
});

describe('joinEvents (CloudWatch Logs events)', () => {
  const origin: SourceOrigin = { eventType: 'awslogs' };
  const run = (chunks: LogChunk[], tally = new Tally()) => [...joinEvents(chunks, pattern, tally)];

  it('joins events that continue the previous one, as its first event, and counts them', () => {
    const logs: RawLog[] = [
      { message: '2024-01-15 a', id: '1', timestampMs: 1 },
      { message: '\tat x', id: '2', timestampMs: 2 },
      { message: '2024-01-15 b', id: '3', timestampMs: 3 },
    ];
    const tally = new Tally();
    expect(run([{ origin, logs }], tally).flatMap((c) => c.logs)).toEqual([
      { message: '2024-01-15 a\n\tat x', id: '1', timestampMs: 1 },
      { message: '2024-01-15 b', id: '3', timestampMs: 3 },
    ]);
    expect(tally.dropped).toEqual({ joined_multiline: 1 });
  });

  it('leaves the events alone when the first does not match', () => {
    const logs = [{ message: 'x' }, { message: '2024-01-15 y' }, { message: 'z' }];
    expect(
      run([
        { origin, logs },
        { origin, logs },
      ]).flatMap((c) => c.logs),
    ).toEqual([...logs, ...logs]);
  });

  it('joins across slices of one payload, and not across payloads', () => {
    const other: SourceOrigin = { eventType: 'kinesis' };
    const chunks = [
      { origin, logs: [{ message: '2024-01-15 a' }, { message: ' 1' }] },
      { origin, logs: [{ message: ' 2' }] },
      { origin: other, logs: [{ message: ' 3' }, { message: '2024-01-15 b' }] },
    ];
    const out = run(chunks);
    expect(out.map((c) => [c.origin.eventType, c.logs.map((l) => l.message)])).toEqual([
      ['awslogs', ['2024-01-15 a\n 1\n 2']],
      ['kinesis', [' 3', '2024-01-15 b']],
    ]);
  });

  it('joins the events of a payload inside a Kinesis record too', () => {
    const logEvents = ['2024-01-15 boom', '  at x'].map((message, i) => ({ id: `${i}`, timestamp: i, message }));
    const payload = { messageType: 'DATA_MESSAGE', owner: '1', logGroup: 'g', logStream: 's', logEvents };
    const tally = new Tally();
    const context = { tally, maxDecompressedBytes: 1e6, multilinePattern: pattern };
    const chunks = [...readAwsLogsPayload(payload, context, 'kinesis', 'seq-1')];
    expect(chunks.flatMap((c) => c.logs.map((l) => l.message))).toEqual(['2024-01-15 boom\n  at x']);
    expect(tally.dropped).toEqual({ joined_multiline: 1 });
  });

  it('keeps a payload of 20,000 continuation events in entries within the cap, every event in one', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) =>
      i === 0 ? '2026-12-08 boom' : `  at ${i} ${'x'.repeat(480)}`,
    );
    const logEvents = lines.map((message, i) => ({ id: String(i), timestamp: i, message }));
    const payload = { messageType: 'DATA_MESSAGE', owner: '1', logGroup: 'g', logStream: 's', logEvents };
    const event = { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
    const tally = new Tally();
    const logs = await messages(
      readEvent(classifyEvent(event), { tally, maxDecompressedBytes: 1e8, multilinePattern: pattern }),
    );
    expectBoundedEntries(logs, lines, tally);
  });
});
