// The character-level half of reading a Python `re` pattern, as CPython's re/_parser.py reads it: escapes
// (octal, \x \u \U, class escapes, group references, which are refused: not linear), character classes and
// ranges, code points (a surrogate pair is one character, as in a Python str), and the errors that say where.
// python-pattern.ts reads the structure (groups, repeats, alternation) on top of it.
import { type CharSet, classEscape, EMPTY, single, union } from './char-set.js';
import { PatternError, type Flags, type Node } from './pattern-tree.js';

const SIMPLE_ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
const ASCII_LETTER = /[A-Za-z]/;
const DIGIT = /[0-9]/;
const OCTAL = /[0-7]/;
const HEX = /^[0-9a-fA-F]+$/;
export abstract class PatternScanner {
  protected i = 0;

  constructor(protected readonly s: string) {}

  /** The code point that starts at i - 1 (a surrogate pair is one character, as in a Python str). */
  protected codePointBefore(): number {
    const cp = this.s.codePointAt(this.i - 1)!;
    if (cp > 0xffff) this.i++;
    return cp;
  }

  protected literal(cp: number, flags: Flags): Node {
    return { type: 'chars', set: single(cp), negated: false, icase: flags.i };
  }

  protected escape(flags: Flags): Node {
    const c = this.s[this.i];
    if (c === undefined) throw this.error('bad escape (end of pattern)');
    this.i++;
    switch (c) {
      case 'A':
        return { type: 'assert', kind: 'textStart', ascii: flags.a };
      case 'Z':
        return { type: 'assert', kind: 'textEnd', ascii: flags.a };
      case 'b':
        return { type: 'assert', kind: 'boundary', ascii: flags.a };
      case 'B':
        return { type: 'assert', kind: 'nonBoundary', ascii: flags.a };
      case 'w':
      case 'W':
      case 'd':
      case 'D':
      case 's':
      case 'S':
        return { type: 'chars', set: classEscape(c, flags.a), negated: false, icase: false };
    }
    if (DIGIT.test(c)) {
      const at = this.i - 2;
      const reference = /^\d\d?/.exec(this.s.slice(this.i - 1))![0];
      const octal = this.octalOrReference(c);
      if (octal === undefined) throw this.unsupported(`a back reference (\\${reference})`, at);
      return this.literal(octal, flags);
    }
    return this.literal(this.commonEscape(c, false), flags);
  }

  /** `\0`, `\012`, `\377` are octal; `\1` to `\99` refer to a group. */
  protected octalOrReference(first: string): number | undefined {
    if (first === '0') return this.octalDigits(0o0, 2);
    const three = this.s.slice(this.i - 1, this.i + 2);
    if (/^[0-7]{3}$/.test(three)) {
      const value = parseInt(three, 8);
      if (value > 0o377) throw this.error(`octal escape value \\${three} outside of range 0-0o377`);
      this.i += 2;
      return value;
    }
    if (DIGIT.test(this.s[this.i] ?? '')) this.i++;
    return undefined;
  }

  protected octalDigits(value: number, more: number): number {
    let v = value;
    for (let k = 0; k < more && OCTAL.test(this.s[this.i] ?? ''); k++) v = v * 8 + Number(this.s[this.i++]);
    return v;
  }

  /** Escapes shared by patterns and classes: \a \f \n \r \t \v \\ \x \u \U, and escaped punctuation. */
  protected commonEscape(c: string, inClass: boolean): number {
    if (c in SIMPLE_ESCAPES && (c !== 'b' || inClass)) return SIMPLE_ESCAPES[c]!;
    const width = { x: 2, u: 4, U: 8 }[c];
    if (width !== undefined) {
      const hex = this.s.slice(this.i, this.i + width);
      if (hex.length !== width || !HEX.test(hex)) throw this.error(`incomplete escape \\${c}${hex}`);
      this.i += width;
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) throw this.error(`bad escape \\${c}${hex}`);
      return cp;
    }
    if (c === 'N') throw this.unsupported('a named character escape \\N{...} (write the character or \\uXXXX)');
    if (ASCII_LETTER.test(c)) throw this.error(`bad escape \\${c}`);
    return this.codePointBefore();
  }

  protected characterClass(flags: Flags): Node {
    const negated = this.s[this.i] === '^';
    if (negated) this.i++;
    const parts: CharSet[] = [];
    let first = true;
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) throw this.error('unterminated character set');
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      const low = this.classItem(flags);
      if (this.s[this.i] === '-' && this.s[this.i + 1] !== ']' && this.s[this.i + 1] !== undefined) {
        this.i++;
        const high = this.classItem(flags);
        if (typeof low !== 'number' || typeof high !== 'number') throw this.error('bad character range');
        if (high < low) throw this.error('bad character range');
        parts.push([[low, high]]);
      } else {
        parts.push(typeof low === 'number' ? single(low) : low);
      }
    }
    const set = parts.length === 0 ? EMPTY : union(...parts);
    return { type: 'chars', set, negated, icase: flags.i };
  }

  /** One character (a code point) or a class escape's set. */
  protected classItem(flags: Flags): number | CharSet {
    this.i++;
    if (this.s[this.i - 1] !== '\\') return this.codePointBefore();
    const c = this.s[this.i++];
    if (c === undefined) throw this.error('unterminated character set');
    if ('wWdDsS'.includes(c)) return classEscape(c as 'w', flags.a);
    if (OCTAL.test(c)) return this.octalDigits(Number(c), 2);
    if (DIGIT.test(c)) throw this.error(`bad escape \\${c}`);
    return this.commonEscape(c, true);
  }

  protected error(why: string, at = this.i): PatternError {
    return new PatternError(`${why} at position ${at}`, false);
  }

  protected unsupported(construct: string, at = this.i): PatternError {
    return new PatternError(`${construct} at position ${at}`, true);
  }
}
