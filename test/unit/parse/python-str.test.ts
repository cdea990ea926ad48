import { isPythonSpace, OTHER_PYTHON_LINE_BREAKS, pythonStrip } from '../../../src/parse/python-str.js';

// python3 -c "print([hex(c) for c in range(0x110000) if chr(c).isspace()])"
const PYTHON_SPACES = [
  0x9, 0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];
// python3 -c "print([hex(c) for c in range(0x110000) if len(('a'+chr(c)+'b').splitlines()) == 2])"
const PYTHON_LINE_BREAKS = [0xa, 0xb, 0xc, 0xd, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029];

const allCodeUnits = Array.from({ length: 0x10000 }, (_, code) => code);

describe('Python str semantics', () => {
  it('isPythonSpace holds for exactly the characters of str.isspace()', () => {
    expect(allCodeUnits.filter(isPythonSpace)).toEqual(PYTHON_SPACES);
  });

  it('OTHER_PYTHON_LINE_BREAKS are the str.splitlines() breaks besides \\n and \\r', () => {
    const found = allCodeUnits.filter((c) => OTHER_PYTHON_LINE_BREAKS.test(String.fromCharCode(c)));
    expect(found).toEqual(PYTHON_LINE_BREAKS.filter((c) => c !== 0xa && c !== 0xd));
  });

  it.each([
    ['\x1c a \x85', 'a'],
    ['\ufeff a \ufeff', '\ufeff a \ufeff'],
    ['plain', 'plain'],
    [' \t\n', ''],
  ])('pythonStrip(%j) is %j, as str.strip()', (text, stripped) => {
    expect(pythonStrip(text)).toBe(stripped);
  });
});
