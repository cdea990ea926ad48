// Compares PythonRegex with Python's own answers, recorded by scripts/python-re/fixture.py.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PatternError, PythonRegex } from '../../../src/regex/python-regex.js';
import { loadRe2 } from '../../../src/regex/re2-loader.js';

// Patterns that run on re2js need it loaded, as deps.ts does at start-up.
beforeAll(loadRe2);

interface Case {
  name?: string;
  pattern: string;
  unsupported?: string;
  replacement?: string;
  error?: string;
  replacementError?: string;
  results?: { text: string; search: boolean; match: boolean; sub?: string }[];
}

const fixture = JSON.parse(readFileSync(path.resolve(__dirname, '../../../fixtures/python-re/cases.json'), 'utf8')) as {
  cases: Case[];
};

const label = (c: Case) =>
  c.name ?? JSON.stringify(c.pattern) + (c.replacement ? ` → ${JSON.stringify(c.replacement)}` : '');
const usable = fixture.cases.filter((c) => c.error === undefined && c.unsupported === undefined);

describe.each(['auto', 're2'] as const)('with engine %s', (engine) => {
  describe.each(usable.map((c) => [label(c), c] as const))('%s behaves as in Python', (_, c) => {
    const regex = new PythonRegex(c.pattern, { engine });
    const template = c.replacement !== undefined && !c.replacementError ? regex.template(c.replacement) : undefined;
    it.each(c.results!.map((r) => [JSON.stringify(r.text), r] as const))('on %s', (__, r) => {
      expect({ search: regex.search(r.text), match: regex.matchStart(r.text) }).toEqual({
        search: r.search,
        match: r.match,
      });
      if (template) expect(regex.sub(r.text, template)).toBe(r.sub);
    });
  });
});

it.each([
  ['\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}', 'regexp'],
  ['"eventName": "ListUsers"', 'regexp'],
  ['\\bERROR\\b', 'regexp'],
  ['[a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\\.[a-zA-Z0-9-.]+', 're2js'],
  ['^(a+)+$', 're2js'],
  ['(?i)error', 're2js'],
  ['(a|b|c){1,5}', 're2js'],
])('runs %s on %s (a RegExp only where it cannot backtrack far)', (pattern, engine) => {
  expect(new PythonRegex(pattern).engineName).toBe(engine);
});

it.each(fixture.cases.filter((c) => c.replacementError).map((c) => [label(c), c] as const))(
  'refuses the replacement %s as Python does',
  (_, c) => {
    const regex = new PythonRegex(c.pattern);
    expect(() => regex.template(c.replacement!)).toThrow(PatternError);
  },
);

it.each(fixture.cases.filter((c) => c.error).map((c) => [label(c), c] as const))(
  'refuses %s, which Python refuses',
  (_, c) => {
    expect(() => new PythonRegex(c.pattern)).toThrow(expect.objectContaining({ acceptedByPython: false }));
  },
);

it.each(fixture.cases.filter((c) => c.unsupported).map((c) => [label(c), c] as const))(
  'refuses %s by naming the construct',
  (_, c) => {
    let error: unknown;
    try {
      new PythonRegex(c.pattern);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PatternError);
    expect((error as PatternError).acceptedByPython).toBe(true);
    expect((error as PatternError).message).toContain(c.unsupported);
  },
);

it('answers a catastrophic pattern on a long line in linear time', () => {
  const regex = new PythonRegex('^(a+)+$');
  expect(regex.search('a'.repeat(35) + '!')).toBe(false);
  expect(regex.search('a'.repeat(100_000) + '!')).toBe(false);
  expect(regex.search('a'.repeat(100_000) + '\n')).toBe(true);
});

describe.each(['auto', 're2'] as const)('subn with engine %s', (engine) => {
  it.each([
    ['\\d+', 'a1 b22 c333', '#', 'a# b# c#', 3],
    ['x*', 'ab', '-', '-a-b-', 3],
    ['zz', 'abc', '-', 'abc', 0],
  ])('%s on %j: as Python’s re.subn', (pattern, text, replacement, replaced, count) => {
    const regex = new PythonRegex(pattern, { engine });
    expect(regex.subn(text, regex.template(replacement))).toEqual({ text: replaced, count });
  });
});

// On re2js a pattern's literal start is looked for first (a text without it cannot match); these show that
// shortcut changes no answer, with groups and `^` before the literal, and with texts that only nearly hold it.
it.each([
  ['password=[^&\\s]+', 'user=a&password=x y', { search: true, match: false }, 'user=a&*** y', 1],
  ['password=[^&\\s]+', 'password=x', { search: true, match: true }, '***', 1],
  ['password=[^&\\s]+', 'user=a&passwor=x', { search: false, match: false }, 'user=a&passwor=x', 0],
  ['(pass)(word)=(\\w+)+', 'a password=b password=c', { search: true, match: false }, 'a *** ***', 2],
  ['^(?:tok)en:(a+)+$', 'token:aaa', { search: true, match: true }, '***', 1],
  ['^(?:tok)en:(a+)+$', 'a token:aaa', { search: false, match: false }, 'a token:aaa', 0],
])('on re2js, %s answers on %j as without its literal shortcut', (pattern, text, answers, replaced, count) => {
  const regex = new PythonRegex(pattern, { engine: 're2' });
  expect({ search: regex.search(text), match: regex.matchStart(text) }).toEqual(answers);
  expect(regex.subn(text, regex.template('***'))).toEqual({ text: replaced, count });
});
