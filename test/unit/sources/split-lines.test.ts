import { LineSplitter, type Line } from '../../../src/sources/split-lines.js';

function split(chunks: (string | Buffer)[], maxLineBytes = 100): Line[] {
  const splitter = new LineSplitter(maxLineBytes, '...TRUNCATED');
  const lines = chunks.flatMap((c) => splitter.push(Buffer.isBuffer(c) ? c : Buffer.from(c)));
  return [...lines, ...splitter.end()];
}

describe('LineSplitter', () => {
  it.each([
    ['LF', ['a\nb\n'], ['a', 'b']],
    ['CRLF', ['a\r\nb\r\n'], ['a', 'b']],
    ['CRLF split across chunks', ['a\r', '\nb'], ['a', 'b']],
    ['lone CR', ['a\rb\n'], ['a', 'b']],
    ['no final line break', ['a\nb'], ['a', 'b']],
    ['a line across chunks', ['hel', 'lo wor', 'ld\n'], ['hello world']],
    ['empty lines kept (callers skip them)', ['a\n\nb\n'], ['a', '', 'b']],
  ])('splits on %s', (_name, chunks, expected) => {
    expect(split(chunks).map((l) => l.text)).toEqual(expected);
  });

  it('tells the line break that ended each line, for entries that keep them', () => {
    expect(split(['a\r\nb\rc\nd']).map((l) => l.ending)).toEqual(['\r\n', '\r', '\n', '']);
  });

  it('finds a CR after plain lines of the same chunk, and after a line that came across chunks', () => {
    expect(split(['a\nb\nc\rd\ne\r\nf\n']).map((l) => [l.text, l.ending])).toEqual([
      ['a', '\n'],
      ['b', '\n'],
      ['c', '\r'],
      ['d', '\n'],
      ['e', '\r\n'],
      ['f', '\n'],
    ]);
    expect(split(['x', 'y\nz\rw\nv\n']).map((l) => l.text)).toEqual(['xy', 'z', 'w', 'v']);
  });

  it('numbers lines from 1', () => {
    expect(split(['x\ny\nz']).map((l) => l.lineNumber)).toEqual([1, 2, 3]);
  });

  it('replaces invalid UTF-8 instead of failing', () => {
    const [line] = split([Buffer.from([0x61, 0xff, 0x62, 0x0a])]);
    expect(line!.text).toBe('a\uFFFDb');
  });

  it('keeps multi-byte characters split across chunks whole', () => {
    const euro = Buffer.from('€'); // 3 bytes
    expect(split([euro.subarray(0, 1), euro.subarray(1), '\n'])[0]!.text).toBe('€');
  });

  it('cuts a line longer than the limit on a character boundary, marks it and skips the rest', () => {
    const lines = split(['ab€€€€', 'x'.repeat(500), '\nnext\n'], 8);
    expect(lines[0]).toEqual({ text: 'ab€€...TRUNCATED', lineNumber: 1, truncated: true, ending: '\n' });
    expect(lines[1]).toEqual({ text: 'next', lineNumber: 2, truncated: false, ending: '\n' });
  });
});
