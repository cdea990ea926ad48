// A log's message read once: the text, its JSON object when it is one, and exact integers. Every stage that
// looks into a message's JSON (its ddtags, a CloudTrail identity, a Route 53 query's instance, a metric line, a
// REPORT in Lambda's JSON format, a trace payload, trace ids) asks the record's view, so a message is parsed at
// most once, on first use, and a message that cannot be a JSON object (its first character, after JSON
// whitespace, is not `{`) is never tried at all.
//
// Exact integers: JSON.parse reads 12345678901234567891 as the nearest double. Where the text may hold an integer
// literal of 16 digits or more (a cheap test of the text: every such literal follows `:`, `,` or `[`), the parse
// records the literal's own text of every integer a double cannot hold (JSON.parse's `context.source`, in V8
// since 11.4), so trace ids and trace payloads' int64 nanoseconds are read exactly from the same parse.
import type { MessageView } from '../types.js';

/** A number literal of 16 digits or more may be in the text (digits inside strings give false positives only). */
const MAYBE_LONG_INTEGER = /[:,[][\t\n\r ]*-?\d{16}/;
const DIGITS = /^-?\d+$/;

type JsonObject = Readonly<Record<string, unknown>>;
/** Not yet parsed; `null` once parsed and found not to be a JSON object. */
const UNREAD = undefined;

export class ParsedMessage implements MessageView {
  readonly isObjectText: boolean;
  private parsed: JsonObject | null | typeof UNREAD = UNREAD;
  private embedded: JsonObject | null | typeof UNREAD = UNREAD;
  /** The literal text of integers beyond 2^53, by the object holding them and their key. */
  private exact: WeakMap<object, Map<string, string>> | undefined;

  constructor(readonly text: string) {
    this.isObjectText = text.charCodeAt(firstNonSpace(text, 0)) === 0x7b; /* { */
  }

  object(): JsonObject | undefined {
    if (this.parsed === UNREAD) this.parsed = this.isObjectText ? this.parse(this.text) : null;
    return this.parsed ?? undefined;
  }

  embeddedObject(): JsonObject | undefined {
    if (this.isObjectText) return this.object();
    if (this.embedded === UNREAD) {
      const start = this.text.indexOf('{');
      this.embedded = start < 0 ? null : this.parse(this.text.slice(start));
    }
    return this.embedded ?? undefined;
  }

  integer(holder: object, key: string): bigint | undefined {
    const value = (holder as Record<string, unknown>)[key];
    if (typeof value !== 'number' || !Number.isInteger(value)) return undefined;
    const literal = Number.isSafeInteger(value) ? undefined : this.exact?.get(holder)?.get(key);
    return literal === undefined ? BigInt(value) : BigInt(literal);
  }

  /**
   * The view of a rewriting of this message that holds the same JSON object as `object` (a JSON message
   * re-serialised without its ddtags): nothing is parsed again.
   */
  rewritten(text: string, object: JsonObject): ParsedMessage {
    const view = new ParsedMessage(text);
    view.parsed = object;
    view.exact = this.exact;
    const topLevel = this.parsed ? this.exact?.get(this.parsed) : undefined;
    if (topLevel) this.exact!.set(object, topLevel);
    return view;
  }

  private parse(text: string): JsonObject | null {
    let value: unknown;
    try {
      value = MAYBE_LONG_INTEGER.test(text) ? JSON.parse(text, this.recorder()) : JSON.parse(text);
    } catch {
      return null;
    }
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : null;
  }

  /** A reviver that keeps the literal text of integers a double cannot hold; it changes no value. */
  private recorder(): (this: object, key: string, value: unknown, context?: { source?: string }) => unknown {
    const exact = (this.exact ??= new WeakMap());
    return function (key, value, context) {
      if (typeof value !== 'number' || Number.isSafeInteger(value) || !Number.isInteger(value)) return value;
      const source = context?.source;
      if (source === undefined || !DIGITS.test(source)) return value;
      let byKey = exact.get(this);
      if (byKey === undefined) exact.set(this, (byKey = new Map()));
      byKey.set(key, source);
      return value;
    };
  }
}

/** The index of the first character at or after `from` that is not JSON whitespace. */
function firstNonSpace(text: string, from: number): number {
  let i = from;
  for (;;) {
    const c = text.charCodeAt(i);
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return i;
    i++;
  }
}

/** The view of a message (none for a log without one). */
export function parsedMessage(text: string | undefined): ParsedMessage | undefined {
  return text === undefined ? undefined : new ParsedMessage(text);
}
