// Reads a regular expression in the syntax of Python 3's `re` module (str patterns,
// https://docs.python.org/3/library/re.html#regular-expression-syntax) into a tree, as CPython's re/_parser.py
// does: the same escapes, inline flags, verbose mode, `{` taken literally when it starts no repeat, octal and
// group references. What Python refuses is refused with its reason; what Python accepts but a linear-time engine
// cannot run (back references, lookahead, conditionals, atomic groups, possessive repeats) is refused by name.
// This file reads the structure (groups, flags, repeats, alternation); pattern-scanner.ts reads the characters.
import { ANY, single } from './char-set.js';
import { PatternScanner } from './pattern-scanner.js';
import type { Flags, Node, ParsedPattern } from './pattern-tree.js';

/** The largest repeat count RE2 accepts; Python allows more. */
const MAX_REPEAT = 1000;

/** `{m}`, `{m,}`, `{,n}`, `{m,n}`, `{,}`; anything else after `{` (`{}`, `{ 1}`) is literal text. */
const REPEAT = /^\{(?:(\d+)(?:(,)(\d*))?|(,)(\d*))\}/;

export function parsePythonPattern(source: string): ParsedPattern {
  return new Parser(source).parse();
}

class Parser extends PatternScanner {
  private groups = 0;
  private readonly names = new Map<string, number>();
  private lookbehindDepth = 0;

  parse(): ParsedPattern {
    const flags = this.globalFlags();
    const root = this.alternation(flags);
    if (this.i < this.s.length) {
      throw this.error(this.s[this.i] === ')' ? 'unbalanced parenthesis' : 'unexpected text');
    }
    return { root, groups: this.groups, names: this.names };
  }

  /** `(?aimsux)` groups at the very start apply to the whole pattern (Python 3.11+ allows them nowhere else). */
  private globalFlags(): Flags {
    let flags: Flags = { i: false, m: false, s: false, x: false, a: false };
    for (;;) {
      const match = /^\(\?([a-zA-Z]+)\)/.exec(this.s.slice(this.i));
      if (!match) return flags;
      flags = this.applyFlags(flags, match[1]!, '');
      this.i += match[0].length;
    }
  }

  private applyFlags(flags: Flags, on: string, off: string): Flags {
    const next = { ...flags };
    for (const letter of on + off) {
      if (letter === 'L') throw this.error("bad inline flag: cannot use 'L' flag with a str pattern");
      if (!'aimsux'.includes(letter)) throw this.error(`unknown flag ${letter}`);
    }
    if (on.includes('a') && on.includes('u')) throw this.error("bad inline flag: flags 'a' and 'u' are incompatible");
    for (const letter of on) if (letter !== 'u') next[letter as keyof Flags] = true;
    for (const letter of off) {
      if (!'imsx'.includes(letter)) throw this.error(`bad inline flag: cannot turn off flag ${letter}`);
      next[letter as keyof Flags] = false;
    }
    if (on.includes('u')) next.a = false;
    return next;
  }

  private alternation(flags: Flags): Node {
    const branches = [this.sequence(flags)];
    while (this.s[this.i] === '|') {
      this.i++;
      branches.push(this.sequence(flags));
    }
    return branches.length === 1 ? branches[0]! : { type: 'alt', branches };
  }

  private sequence(flags: Flags): Node {
    const items: Node[] = [];
    for (;;) {
      this.skipVerbose(flags);
      const c = this.s[this.i];
      if (c === undefined || c === '|' || c === ')') break;
      if ('*+?'.includes(c) || (c === '{' && this.repeatAhead())) {
        const last = items.pop();
        if (last === undefined || last.type === 'assert' || last.type === 'lookbehind') {
          throw this.error('nothing to repeat');
        }
        if (last.type === 'repeat') throw this.error('multiple repeat');
        items.push(this.repeat(last));
        continue;
      }
      const item = this.atom(flags);
      if (item !== undefined) items.push(item);
    }
    return items.length === 1 ? items[0]! : { type: 'seq', items };
  }

  private skipVerbose(flags: Flags): void {
    if (!flags.x) return;
    for (;;) {
      const c = this.s[this.i];
      if (c !== undefined && ' \t\n\r\v\f'.includes(c)) this.i++;
      else if (c === '#') {
        while (this.i < this.s.length && this.s[this.i] !== '\n') this.i++;
      } else return;
    }
  }

  private repeatAhead(): boolean {
    return REPEAT.test(this.s.slice(this.i));
  }

  private repeat(body: Node): Node {
    const c = this.s[this.i]!;
    let min = 0;
    let max = Infinity;
    if (c === '{') {
      const match = REPEAT.exec(this.s.slice(this.i))!;
      this.i += match[0].length;
      const [, low, comma = match[4], high = match[5]] = match;
      min = low === undefined ? 0 : Number(low);
      max = comma === undefined ? min : high === '' || high === undefined ? Infinity : Number(high);
      if (max < min) throw this.error('min repeat greater than max repeat');
      if (min > MAX_REPEAT || (max !== Infinity && max > MAX_REPEAT)) {
        throw this.unsupported(`a repeat count over ${MAX_REPEAT} (${match[0]})`);
      }
    } else {
      this.i++;
      if (c === '+') min = 1;
      if (c === '?') max = 1;
    }
    let lazy = false;
    if (this.s[this.i] === '?') {
      lazy = true;
      this.i++;
    } else if (this.s[this.i] === '+') {
      throw this.unsupported('a possessive repeat (*+, ++, ?+, {m,n}+)');
    }
    return { type: 'repeat', min, max, lazy, body };
  }

  private atom(flags: Flags): Node | undefined {
    const c = this.s[this.i]!;
    if (c === '(') return this.group(flags);
    this.i++;
    switch (c) {
      case '.':
        return { type: 'chars', set: flags.s ? ANY : single(10), negated: !flags.s, icase: false };
      case '^':
        return { type: 'assert', kind: flags.m ? 'lineStart' : 'start', ascii: flags.a };
      case '$':
        return { type: 'assert', kind: flags.m ? 'lineEnd' : 'end', ascii: flags.a };
      case '[':
        return this.characterClass(flags);
      case '\\':
        return this.escape(flags);
      default:
        return this.literal(this.codePointBefore(), flags);
    }
  }

  private group(flags: Flags): Node | undefined {
    const start = this.i;
    this.i++;
    if (this.s[this.i] !== '?') return this.capture(flags, undefined);
    this.i++;
    const c = this.s[this.i];
    const rest = this.s.slice(this.i);
    if (c === ':') {
      this.i++;
      return this.groupBody(flags, undefined);
    }
    if (rest.startsWith('P<')) {
      const match = /^P<([^>]*)>/.exec(rest);
      if (!match) throw this.error('missing >, unterminated name');
      const name = match[1]!;
      if (!/^[\p{L}\p{Nl}_][\p{L}\p{N}\p{Mn}\p{Mc}\p{Pc}]*$/u.test(name))
        throw this.error(`bad character in group name '${name}'`);
      if (this.names.has(name)) throw this.error(`redefinition of group name '${name}'`);
      this.i += match[0].length;
      return this.capture(flags, name);
    }
    if (rest.startsWith('P=')) throw this.unsupported('a back reference by name (?P=name)', start);
    if (c === '#') {
      const end = this.s.indexOf(')', this.i);
      if (end < 0) throw this.error('missing ), unterminated comment');
      this.i = end + 1;
      return undefined;
    }
    if (c === '=' || c === '!') throw this.unsupported(`a lookahead (?${c}...)`, start);
    if (rest.startsWith('<=') || rest.startsWith('<!')) return this.lookbehind(flags, rest[1] === '!');
    if (c === '(') throw this.unsupported('a conditional group (?(id)yes|no)', start);
    if (c === '>') throw this.unsupported('an atomic group (?>...)', start);
    const flagMatch = /^([a-zA-Z]*)(?:-([a-zA-Z]*))?([:)])/.exec(rest);
    if (flagMatch && (flagMatch[1] !== '' || flagMatch[2] !== undefined)) {
      if (flagMatch[3] === ')') throw this.error('global flags not at the start of the expression', start);
      this.i += flagMatch[0].length;
      return this.groupBody(this.applyFlags(flags, flagMatch[1]!, flagMatch[2] ?? ''), undefined);
    }
    throw this.error(`unknown extension ?${c ?? ''}`);
  }

  private capture(flags: Flags, name: string | undefined): Node {
    if (this.lookbehindDepth > 0) throw this.unsupported('a capturing group inside a lookbehind');
    const index = ++this.groups;
    if (name !== undefined) this.names.set(name, index);
    return this.groupBody(flags, index);
  }

  private groupBody(flags: Flags, index: number | undefined): Node {
    const body = this.alternation(flags);
    if (this.s[this.i] !== ')') throw this.error('missing ), unterminated subpattern');
    this.i++;
    return { type: 'group', index, body };
  }

  private lookbehind(flags: Flags, negated: boolean): Node {
    this.i += 2;
    this.lookbehindDepth++;
    const body = this.alternation(flags);
    this.lookbehindDepth--;
    if (this.s[this.i] !== ')') throw this.error('missing ), unterminated subpattern');
    this.i++;
    return { type: 'lookbehind', negated, body };
  }
}
