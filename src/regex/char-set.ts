// Sets of code points as sorted, disjoint, inclusive [low, high] ranges: what a Python character class, `.`,
// `\w` or a literal stands for once parsed, so classes can be combined (`[\W\d]`, `[^\s]`) before they are written
// out in RE2 syntax, and compared (is every character that may follow `\b` a word character?).
import { PYTHON_DIGIT, PYTHON_SPACE, PYTHON_WORD } from './unicode-classes.js';

export type CharSet = readonly (readonly [number, number])[];

export const MAX_CODE_POINT = 0x10ffff;
export const EMPTY: CharSet = [];
export const ANY: CharSet = [[0, MAX_CODE_POINT]];

export function single(cp: number): CharSet {
  return [[cp, cp]];
}

export function union(...sets: CharSet[]): CharSet {
  const all = sets.flat().sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of all) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

export function complement(set: CharSet): CharSet {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of set) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

export function intersects(a: CharSet, b: CharSet): boolean {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [alo, ahi] = a[i]!;
    const [blo, bhi] = b[j]!;
    if (alo <= bhi && blo <= ahi) return true;
    if (ahi < bhi) i++;
    else j++;
  }
  return false;
}

export function contains(set: CharSet, cp: number): boolean {
  return set.some(([lo, hi]) => lo <= cp && cp <= hi);
}

function pairs(flat: readonly number[]): CharSet {
  const out: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, flat[i + 1]!]);
  return out;
}

const ASCII_WORD: CharSet = union([[0x30, 0x39]], [[0x41, 0x5a]], [[0x5f, 0x5f]], [[0x61, 0x7a]]);
const ASCII_DIGIT: CharSet = [[0x30, 0x39]];
/** Python's ASCII whitespace: space, \t, \n, \v, \f, \r. */
const ASCII_SPACE: CharSet = [
  [0x09, 0x0d],
  [0x20, 0x20],
];
const UNICODE = { w: pairs(PYTHON_WORD), d: pairs(PYTHON_DIGIT), s: pairs(PYTHON_SPACE) };

/** `\w`, `\d`, `\s` (and their negations in upper case) as Python reads them, Unicode unless the `a` flag is on. */
export function classEscape(letter: 'w' | 'd' | 's' | 'W' | 'D' | 'S', ascii: boolean): CharSet {
  const lower = letter.toLowerCase() as 'w' | 'd' | 's';
  const set = ascii ? { w: ASCII_WORD, d: ASCII_DIGIT, s: ASCII_SPACE }[lower] : UNICODE[lower];
  return letter === lower ? set : complement(set);
}

export function wordSet(ascii: boolean): CharSet {
  return classEscape('w', ascii);
}
