import { stringifyJson } from '../../../src/parse/stringify-json.js';

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return open.repeat(depth) + inner + close.repeat(depth);
}

describe('stringifyJson', () => {
  it.each([
    ['an object', { a: 1, b: [true, null, 'x'], c: { d: 'é' } }],
    ['an array with holes the way JSON writes them', [1, undefined, () => 1, { u: undefined, f: () => 1, k: 2 }]],
    ['a string', 'text "quoted"'],
    ['a Date (toJSON)', { at: new Date(0) }],
  ])('writes %s as JSON.stringify does', (_what, value) => {
    expect(stringifyJson(value)).toBe(JSON.stringify(value));
  });

  it.each([
    ['arrays', nested(100_000, '[', ']')],
    ['objects in arrays with siblings', nested(50_000, '[{"k":[1,"s",', ']}]', '{}')],
  ])('writes %s nested 100,000 levels, which JSON.stringify cannot, to the text they were parsed from', (_w, text) => {
    const value: unknown = JSON.parse(text);
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    expect(stringifyJson(value)).toBe(text);
  });

  it('writes, past the depth JSON.stringify can take, what JSON.stringify would (holes, functions, toJSON)', () => {
    const quirks = [1, undefined, () => 1, { u: undefined, f: () => 1, k: 2, at: new Date(0) }];
    const deep: unknown = JSON.parse(nested(100_000, '[', ']'));
    expect(stringifyJson([deep, quirks])).toBe(`[${nested(100_000, '[', ']')},${JSON.stringify(quirks)}]`);
  });

  it('keeps a __proto__ key as data', () => {
    const value: unknown = JSON.parse(`{"__proto__":{"polluted":true},"deep":${nested(20_000, '[', ']')}}`);
    expect(stringifyJson(value)).toContain('{"__proto__":{"polluted":true},"deep":[[[');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
