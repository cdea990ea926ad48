// DD_MULTILINE_LOG_REGEX_PATTERN (reference §7.3): a line that matches the pattern at its start begins a new
// log; the lines that follow and do not match join it (stack traces). As in the Datadog Forwarder, the pattern
// is used only when the first line of the input matches it; otherwise each line is a log of its own.
// Streaming: lines go in one at a time and a log comes out when the next one begins. A joined log is bounded
// by `maxBytes`, so a pattern that never matches again cannot gather a whole object into memory.
import type { Line } from '../sources/split-lines.js';

/** DD_MULTILINE_LOG_REGEX_PATTERN: whether a line starts with a match (Python's re.match; see PythonRegex). */
export interface LineStartPattern {
  matchStart(text: string): boolean;
}

export interface Entry {
  readonly text: string;
  /** The number of the entry's first line. */
  readonly lineNumber: number;
  readonly truncated: boolean;
  /** How many lines the entry is made of. */
  readonly lines: number;
}

export class MultilineJoiner {
  private mode: 'undecided' | 'join' | 'lines' = 'undecided';
  private current: { parts: string[]; bytes: number; lineNumber: number; truncated: boolean } | undefined;

  constructor(
    private readonly pattern: LineStartPattern,
    private readonly maxBytes: number,
    private readonly marker: string,
  ) {}

  /** Adds a (non-empty) line; returns the entry it completed, if any. */
  push(line: Line): Entry | undefined {
    if (this.mode === 'undecided') this.mode = this.pattern.matchStart(line.text) ? 'join' : 'lines';
    if (this.mode === 'lines') return { ...line, lines: 1 };
    if (this.current !== undefined && !this.pattern.matchStart(line.text)) {
      this.append(line);
      return undefined;
    }
    const done = this.end();
    this.current = {
      parts: [line.text],
      bytes: Buffer.byteLength(line.text),
      lineNumber: line.lineNumber,
      truncated: line.truncated,
    };
    return done;
  }

  /** The entry in progress, at the end of the input. */
  end(): Entry | undefined {
    const current = this.current;
    if (current === undefined) return undefined;
    this.current = undefined;
    const text = current.parts.join('\n');
    return {
      text: current.truncated ? text + this.marker : text,
      lineNumber: current.lineNumber,
      truncated: current.truncated,
      lines: current.parts.length,
    };
  }

  private append(line: Line): void {
    const current = this.current!;
    if (current.truncated) return; // already full: the rest of the entry streams past
    const bytes = Buffer.byteLength(line.text) + 1;
    if (current.bytes + bytes > this.maxBytes) {
      current.truncated = true;
      return;
    }
    current.parts.push(line.text);
    current.bytes += bytes;
  }
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
