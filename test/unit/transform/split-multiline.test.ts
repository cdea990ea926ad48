import { joinMultiline, MultilineJoiner, type Entry } from '../../../src/transform/split-multiline.js';
import { PythonRegex } from '../../../src/regex/python-regex.js';

const pattern = new PythonRegex('\\d{4}-\\d{2}-\\d{2}');

function join(texts: string[], maxBytes = 1000): Entry[] {
  const joiner = new MultilineJoiner(pattern, maxBytes, '…');
  const out = texts.map((text, i) => joiner.push({ text, lineNumber: i + 1, truncated: false }));
  return [...out, joiner.end()].filter((e): e is Entry => e !== undefined);
}

describe('MultilineJoiner', () => {
  it('joins continuation lines to the entry they follow', () => {
    const entries = join(['2024-01-15 boom', '  at a()', '  at b()', '2024-01-15 next']);
    expect(entries.map((e) => [e.text, e.lineNumber, e.lines])).toEqual([
      ['2024-01-15 boom\n  at a()\n  at b()', 1, 3],
      ['2024-01-15 next', 4, 1],
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
