// What a redaction detector is: a name users switch on (FORWARDER_REDACT, or a routing rule's `redact`), the
// text that replaces what it finds, and a scanner that finds it in time linear in the text.

/** Rewrites one value's text; returns the same string when there is nothing to redact (the Scrubber's redactors). */
export interface TextRedactor {
  /**
   * `key`: the name of the field the text is the value of (for an array's items, the array's), context some
   * detectors use; `hits`: where a detector counts what it replaced, by its name.
   */
  redact(text: string, key?: string, hits?: Record<string, number>): string;
}

export interface Detector {
  readonly name: string;
  /** What replaces each span found (only the span: the text around it is kept). */
  readonly replacement: string;
  /** The length of the shortest text it can find something in: shorter texts are not scanned. */
  readonly minLength: number;
  /** It can find something in a text of digits only (most detectors cannot: such texts, ids, skip them). */
  readonly findsInDigits?: boolean;
  /**
   * The spans found in `text`, flattened as [start0, end0, start1, end1, ...] (end exclusive), in order, not
   * overlapping. `key` is the name of the field `text` is the value of, when it is one: context some
   * detectors need (a secret key is only a secret key next to a name that says so).
   */
  find(text: string, key?: string): readonly number[];
}

/** The answer of a scan that found nothing (shared: most texts have nothing to redact). */
export const NONE: readonly number[] = Object.freeze([]);

const scratch: number[] = [];

/**
 * An empty array to collect spans in, shared (a scan runs to completion before another starts): most texts have
 * nothing, and an array allocated for each of them is garbage. Copy what it holds before returning it (sortPairs).
 */
export function emptyScratch(): number[] {
  scratch.length = 0;
  return scratch;
}

/** Spans found by separate searches, put in order (a new array). */
export function sortPairs(spans: readonly number[]): number[] {
  if (spans.length <= 2) return [...spans];
  const pairs: [number, number][] = [];
  for (let i = 0; i < spans.length; i += 2) pairs.push([spans[i]!, spans[i + 1]!]);
  return pairs.sort((a, b) => a[0] - b[0]).flat();
}
