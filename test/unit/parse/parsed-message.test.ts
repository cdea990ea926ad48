import { ParsedMessage } from '../../../src/parse/parsed-message.js';

describe('ParsedMessage', () => {
  it.each([
    ['{"a":1}', true],
    [' \t\r\n{"a":1}', true],
    ['\u00a0{"a":1}', false],
    ['[{"a":1}]', false],
    ['plain text {"a":1}', false],
    ['', false],
  ])('%j may be a JSON object: %s (by its first character only)', (text, expected) => {
    expect(new ParsedMessage(text).isObjectText).toBe(expected);
  });

  it('parses once, on first use, and keeps the result', () => {
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const view = new ParsedMessage('{"a":{"b":2}}');
      expect(parse).not.toHaveBeenCalled();
      expect(view.object()).toEqual({ a: { b: 2 } });
      expect(view.object()).toBe(view.object());
      expect(view.embeddedObject()).toBe(view.object());
      expect(parse).toHaveBeenCalledTimes(1);
    } finally {
      parse.mockRestore();
    }
  });

  it('never tries to parse a message that cannot be a JSON object', () => {
    const parse = jest.spyOn(JSON, 'parse');
    try {
      for (const text of ['START RequestId: x', '[1,2]', '"a string"', '12']) {
        expect(new ParsedMessage(text).object()).toBeUndefined();
      }
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it.each(['{"a":', '{"a":1} trailing', '{"a":1}}'])('%j is not a JSON object', (text) => {
    expect(new ParsedMessage(text).object()).toBeUndefined();
  });

  it('reads the JSON object after a text prefix, once', () => {
    const view = new ParsedMessage('2026-01-01T00:00:00Z\tid\tINFO\t{"dd":{"trace_id":"1"}}');
    expect(view.object()).toBeUndefined();
    expect(view.embeddedObject()).toEqual({ dd: { trace_id: '1' } });
    expect(view.embeddedObject()).toBe(view.embeddedObject());
  });

  it('keeps every digit of integers beyond 2^53', () => {
    const view = new ParsedMessage(
      '{"a":1636820292450000128,"b":-9223372036854775808,"c":12,"d":{"e":[18446744073709551615]}}',
    );
    const json = view.object()!;
    expect(view.integer(json, 'a')).toBe(1636820292450000128n);
    expect(view.integer(json, 'b')).toBe(-9223372036854775808n);
    expect(view.integer(json, 'c')).toBe(12n);
    const inner = (json.d as { e: number[] }).e;
    expect(view.integer(inner, '0')).toBe(18446744073709551615n);
    // The values themselves are JSON.parse's.
    expect(json.a).toBe(1636820292450000128);
  });

  it.each([
    ['digits inside strings', '{"s":"1636820292450000128 \\"1636820292450000128\\""}', 's', undefined],
    ['a decimal', '{"f":0.12345678901234567890}', 'f', undefined],
    ['a fraction', '{"f":1.5}', 'f', undefined],
    ['an exponent', '{"g":12345678901234567890e2}', 'g', BigInt(Number('12345678901234567890e2'))],
    ['a string of digits', '{"s":"1636820292450000128"}', 's', undefined],
  ])('reads %s as it is', (_name, text, key, expected) => {
    const view = new ParsedMessage(text);
    expect(view.integer(view.object()!, key)).toBe(expected);
  });

  it('a rewriting that holds the same JSON is not parsed again, and keeps exact integers', () => {
    const view = new ParsedMessage('{"ddtags":"a:b","dd":{"trace_id":12345678901234567891}}');
    const { ddtags: _ddtags, ...rest } = view.object()!;
    const parse = jest.spyOn(JSON, 'parse');
    try {
      const rewritten = view.rewritten('{"dd": {"trace_id": 12345678901234567891}}', rest);
      expect(rewritten.object()).toBe(rest);
      expect(rewritten.integer(rest.dd as object, 'trace_id')).toBe(12345678901234567891n);
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});
