// The tree a Python `re` pattern is read into (python-pattern.ts) and written out from (to-re2.ts, to-js.ts).
import { complement, type CharSet } from './char-set.js';

export type Node =
  | { readonly type: 'chars'; readonly set: CharSet; readonly negated: boolean; readonly icase: boolean }
  | { readonly type: 'seq'; readonly items: readonly Node[] }
  | { readonly type: 'alt'; readonly branches: readonly Node[] }
  | { readonly type: 'group'; readonly index?: number; readonly body: Node }
  | { readonly type: 'repeat'; readonly min: number; readonly max: number; readonly lazy: boolean; readonly body: Node }
  | { readonly type: 'assert'; readonly kind: AssertKind; readonly ascii: boolean }
  | { readonly type: 'lookbehind'; readonly negated: boolean; readonly body: Node };

/** `^` `$` without MULTILINE are `start`/`end`; with it `lineStart`/`lineEnd`; `\A` `\Z`; `\b` `\B`. */
type AssertKind = 'start' | 'end' | 'lineStart' | 'lineEnd' | 'textStart' | 'textEnd' | 'boundary' | 'nonBoundary';

export interface ParsedPattern {
  readonly root: Node;
  readonly groups: number;
  readonly names: ReadonlyMap<string, number>;
}

/** A pattern that cannot be used. `python` says whether Python's re would have accepted it. */
export class PatternError extends Error {
  constructor(
    message: string,
    readonly acceptedByPython: boolean,
  ) {
    super(message);
    this.name = 'PatternError';
  }
}

/** Python's inline flags: IGNORECASE, MULTILINE, DOTALL, VERBOSE, ASCII. */
export interface Flags {
  readonly i: boolean;
  readonly m: boolean;
  readonly s: boolean;
  readonly x: boolean;
  readonly a: boolean;
}

/** The set a `chars` node matches, negation applied (case folding aside). */
export function effectiveSet(node: Extract<Node, { type: 'chars' }>): CharSet {
  return node.negated ? complement(node.set) : node.set;
}
