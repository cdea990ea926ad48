import { ParsedMessage } from '../../../src/parse/parsed-message.js';
import {
  MAX_DEPTH,
  pythonFloat,
  pythonJsonDumps,
  pythonJsonDumpsParsed,
  pythonString,
} from '../../../src/parse/python-json.js';

// Every expected value below is what Python 3 prints for `json.dumps(json.loads(text))` (json.dumps with its
// defaults: separators ", " and ": ", ensure_ascii=True), which the Datadog Forwarder uses to re-serialise a
// JSON message after taking its ddtags out.
describe('pythonJsonDumps', () => {
  it.each([
    [
      'separators',
      String.raw`{"a":1,"b":[1,2],"c":{"d":null,"e":true,"f":false}}`,
      String.raw`{"a": 1, "b": [1, 2], "c": {"d": null, "e": true, "f": false}}`,
    ],
    ['whitespace dropped', '  { "a" :\n 1 }  ', '{"a": 1}'],
    ['empty containers', '[{}, [], ""]', '[{}, [], ""]'],
    ['a bare string', '"just a string"', '"just a string"'],
    ['a bare number', '42', '42'],
    ['null', 'null', 'null'],
  ])('%s', (_why, text, python) => {
    expect(pythonJsonDumps(text)).toBe(python);
  });

  it.each([
    [
      'non-ASCII escaped, astral characters as surrogate pairs',
      '{"msg":"café ☕ 😀"}',
      String.raw`{"msg": "caf\u00e9 \u2615 \ud83d\ude00"}`,
    ],
    [
      'control characters and DEL',
      String.raw`{"ctl":"\u0001\u001f\u007f \b\f\n\r\t"}`,
      String.raw`{"ctl": "\u0001\u001f\u007f \b\f\n\r\t"}`,
    ],
    ['slash kept, backslash and quote escaped', String.raw`{"s":"a/b \\ \" \/"}`, String.raw`{"s": "a/b \\ \" /"}`],
    [
      'escapes in the input, a lone surrogate',
      String.raw`{"e":"\u00e9\ud83d\ude00","lone":"\ud800"}`,
      String.raw`{"e": "\u00e9\ud83d\ude00", "lone": "\ud800"}`,
    ],
  ])('ensure_ascii: %s', (_why, text, python) => {
    expect(pythonJsonDumps(text)).toBe(python);
  });

  it('writes floats as Python’s repr does', () => {
    const text =
      '[1.0, 1e16, 1e-05, 0.0001, 0.00001, 1E2, 2.50, -0.0, 0.0, 3.14, 1.5e300, -1.5E-7, 123456789012345678.0, ' +
      '1234567890123456.7, 9999999999999999.0, 1e22, 5e-324, 1.7976931348623157e308, 1e400, -1e400, 0.1, 100.5e-2]';
    expect(pythonJsonDumps(text)).toBe(
      '[1.0, 1e+16, 1e-05, 0.0001, 1e-05, 100.0, 2.5, -0.0, 0.0, 3.14, 1.5e+300, -1.5e-07, 1.2345678901234568e+17, ' +
        '1234567890123456.8, 1e+16, 1e+22, 5e-324, 1.7976931348623157e+308, Infinity, -Infinity, 0.1, 1.005]',
    );
  });

  it('keeps integers exact, however big', () => {
    expect(pythonJsonDumps('[0, -0, 12345678901234567890123, -98765432109876543210, 9007199254740993]')).toBe(
      '[0, 0, 12345678901234567890123, -98765432109876543210, 9007199254740993]',
    );
  });

  it('keeps key order, integer-like keys included (JSON.parse would move them first)', () => {
    expect(pythonJsonDumps('{"b":1,"2":2,"a":3,"1":4}')).toBe('{"b": 1, "2": 2, "a": 3, "1": 4}');
  });

  it('keeps the last value of a repeated key, at the first key’s position, as a Python dict does', () => {
    expect(pythonJsonDumps('{"a":1,"b":2,"a":3}')).toBe('{"a": 3, "b": 2}');
  });

  it('omits a top-level key on request (ddtags), not nested ones', () => {
    const text = '{"message": "hello world", "ddtags": "a:b", "nested": {"ddtags": "kept"}}';
    expect(pythonJsonDumps(text, { omitTopLevelKey: 'ddtags' })).toBe(
      '{"message": "hello world", "nested": {"ddtags": "kept"}}',
    );
  });

  it('drops the trailing newline of a message (v5 snapshot cloudwatch_log_custom_tags)', () => {
    const message = '{"message": "hello world", "ddtags": "custom_tag1:value1,custom_tag2:value2"}\n';
    expect(pythonJsonDumps(message, { omitTopLevelKey: 'ddtags' })).toBe('{"message": "hello world"}');
  });

  it.each(['{"a":}', '{"a":1} x', '[1,]', '{"a" 1}', "{'a': 1}", '', '[1, 2'])(
    'rejects invalid JSON %j with a SyntaxError',
    (text) => {
      expect(() => pythonJsonDumps(text)).toThrow(SyntaxError);
    },
  );
});

describe('pythonFloat', () => {
  it.each([
    ['1', '1.0'],
    ['-2', '-2.0'],
    ['1e15', '1000000000000000.0'],
    ['1e16', '1e+16'],
    ['1e-4', '0.0001'],
    ['1e-5', '1e-05'],
    ['1.25e-100', '1.25e-100'],
  ])('%s → %s', (text, python) => {
    expect(pythonFloat(text)).toBe(python);
  });
});

describe('pythonString', () => {
  it('escapes as Python’s ensure_ascii encoder', () => {
    expect(pythonString('tab\there "q" é')).toBe(String.raw`"tab\there \"q\" \u00e9"`);
  });
});

describe('pythonJsonDumps on deep nesting', () => {
  it('writes nesting up to MAX_DEPTH and refuses deeper text with a SyntaxError, not a stack overflow', () => {
    const at = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
    expect(pythonJsonDumps(at(MAX_DEPTH))).toBe(at(MAX_DEPTH));
    expect(() => pythonJsonDumps(at(MAX_DEPTH + 1))).toThrow(SyntaxError);
    expect(() => pythonJsonDumps(`{"ddtags":"a:b","m":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`)).toThrow(
      /nested deeper than 1000 levels/,
    );
  });
});

describe('pythonJsonDumpsParsed: Python’s text written from the parse, where provably the same', () => {
  const dumps = (text: string, omitTopLevelKey?: string) => {
    const view = new ParsedMessage(text);
    const parsed = view.object();
    return pythonJsonDumpsParsed(text, parsed, (holder, key) => view.integer(holder, key), { omitTopLevelKey });
  };

  it.each([
    String.raw`{"a":1,"b":[1,2],"c":{"d":null,"e":true,"f":false}}`,
    '  { "a" :\n [ {}, [], "" ] }  ',
    String.raw`{"msg":"café ☕ 😀","ctl":"\u0001\u001f\u007f \b\f\n\r\t","s":"a/b \\ \" \/","lone":"\ud800"}`,
    '{"big":[0, -0, 12345678901234567890123, -98765432109876543210, 9007199254740993],"n":{"x":-12}}',
    '{"a":1,"b":2,"a":3}',
    '{"__proto__":{"x":1},"constructor":"c","ddtags":"a:b","message":"hello"}',
    `{"deep":${'['.repeat(999)}${']'.repeat(999)}}`,
  ])('%s: the same text as parsing it again', (text) => {
    expect(dumps(text)).toBe(pythonJsonDumps(text));
    expect(dumps(text, 'ddtags')).toBe(pythonJsonDumps(text, { omitTopLevelKey: 'ddtags' }));
  });

  it.each([
    ['a float (Python writes 1.0)', '{"a":1.0}'],
    ['an exponent', '{"a":1e2}'],
    ['a digit then a dot in a string (cautious)', '{"v":"1.2"}'],
    ['an integer-like key (JSON.parse moves it first)', '{"b":1,"2":2}'],
    ['nesting past MAX_DEPTH', `{"deep":${'['.repeat(1000)}${']'.repeat(1000)}}`],
  ])('leaves %s to the parsing path', (_why, text) => {
    expect(dumps(text)).toBeUndefined();
  });
});
