// Writes a parsed Python pattern in RE2 syntax (https://github.com/google/re2/wiki/Syntax) with Python's meaning:
// classes as explicit code point ranges (Python's Unicode \w \d \s), `^` `\A` `\Z` as RE2's `\A` `\z`, and
// the two assertions RE2 has no exact equivalent for worked out from what may follow them:
// - `$` (without MULTILINE) also matches before a final newline. At the end of a pattern it becomes
//   `(?:\z|(\n)\z)`; where the pattern must go on with a character other than a newline it can never match.
// - `\b` and `\B` are Unicode-aware in Python and ASCII-only in RE2. On ASCII text RE2's are exact (the caller
//   picks that program); otherwise `\b` becomes a lookbehind on the character before, given what the pattern must
//   consume next (all word or all non-word characters), or, at the end of the pattern, a lookbehind plus the next
//   character.
// A character consumed only to look at it is captured in a "trim" group: the match ends where that group starts.
// Anything else is refused with the construct named, never translated approximately.
import {
  ANY,
  type CharSet,
  complement,
  contains,
  EMPTY,
  intersects,
  MAX_CODE_POINT,
  union,
  wordSet,
} from './char-set.js';
import { effectiveSet, type Node, type ParsedPattern, PatternError } from './pattern-tree.js';

export interface Re2Translation {
  readonly source: string;
  /** Whether the RE2 program needs lookbehinds (RE2JS.LOOKBEHINDS). */
  readonly lookbehinds: boolean;
  /** RE2 group number of each Python group (index 0 is the whole match). */
  readonly groupIndex: readonly number[];
  /** RE2 groups that hold a character consumed only to look at it. */
  readonly trimGroups: readonly number[];
  /** Whether `\b`/`\B` were written for Unicode text (an ASCII-text program can use RE2's own). */
  readonly unicodeBoundaries: boolean;
}

/** What can come after a point of the pattern: the first characters, and whether the match can end there. */
interface Follow {
  readonly set: CharSet;
  readonly canEnd: boolean;
  /** Whether an assertion may stand between this point and the next character or the end. */
  readonly asserts: boolean;
}

interface First {
  readonly set: CharSet;
  readonly nullable: boolean;
  readonly asserts: boolean;
}

const END: Follow = { set: EMPTY, canEnd: true, asserts: false };
const UNKNOWN: Follow = { set: ANY, canEnd: true, asserts: true };
const NEVER = `[^\\x{0}-\\x{${MAX_CODE_POINT.toString(16)}}]`;

/** `asciiText`: the program only ever sees ASCII text, where RE2's `\b` is Python's. */
export function toRe2(parsed: ParsedPattern, asciiText: boolean): Re2Translation {
  return new Writer(asciiText).write(parsed);
}

class Writer {
  private groups = 0;
  private readonly groupIndex: number[] = [0];
  private readonly trimGroups: number[] = [];
  private lookbehinds = false;
  private unicodeBoundaries = false;

  constructor(private readonly asciiText: boolean) {}

  write(parsed: ParsedPattern): Re2Translation {
    const source = this.node(parsed.root, END);
    return {
      source,
      lookbehinds: this.lookbehinds,
      groupIndex: this.groupIndex,
      trimGroups: this.trimGroups,
      unicodeBoundaries: this.unicodeBoundaries,
    };
  }

  private node(node: Node, follow: Follow): string {
    switch (node.type) {
      case 'chars':
        return chars(node);
      case 'seq':
        return this.sequence(node.items, follow);
      case 'alt':
        return `(?:${node.branches.map((b) => this.node(b, follow)).join('|')})`;
      case 'group': {
        if (node.index === undefined) return `(?:${this.node(node.body, follow)})`;
        this.groupIndex[node.index] = ++this.groups;
        return `(${this.node(node.body, follow)})`;
      }
      case 'repeat':
        return this.repeat(node, follow);
      case 'lookbehind':
        this.lookbehinds = true;
        return `(?<${node.negated ? '!' : '='}${this.node(node.body, UNKNOWN)})`;
      case 'assert':
        return this.assertion(node, follow);
    }
  }

  private sequence(items: readonly Node[], follow: Follow): string {
    // What follows each item, worked out from the end; the items are then written in order, so that groups are
    // numbered as in Python.
    const follows: Follow[] = new Array<Follow>(items.length);
    let after = follow;
    for (let i = items.length - 1; i >= 0; i--) {
      follows[i] = after;
      after = prepend(first(items[i]!), after);
    }
    return items.map((item, i) => this.node(item, follows[i]!)).join('');
  }

  private repeat(node: Extract<Node, { type: 'repeat' }>, follow: Follow): string {
    // A repeated body may be followed by itself as well as by what follows the repeat.
    const head = first(node.body);
    const bodyFollow =
      node.max > 1
        ? { set: union(head.set, follow.set), canEnd: follow.canEnd, asserts: head.asserts || follow.asserts }
        : follow;
    const body = `(?:${this.node(node.body, bodyFollow)})`;
    const { min, max } = node;
    const quantifier =
      min === 0 && max === Infinity
        ? '*'
        : min === 1 && max === Infinity
          ? '+'
          : min === 0 && max === 1
            ? '?'
            : max === Infinity
              ? `{${min},}`
              : min === max
                ? `{${min}}`
                : `{${min},${max}}`;
    return body + quantifier + (node.lazy ? '?' : '');
  }

  private assertion(node: Extract<Node, { type: 'assert' }>, follow: Follow): string {
    switch (node.kind) {
      case 'start':
      case 'textStart':
        return '\\A';
      case 'textEnd':
        return '\\z';
      case 'lineStart':
        return '(?m:^)';
      case 'lineEnd':
        return '(?m:$)';
      case 'end':
        return this.end(follow);
      case 'boundary':
      case 'nonBoundary':
        return node.ascii || this.asciiText
          ? node.kind === 'boundary'
            ? '\\b'
            : '\\B'
          : this.boundary(node.kind, follow);
    }
  }

  /** Python's `$`: the end, or just before a newline that ends the text. */
  private end(follow: Follow): string {
    if (isTail(follow)) return `(?:\\z|${this.trim('\\n')}\\z)`;
    if (!follow.canEnd && !contains(follow.set, 10)) return NEVER;
    throw new PatternError('a `$` followed by more of the pattern that may match a newline or nothing', true);
  }

  /** Python's Unicode `\b` (or `\B`), which depends on the characters before and after. */
  private boundary(kind: 'boundary' | 'nonBoundary', follow: Follow): string {
    this.unicodeBoundaries = true;
    this.lookbehinds = true;
    const word = wordSet(false);
    const w = charClass(word, false);
    const nw = charClass(complement(word), false);
    const atWordBoundary = kind === 'boundary';
    if (!follow.canEnd && follow.set.length > 0) {
      if (!intersects(follow.set, complement(word))) return atWordBoundary ? `(?<!${w})` : `(?<=${w})`;
      if (!intersects(follow.set, word)) return atWordBoundary ? `(?<=${w})` : `(?<!${w})`;
    }
    if (isTail(follow)) {
      return atWordBoundary
        ? `(?:(?<=${w})(?:\\z|${this.trim(nw)})|(?<!${w})${this.trim(w)})`
        : `(?:(?<=${w})${this.trim(w)}|(?<!${w})(?:\\z|${this.trim(nw)}))`;
    }
    throw new PatternError(
      `a \`\\${atWordBoundary ? 'b' : 'B'}\` followed by something that may or may not start with a word character (Forwarder can evaluate it on Unicode text only when what follows is all word or all non-word characters, or at the end of the pattern)`,
      true,
    );
  }

  private trim(inner: string): string {
    this.trimGroups.push(++this.groups);
    return `(${inner})`;
  }
}

/** Nothing more is consumed and no other assertion is evaluated: the end of the pattern. */
function isTail(follow: Follow): boolean {
  return follow.set.length === 0 && follow.canEnd && !follow.asserts;
}

function prepend(head: First, follow: Follow): Follow {
  if (!head.nullable) return { set: head.set, canEnd: false, asserts: head.asserts };
  return { set: union(head.set, follow.set), canEnd: follow.canEnd, asserts: head.asserts || follow.asserts };
}

function first(node: Node): First {
  switch (node.type) {
    case 'chars':
      return { set: effectiveSet(node), nullable: false, asserts: false };
    case 'seq': {
      let set: CharSet = EMPTY;
      let asserts = false;
      for (const item of node.items) {
        const f = first(item);
        set = union(set, f.set);
        asserts ||= f.asserts;
        if (!f.nullable) return { set, nullable: false, asserts };
      }
      return { set, nullable: true, asserts };
    }
    case 'alt': {
      const all = node.branches.map(first);
      return {
        set: union(...all.map((f) => f.set)),
        nullable: all.some((f) => f.nullable),
        asserts: all.some((f) => f.asserts),
      };
    }
    case 'group':
      return first(node.body);
    case 'repeat': {
      if (node.max === 0) return { set: EMPTY, nullable: true, asserts: false };
      const f = first(node.body);
      return { set: f.set, nullable: node.min === 0 || f.nullable, asserts: f.asserts };
    }
    case 'assert':
    case 'lookbehind':
      return { set: EMPTY, nullable: true, asserts: true };
  }
}

function chars(node: Extract<Node, { type: 'chars' }>): string {
  const { set, negated, icase } = node;
  const only = set.length === 1 && set[0]![0] === set[0]![1] && !negated ? set[0]![0] : undefined;
  const text = only !== undefined ? literal(only) : charClass(set, negated);
  return icase ? `(?i:${text})` : text;
}

function charClass(set: CharSet, negated: boolean): string {
  if (set.length === 0) return negated ? `[\\x{0}-\\x{${MAX_CODE_POINT.toString(16)}}]` : NEVER;
  const ranges = set.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');
  return `[${negated ? '^' : ''}${ranges}]`;
}

function literal(cp: number): string {
  return /^[A-Za-z0-9]$/.test(String.fromCodePoint(cp)) ? String.fromCodePoint(cp) : hex(cp);
}

function hex(cp: number): string {
  return `\\x{${cp.toString(16)}}`;
}
