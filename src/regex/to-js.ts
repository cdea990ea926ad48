// A faster program for patterns that cannot backtrack far: written as a JavaScript RegExp (V8's engine runs a
// simple pattern about ten times faster than re2js), but only when the pattern has no unbounded repeat (`*`,
// `+`, `{m,}`) and at most MAX_PATHS ways to match at one position. V8 backtracks, but then tries at most that
// many paths from each start, so its time stays linear in the text: `REDACT_IP` (`\d{1,3}` four times: 81
// paths) qualifies; `^(a+)+$` and `REDACT_EMAIL` (`+`) do not and run on re2js. Case-insensitive patterns stay
// on re2js too, so that case folding is RE2's everywhere. The meaning is Python's, as in ./to-re2.ts; JavaScript
// has lookahead, so `$` and `\b` need no analysis here.
import { type CharSet, wordSet } from './char-set.js';
import type { Node, ParsedPattern } from './pattern-tree.js';

/** The most paths from one start position for which a backtracking engine is used. */
const MAX_PATHS = 100;

/**
 * The RegExp source (flags `u`, plus `g` or `y` as used), or undefined when the pattern must run on re2js.
 * `asciiText`: the RegExp only ever sees ASCII text, where JavaScript's `\b` is Python's (and much faster than
 * the Unicode one written with lookarounds).
 */
export function toJs(parsed: ParsedPattern, asciiText: boolean): string | undefined {
  if (paths(parsed.root) > MAX_PATHS || hasCaseFolding(parsed.root)) return undefined;
  return write(parsed.root, asciiText);
}

/** Whether the pattern has a `\b` or `\B` that depends on Unicode word characters. */
export function hasUnicodeBoundary(node: Node): boolean {
  switch (node.type) {
    case 'assert':
      return (node.kind === 'boundary' || node.kind === 'nonBoundary') && !node.ascii;
    case 'chars':
      return false;
    case 'seq':
      return node.items.some(hasUnicodeBoundary);
    case 'alt':
      return node.branches.some(hasUnicodeBoundary);
    default:
      return hasUnicodeBoundary(node.body);
  }
}

/** How many ways the node can match from one position (Infinity when it has an unbounded repeat). */
function paths(node: Node): number {
  switch (node.type) {
    case 'chars':
    case 'assert':
      return 1;
    case 'seq':
      return node.items.reduce((n, item) => n * paths(item), 1);
    case 'alt':
      return node.branches.reduce((n, branch) => n + paths(branch), 0);
    case 'group':
      return paths(node.body);
    case 'lookbehind':
      return paths(node.body) + 1;
    case 'repeat': {
      if (node.max === Infinity) return Infinity;
      const body = paths(node.body);
      let total = 0;
      for (let k = node.min; k <= node.max && total <= MAX_PATHS; k++) total += body ** k;
      return total;
    }
  }
}

function hasCaseFolding(node: Node): boolean {
  switch (node.type) {
    case 'chars':
      return node.icase;
    case 'seq':
      return node.items.some(hasCaseFolding);
    case 'alt':
      return node.branches.some(hasCaseFolding);
    case 'group':
    case 'lookbehind':
    case 'repeat':
      return hasCaseFolding(node.body);
    case 'assert':
      return false;
  }
}

function write(node: Node, ascii: boolean): string {
  switch (node.type) {
    case 'chars': {
      const { set, negated } = node;
      if (!negated && set.length === 1 && set[0]![0] === set[0]![1]) return hex(set[0]![0]);
      return charClass(set, negated);
    }
    case 'seq':
      return node.items.map((item) => write(item, ascii)).join('');
    case 'alt':
      return `(?:${node.branches.map((branch) => write(branch, ascii)).join('|')})`;
    case 'group':
      return node.index === undefined ? `(?:${write(node.body, ascii)})` : `(${write(node.body, ascii)})`;
    case 'lookbehind':
      return `(?<${node.negated ? '!' : '='}${write(node.body, ascii)})`;
    case 'repeat': {
      const { min, max } = node;
      return `(?:${write(node.body, ascii)}){${min},${max}}${node.lazy ? '?' : ''}`;
    }
    case 'assert':
      return assertion(node, ascii);
  }
}

function assertion(node: Extract<Node, { type: 'assert' }>, ascii: boolean): string {
  switch (node.kind) {
    case 'start':
    case 'textStart':
      return '^';
    case 'textEnd':
      return '$';
    case 'lineStart':
      return '(?<![^\\n])';
    case 'lineEnd':
      return '(?![^\\n])';
    case 'end':
      return '(?=\\n?$)';
    case 'boundary':
    case 'nonBoundary': {
      if (node.ascii || ascii) return node.kind === 'boundary' ? '\\b' : '\\B';
      const w = charClass(wordSet(node.ascii), false);
      return node.kind === 'boundary'
        ? `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`
        : `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))`;
    }
  }
}

function charClass(set: CharSet, negated: boolean): string {
  const ranges = set.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');
  return `[${negated ? '^' : ''}${ranges}]`;
}

function hex(cp: number): string {
  return `\\u{${cp.toString(16)}}`;
}
