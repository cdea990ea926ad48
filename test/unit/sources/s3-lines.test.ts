// The text of each log read from the lines of an S3 object, against what the Datadog Forwarder 5.4.11 sends for
// the same bytes (S3EventHandler._extract_other_logs, aws/logs_monitoring/steps/handlers/s3_handler.py). The
// `python` column is that code's output, computed with python3 when these cases were written; where ours differs
// on purpose, `ours` says what we send and docs/compatibility.md ("S3 lines") says why.
import { Readable } from 'node:stream';
import { PythonRegex } from '../../../src/regex/python-regex.js';
import { readEvent } from '../../../src/sources/index.js';
import { classifyEvent } from '../../../src/sources/trigger.js';
import type { ObjectReader } from '../../../src/sources/object-reader.js';
import { Tally } from '../../../src/tally.js';
import { s3Record } from '../../helpers/events.js';

const DATE = new PythonRegex('\\d{4}-\\d{2}-\\d{2}'); // DD_MULTILINE_LOG_REGEX_PATTERN, as config compiles it

/** A fake ObjectReader serving `body` in 5-byte pieces, so that lines and characters cross chunks. */
function objects(body: Buffer): ObjectReader {
  const pieces = Array.from({ length: Math.ceil(body.length / 5) }, (_, i) => body.subarray(i * 5, i * 5 + 5));
  return { open: async () => ({ body: Readable.from(pieces), metadata: { etag: 'e1' } }) };
}

async function logsOf(body: string | Buffer, multilinePattern?: PythonRegex, key = 'app.log') {
  const context = {
    tally: new Tally(),
    objects: objects(Buffer.from(body)),
    multilinePattern,
    maxDecompressedBytes: 64 * 1024 * 1024,
  };
  const logs = [];
  for await (const chunk of readEvent(classifyEvent({ Records: [s3Record('b', key)] }), context))
    logs.push(...chunk.logs);
  return logs;
}

interface Case {
  readonly input: string | Buffer;
  readonly pattern?: PythonRegex;
  readonly python: string[];
  /** What we send where it differs from `python`. */
  readonly ours?: string[];
}

const CASES: Record<string, Case> = {
  'no pattern: lines end at \\n, \\r\\n and a lone \\r': { input: 'a\r\nb\rc\n', python: ['a', 'b', 'c'] },
  'no pattern: stripped, blank lines skipped': { input: '  a  \n\n \t \nb', python: ['a', 'b'] },
  'no pattern: \\x1c-\\x1f and \\x85 are whitespace to Python, stripped at the ends': {
    input: '\x1cA\x1d \x1f\nB\x85\n',
    python: ['A', 'B'],
  },
  'no pattern: U+2028, U+2029, \\v and \\f do not end a line (bytes.splitlines)': {
    input: 'a\u2028b\u2029c\vd\fe\n',
    python: ['a\u2028b\u2029c\vd\fe'],
  },
  'no pattern: U+FEFF is not whitespace to Python, kept at the end of a line': {
    input: 'a \ufeff\n',
    python: ['a \ufeff'],
  },
  'no pattern: a byte order mark at the start of the object is not text': {
    input: '\ufeffhello\n',
    python: ['\ufeffhello'],
    ours: ['hello'],
  },
  'no pattern: invalid UTF-8 becomes U+FFFD instead of vanishing': {
    input: Buffer.from([0x61, 0xff, 0x62, 0x0a]),
    python: ['ab'],
    ours: ['a\ufffdb'],
  },
  'pattern: an entry keeps its CRLFs, blank lines and spaces; the last keeps its final line break': {
    input: '2024-01-15 boom  \r\n  at a()\r\n\r\n  at b()\r\n2024-01-15 next\r\n',
    pattern: DATE,
    python: ['2024-01-15 boom  \r\n  at a()\r\n\r\n  at b()', '2024-01-15 next\r\n'],
  },
  'pattern: the blank lines before the next entry go with the line breaks between them': {
    input: '2024-01-15 a\n\n\n2024-01-16 b',
    pattern: DATE,
    python: ['2024-01-15 a', '2024-01-16 b'],
  },
  'pattern: a form feed followed by a match starts an entry': {
    input: '2024-01-15 a\f2024-01-16 b\fnot\n',
    pattern: DATE,
    python: ['2024-01-15 a', '2024-01-16 b\fnot\n'],
  },
  'pattern not matching the first line: each line as written, ending where str.splitlines ends them': {
    input: 'no date\n\n  indented  \nx\u2028y\x1cz\vw\n2024-01-15 dated\n',
    pattern: DATE,
    python: ['no date', '', '  indented  ', 'x', 'y', 'z', 'w', '2024-01-15 dated'],
    ours: ['no date', '  indented  ', 'x', 'y', 'z', 'w', '2024-01-15 dated'],
  },
  'pattern: a blank first line means the pattern does not match the start': {
    input: '\n2024-01-15 a\n  at x\n',
    pattern: DATE,
    python: ['', '2024-01-15 a', '  at x'],
    ours: ['2024-01-15 a', '  at x'],
  },
  'pattern: a byte order mark does not hide the first line from the pattern': {
    input: '\ufeff2024-01-15 a\n  at x\n',
    pattern: DATE,
    python: ['\ufeff2024-01-15 a', '  at x'],
    ours: ['2024-01-15 a\n  at x\n'],
  },
};

describe('S3 lines, as the Datadog Forwarder 5.4.11 cuts and keeps them', () => {
  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    const logs = await logsOf(c.input, c.pattern);
    expect(logs.map((l) => l.message)).toEqual(c.ours ?? c.python);
  });

  it('numbers an entry that starts inside a line after the line and its place in it', async () => {
    const logs = await logsOf('2024-01-15 a\f2024-01-16 b\n2024-01-17 c\n', DATE);
    expect(logs.map((l) => l.id?.replace(/^[0-9a-f]+-/, ''))).toEqual(['L1', 'L1.1', 'L2']);
  });

  it('skips the header line of a VPC flow log file, and with a pattern its first entry', async () => {
    const header = 'version account-id interface-id\n';
    expect((await logsOf(`${header}2 123 eni-1\n`, undefined, 'vpcflowlogs/x.log')).map((l) => l.message)).toEqual([
      '2 123 eni-1',
    ]);
    const joined = await logsOf(`2024-01-15 header\n more\n2024-01-15 x\n`, DATE, 'vpcflowlogs/x.log');
    expect(joined.map((l) => l.message)).toEqual(['2024-01-15 x\n']);
  });
});
