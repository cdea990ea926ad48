import { exactInt, exactNumber, parseExactJson } from '../../../src/parse/exact-json.js';

describe('parseExactJson', () => {
  it('keeps every digit of integers beyond 2^53', () => {
    const parsed = parseExactJson('{"a":1636820292450000128,"b":-9223372036854775808,"c":12}') as Record<
      string,
      unknown
    >;
    expect(exactInt(parsed.a)).toBe(1636820292450000128n);
    expect(exactInt(parsed.b)).toBe(-9223372036854775808n);
    expect(exactInt(parsed.c)).toBe(12n);
  });

  it.each([
    [
      'digits inside strings',
      '{"s":"1636820292450000128 \\"1636820292450000128\\""}',
      { s: '1636820292450000128 "1636820292450000128"' },
    ],
    [
      'decimals and exponents',
      '{"f":0.12345678901234567890,"e":1.5e+300,"g":12345678901234567890e2}',
      { f: Number('0.12345678901234567890'), e: 1.5e300, g: Number('12345678901234567890e2') },
    ],
  ])('leaves %s alone', (_name, text, expected) => {
    expect(parseExactJson(text)).toEqual(expected);
  });

  it('reads numbers back as numbers, and rejects non-integers as integers', () => {
    const parsed = parseExactJson('{"a":1636820292450000128,"b":1.5}') as Record<string, unknown>;
    expect(exactNumber(parsed.a)).toBe(1636820292450000128);
    expect(exactInt(parsed.b)).toBeUndefined();
    expect(exactInt('1636820292450000128')).toBeUndefined();
  });
});
