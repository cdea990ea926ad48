// DD_MULTILINE_LOG_REGEX_PATTERN: one joiner for every source that has lines to join, with one cap and one count.
// - S3 objects, as the Datadog Forwarder applies the pattern (S3EventHandler._extract_other_logs,
//   datadog-serverless-functions aws/logs_monitoring/steps/handlers/s3_handler.py, 5.4.11): when the object's
//   first line matches, the text is split where a run of \n, \r and \f is followed by a match (Python:
//   `re.split("[\n\r\f]+(?=<pattern>)", text)`, empty parts dropped). An entry keeps its text as written: its
//   CRLFs, blank lines, indentation, and for the last entry the final line break; only the run of breaks before
//   the next entry is removed. Otherwise every line is a log (Python: `str.splitlines()`, which also ends lines
//   at \v, \f, \x1c-\x1e, \x85, U+2028 and U+2029), kept as written; unlike Python, blank lines are not sent.
// - CloudWatch Logs events of one payload (ours: the Datadog Forwarder does not join them, docs/compatibility.md):
//   when the payload's first event matches, an event that does not joins the one before, after a \n.
// Streaming: pieces go in one at a time and an entry comes out when the next one begins, so memory holds one
// entry. An entry is at most MAX_ENTRY_BYTES: a piece that would take it past the cap closes it and starts the
// next entry (counted `multiline_split_at_cap`), so a pattern that never matches again cannot gather a whole
// object or payload into one log, and nothing is cut. Each piece joined to an entry is counted `joined_multiline`.
import { OTHER_PYTHON_LINE_BREAKS, pythonStrip } from '../parse/python-str.js';
import type { Line } from './split-lines.js';
import type { Tally } from '../tally.js';
import type { LogChunk, RawLog } from '../types.js';
import { MAX_MESSAGE_BYTES } from '../log-limits.js';

/**
 * The most a joined entry may hold, in UTF-8 bytes with its line breaks counted as written in JSON (`\n` is two
 * bytes there). The logs intake takes at most 1 MB per log (https://docs.datadoghq.com/api/latest/logs/#send-logs)
 * and serialize.ts keeps some of that for the attributes: this is the longest message it sends whole, so an entry
 * closed at the cap reaches the intake uncut. (Quotes, backslashes and control characters inside a line also
 * take more bytes once escaped; an entry full of them can still be cut there, counted `truncated`.)
 */
export const MAX_ENTRY_BYTES = MAX_MESSAGE_BYTES;

/** DD_MULTILINE_LOG_REGEX_PATTERN: whether a text starts with a match (Python's re.match; see PythonRegex). */
export interface LineStartPattern {
  matchStart(text: string): boolean;
}

/** A piece of text as a source read it: a line of an S3 object, or a CloudWatch Logs event's message. */
interface Piece<T> {
  readonly text: string;
  /** What ended it in the input (a line's break), kept in the entry when the piece is not its last. */
  readonly ending: string;
  /** Where it was read: what the entry it starts is known by (its line, its event). */
  readonly at: T;
  readonly truncated: boolean;
}

export interface Joined<T> {
  readonly text: string;
  readonly at: T;
  readonly truncated: boolean;
  /** How many pieces the entry holds: each after the first was counted `joined_multiline`. */
  readonly pieces: number;
}

interface Layout {
  /** Put between an entry's pieces, after the first's ending (CloudWatch Logs events: `\n`). */
  readonly separator: string;
  /**
   * Python's split (S3): the run of \n, \r and \f before the next entry is removed, and an entry left empty is
   * dropped (blank lines, not counted, as blank lines are not when lines are not joined). Events keep their text.
   */
  readonly pythonSplit: boolean;
}

class MultilineJoiner<T> {
  private decided: boolean | undefined;
  private current:
    { text: string; bytes: number; at: T; truncated: boolean; ending: string; pieces: number } | undefined;

  constructor(
    private readonly pattern: LineStartPattern,
    private readonly tally: Tally,
    private readonly layout: Layout,
    private readonly maxBytes = MAX_ENTRY_BYTES,
  ) {}

  /** Whether the input is joined at all, decided by its first piece, as in the Datadog Forwarder. */
  joins(firstText: string): boolean {
    return (this.decided ??= this.pattern.matchStart(firstText));
  }

  /** Adds the next piece; appends the entry it completed, if any, to `out`. */
  push(piece: Piece<T>, out: Joined<T>[]): void {
    const current = this.current;
    if (current !== undefined && !this.pattern.matchStart(piece.text)) {
      const added = this.layout.separator + current.ending + piece.text;
      const total = current.bytes + this.layout.separator.length * 2 + bytesOf(piece);
      if (total <= this.maxBytes) {
        current.text += added;
        current.bytes = total;
        current.ending = piece.ending;
        current.truncated ||= piece.truncated;
        current.pieces++;
        return;
      }
      this.tally.count('multiline_split_at_cap');
    }
    this.close(out, true);
    const bytes = bytesOf(piece);
    this.current = {
      text: piece.text,
      bytes,
      at: piece.at,
      truncated: piece.truncated,
      ending: piece.ending,
      pieces: 1,
    };
  }

  /** The entry in progress, at the end of the input: as Python leaves it, its final line break included. */
  end(out: Joined<T>[]): void {
    this.close(out, false);
  }

  private close(out: Joined<T>[], beforeNext: boolean): void {
    const current = this.current;
    if (current === undefined) return;
    this.current = undefined;
    const whole = current.text + current.ending;
    const text = beforeNext && this.layout.pythonSplit ? withoutTrailingBreaks(whole) : whole;
    if (text === '' && this.layout.pythonSplit) return; // Python drops the empty parts of its split
    this.tally.drop('joined_multiline', current.pieces - 1);
    out.push({ text, at: current.at, truncated: current.truncated, pieces: current.pieces });
  }
}

/** A piece's size in the entry as sent: its UTF-8 bytes, and its line break as JSON writes it (`\\n`: 2 bytes). */
function bytesOf(piece: Piece<unknown>): number {
  return Buffer.byteLength(piece.text) + 2 * piece.ending.length;
}

/** The text without its trailing run of \n, \r and \f (what Python's split consumes before the next entry). */
function withoutTrailingBreaks(text: string): string {
  let end = text.length;
  for (let c = text.charCodeAt(end - 1); c === 0x0a || c === 0x0d || c === 0x0c; c = text.charCodeAt(end - 1)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Where an S3 entry starts: its line, and after which break inside that line (a \f, ...: 1, 2, ...). */
export interface LineStart {
  readonly lineNumber: number;
  readonly part?: number;
}

/** The lines of an S3 object, joined or split as the Datadog Forwarder does. */
export class LineJoiner {
  private readonly joiner: MultilineJoiner<LineStart>;
  private readonly joined: Joined<LineStart>[] = [];

  constructor(pattern: LineStartPattern, tally: Tally, maxBytes?: number) {
    this.joiner = new MultilineJoiner(pattern, tally, { separator: '', pythonSplit: true }, maxBytes);
  }

  /** Adds a line, every line of the object in order; appends the entries it completed to `out`. */
  push(line: Line, out: Joined<LineStart>[]): void {
    const { text, lineNumber, truncated } = line;
    if (!this.joiner.joins(text)) return splitLine(line, out);
    // A form feed also ends a piece of text that an entry may start after (Python's `[\n\r\f]+`).
    if (!text.includes('\f'))
      return this.joiner.push({ text, ending: line.ending, at: { lineNumber }, truncated }, out);
    const texts = text.split('\f');
    texts.forEach((piece, part) => {
      const ending = part === texts.length - 1 ? line.ending : '\f';
      const at = part > 0 ? { lineNumber, part } : { lineNumber };
      this.joiner.push({ text: piece, ending, at, truncated }, out);
    });
  }

  end(out: Joined<LineStart>[]): void {
    this.joiner.end(out);
  }
}

/** A line of an object that is not joined, split at Python's other line breaks; blank pieces skipped. */
function splitLine(line: Line, out: Joined<LineStart>[]): void {
  const { lineNumber, truncated } = line;
  if (!OTHER_PYTHON_LINE_BREAKS.test(line.text)) {
    if (pythonStrip(line.text) !== '') out.push({ text: line.text, at: { lineNumber }, truncated, pieces: 1 });
    return;
  }
  line.text.split(OTHER_PYTHON_LINE_BREAKS).forEach((text, part) => {
    const at = part > 0 ? { lineNumber, part } : { lineNumber };
    if (pythonStrip(text) !== '') out.push({ text, at, truncated, pieces: 1 });
  });
}

/**
 * Joins the CloudWatch Logs events of one payload, read a slice at a time: an entry in progress at the end of a
 * slice waits for the next slice of the same origin. A joined log is its first event (id, timestamp, fields)
 * with the text of all.
 */
export function* joinEvents(chunks: Iterable<LogChunk>, pattern: LineStartPattern, tally: Tally): Generator<LogChunk> {
  let joiner: MultilineJoiner<RawLog> | undefined;
  let last: LogChunk | undefined;
  const joined: Joined<RawLog>[] = [];
  const emit = (chunk: LogChunk): LogChunk => {
    const logs = joined.map(({ text, at }) => (at.message === text ? at : { ...at, message: text }));
    joined.length = 0;
    return { ...chunk, logs };
  };
  for (const chunk of chunks) {
    if (last !== undefined && last.origin !== chunk.origin) {
      joiner?.end(joined);
      if (joined.length > 0) yield emit(last);
    }
    if (last?.origin !== chunk.origin)
      joiner = new MultilineJoiner(pattern, tally, { separator: '\n', pythonSplit: false });
    last = chunk;
    const first = chunk.logs[0]?.message;
    if (first === undefined || !joiner!.joins(first)) {
      yield chunk;
      continue;
    }
    for (const log of chunk.logs)
      joiner!.push({ text: log.message ?? '', ending: '', at: log, truncated: false }, joined);
    if (joined.length > 0) yield emit(chunk);
  }
  joiner?.end(joined);
  if (last !== undefined && joined.length > 0) yield emit(last);
}
