// DD_MULTILINE_LOG_REGEX_PATTERN for S3 objects, as the Datadog Forwarder applies it
// (S3EventHandler._extract_other_logs, aws/logs_monitoring/steps/handlers/s3_handler.py, 5.4.11):
// - when the object's first line matches the pattern, the text is split where a run of \n, \r and \f is
//   followed by a match (Python: `re.split("[\n\r\f]+(?=<pattern>)", text)`, empty parts dropped). An entry
//   keeps its text as written: its CRLFs, blank lines, indentation, and for the last entry the final line break;
//   only the run of breaks before the next entry is removed.
// - otherwise every line is a log (Python: `str.splitlines()`, which also ends lines at \v, \f, \x1c-\x1e,
//   \x85, U+2028 and U+2029), kept as written; unlike Python, blank lines are not sent as empty logs.
// Streaming: lines go in one at a time and an entry comes out when the next one begins. A joined entry is
// bounded by `maxBytes`, so a pattern that never matches again cannot gather a whole object into memory.
import { OTHER_PYTHON_LINE_BREAKS, pythonStrip } from '../parse/python-str.js';
import type { Line } from './split-lines.js';

/** DD_MULTILINE_LOG_REGEX_PATTERN: whether a line starts with a match (Python's re.match; see PythonRegex). */
export interface LineStartPattern {
  matchStart(text: string): boolean;
}

export interface Entry {
  readonly text: string;
  /** The number of the line the entry starts on. */
  readonly lineNumber: number;
  /** Set when the entry starts after a break inside that line (a \f, or another of Python's breaks): 1, 2, ... */
  readonly part?: number;
  readonly truncated: boolean;
}

interface Current {
  text: string;
  bytes: number;
  readonly lineNumber: number;
  readonly part: number;
  /** A line of it was cut already (and carries the marker). */
  truncated: boolean;
  /** The entry reached `maxBytes`: what follows is left out, and the marker ends the entry. */
  full: boolean;
}

interface Piece {
  readonly text: string;
  readonly ending: string;
  readonly part: number;
}

export class MultilineJoiner {
  private mode: 'undecided' | 'join' | 'lines' = 'undecided';
  private current: Current | undefined;

  constructor(
    private readonly pattern: LineStartPattern,
    private readonly maxBytes: number,
    private readonly marker: string,
  ) {}

  /** Adds a line, every line of the object in order; appends the entries it completed to `out`. */
  push(line: Line, out: Entry[]): void {
    if (this.mode === 'undecided') this.mode = this.pattern.matchStart(line.text) ? 'join' : 'lines';
    if (this.mode === 'lines') return this.pushLines(line, out);
    // A form feed also ends a piece of text that an entry may start after (Python's `[\n\r\f]+`).
    if (!line.text.includes('\f')) return this.joinPiece(line, line, out);
    const texts = line.text.split('\f');
    texts.forEach((text, part) => {
      this.joinPiece({ text, ending: part === texts.length - 1 ? line.ending : '\f', part }, line, out);
    });
  }

  /** The entry in progress, at the end of the input: as Python leaves it, its final line break included. */
  end(out: Entry[]): void {
    this.flush(out, false);
  }

  private joinPiece(piece: Piece | Line, line: Line, out: Entry[]): void {
    if (this.current !== undefined && !this.pattern.matchStart(piece.text)) return this.append(piece, line.truncated);
    this.flush(out, true);
    this.current = {
      text: piece.text + piece.ending,
      bytes: Buffer.byteLength(piece.text) + piece.ending.length,
      lineNumber: line.lineNumber,
      part: 'part' in piece ? piece.part : 0,
      truncated: line.truncated,
      full: false,
    };
  }

  private pushLines(line: Line, out: Entry[]): void {
    const { lineNumber, truncated } = line;
    if (!OTHER_PYTHON_LINE_BREAKS.test(line.text)) {
      if (pythonStrip(line.text) !== '') out.push({ text: line.text, lineNumber, truncated });
      return;
    }
    line.text.split(OTHER_PYTHON_LINE_BREAKS).forEach((text, part) => {
      if (pythonStrip(text) !== '') out.push({ text, lineNumber, ...(part > 0 ? { part } : {}), truncated });
    });
  }

  private flush(out: Entry[], beforeNext: boolean): void {
    const current = this.current;
    if (current === undefined) return;
    this.current = undefined;
    const text = beforeNext ? withoutTrailingBreaks(current.text) : current.text;
    if (text === '') return; // Python drops the empty parts of its split
    out.push({
      text: current.full ? text + this.marker : text,
      lineNumber: current.lineNumber,
      ...(current.part > 0 ? { part: current.part } : {}),
      truncated: current.truncated || current.full,
    });
  }

  private append(piece: Piece | Line, truncated: boolean): void {
    const current = this.current!;
    if (current.full) return; // the rest of the entry streams past
    if (truncated) current.truncated = true;
    const bytes = Buffer.byteLength(piece.text) + piece.ending.length; // line breaks are ASCII
    if (current.bytes + bytes > this.maxBytes) {
      current.full = true;
      current.text = withoutTrailingBreaks(current.text); // the marker follows the text, not a line break
      return;
    }
    current.text += piece.text + piece.ending;
    current.bytes += bytes;
  }
}

/** The text without its trailing run of \n, \r and \f (what Python's split consumes before the next entry). */
function withoutTrailingBreaks(text: string): string {
  let end = text.length;
  for (let c = text.charCodeAt(end - 1); c === 0x0a || c === 0x0d || c === 0x0c; c = text.charCodeAt(end - 1)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Whether logs are joined at all: only when the first one matches the pattern, as in the Datadog Forwarder. */
export function startsJoining(logs: readonly { readonly message?: string }[], pattern: LineStartPattern): boolean {
  const first = logs[0]?.message;
  return first !== undefined && pattern.matchStart(first);
}

/**
 * Joins a run of already-separate logs (CloudWatch Logs events) the same way: continuation lines join the log
 * before. `joins` is decided by the first log of the whole input when a run continues an earlier one.
 */
export function joinMultiline<T extends { readonly message?: string }>(
  logs: readonly T[],
  pattern: LineStartPattern,
  joins = startsJoining(logs, pattern),
): { logs: T[]; joined: number } {
  if (!joins) return { logs: [...logs], joined: 0 };
  const out: T[] = [];
  let joined = 0;
  for (const log of logs) {
    const previous = out[out.length - 1];
    if (previous !== undefined && log.message !== undefined && !pattern.matchStart(log.message)) {
      out[out.length - 1] = { ...previous, message: `${previous.message ?? ''}\n${log.message}` };
      joined++;
    } else {
      out.push(log);
    }
  }
  return { logs: out, joined };
}
