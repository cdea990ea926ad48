import { joinMultiline, MultilineJoiner, type Entry } from '../../../src/sources/split-multiline.js';
import { PythonRegex } from '../../../src/regex/python-regex.js';

const pattern = new PythonRegex('\\d{4}-\\d{2}-\\d{2}');

function join(texts: string[], maxBytes = 1000): Entry[] {
  const joiner = new MultilineJoiner(pattern, maxBytes, '…');
  const out: Entry[] = [];
  texts.forEach((text, i) => joiner.push({ text, lineNumber: i + 1, truncated: false, ending: '\n' }, out));
  joiner.end(out);
  return out;
}

describe('MultilineJoiner', () => {
  it('joins continuation lines to the entry they follow', () => {
    const entries = join(['2024-01-15 boom', '  at a()', '  at b()', '2024-01-15 next']);
    expect(entries.map((e) => [e.text, e.lineNumber])).toEqual([
      ['2024-01-15 boom\n  at a()\n  at b()', 1],
      ['2024-01-15 next\n', 4],
    ]);
  });

  it('splits per line when the first line does not match, as the Datadog Forwarder does', () => {
    expect(join(['no date', '2024-01-15 dated', 'tail']).map((e) => e.text)).toEqual([
      'no date',
      '2024-01-15 dated',
      'tail',
    ]);
  });

  it('bounds a joined entry and marks it truncated', () => {
    const [entry] = join(['2024-01-15 start', 'x'.repeat(20), 'y'.repeat(20)], 40);
    expect(entry).toMatchObject({ text: `2024-01-15 start\n${'x'.repeat(20)}…`, truncated: true });
  });

  it('marks a cut line once, whether the entry or the line was cut', () => {
    const joiner = new MultilineJoiner(pattern, 1000, '…');
    const out: Entry[] = [];
    joiner.push({ text: '2024-01-15 long…', lineNumber: 1, truncated: true, ending: '\n' }, out);
    joiner.push({ text: '  at a()', lineNumber: 2, truncated: false, ending: '' }, out);
    joiner.end(out);
    expect(out).toEqual([{ text: '2024-01-15 long…\n  at a()', lineNumber: 1, truncated: true }]);
  });
});

describe('joinMultiline (CloudWatch Logs events)', () => {
  it('joins events that continue the previous one and counts them', () => {
    const logs = [
      { message: '2024-01-15 a', id: '1' },
      { message: '\tat x', id: '2' },
      { message: '2024-01-15 b', id: '3' },
    ];
    expect(joinMultiline(logs, pattern)).toEqual({
      logs: [
        { message: '2024-01-15 a\n\tat x', id: '1' },
        { message: '2024-01-15 b', id: '3' },
      ],
      joined: 1,
    });
  });

  it('leaves the events alone when the first does not match', () => {
    const logs = [{ message: 'x' }, { message: 'y' }];
    expect(joinMultiline(logs, pattern)).toEqual({ logs, joined: 0 });
  });
});
