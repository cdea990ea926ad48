// Splits a byte stream into lines without holding more than one line (bounded) in memory. Lines end at `\n`,
// `\r\n` or a lone `\r` (as Python's bytes.splitlines, which the Datadog Forwarder
// uses: S3EventHandler._extract_other_logs, aws/logs_monitoring/steps/handlers/s3_handler.py, 5.4.11).
// Splitting happens on bytes, before decoding: UTF-8 never uses these bytes inside a multi-byte character, and
// each line is then decoded on its own, invalid sequences becoming U+FFFD instead of failing the object.
// A line longer than `maxLineBytes` keeps its first bytes (cut on a character boundary) plus a marker, and the
// rest of it is skipped as it streams past, so one huge line cannot exhaust memory.

export interface Line {
  readonly text: string;
  /** 1-based line number in the (decompressed) stream. */
  readonly lineNumber: number;
  readonly truncated: boolean;
  /** The break that ended the line (`\n`, `\r\n` or `\r`; empty at the end of the stream), for joined entries. */
  readonly ending: string;
}

const LF = 0x0a;
const CR = 0x0d;

export class LineSplitter {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private overflow = false;
  private lineNumber = 0;

  constructor(
    private readonly maxLineBytes: number,
    private readonly marker: string,
  ) {}

  /** The lines completed by this chunk of bytes. */
  push(chunk: Buffer): Line[] {
    const lines: Line[] = [];
    let start = 0;
    // The next CR at or after `start` (-1: none in the chunk), searched once per chunk rather than once per line.
    let cr = -2;
    for (let nl = chunk.indexOf(LF, start); nl !== -1; nl = chunk.indexOf(LF, start)) {
      if (cr !== -1 && cr < start) cr = chunk.indexOf(CR, start);
      if (this.pendingBytes === 0 && !this.overflow && nl - start <= this.maxLineBytes && (cr === -1 || cr > nl)) {
        // The common line: whole in this chunk, ending at a lone LF, not too long. Decoded straight from the chunk.
        lines.push({
          text: chunk.toString('utf8', start, nl),
          lineNumber: ++this.lineNumber,
          truncated: false,
          ending: '\n',
        });
      } else {
        this.keep(chunk.subarray(start, nl));
        this.finish(lines, true);
      }
      start = nl + 1;
    }
    if (start < chunk.length) this.keep(chunk.subarray(start));
    return lines;
  }

  /** The last line, when the stream does not end with a line break. */
  end(): Line[] {
    const lines: Line[] = [];
    if (this.pendingBytes > 0 || this.overflow) this.finish(lines, false);
    return lines;
  }

  private keep(piece: Buffer): void {
    if (this.overflow || piece.length === 0) return;
    const room = this.maxLineBytes - this.pendingBytes;
    if (piece.length > room) {
      this.overflow = true;
      piece = piece.subarray(0, characterBoundary(piece, room));
    }
    this.pending.push(piece);
    this.pendingBytes += piece.length;
  }

  private finish(lines: Line[], endedByLf: boolean): void {
    const bytes = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending, this.pendingBytes);
    const truncated = this.overflow;
    this.pending = [];
    this.pendingBytes = 0;
    this.overflow = false;
    let end = bytes.length;
    let ending = endedByLf ? '\n' : '';
    if (endedByLf && !truncated && end > 0 && bytes[end - 1] === CR) {
      end--;
      ending = '\r\n';
    }
    let from = 0;
    // A lone CR also ends a line (rare: classic Mac line endings).
    for (let cr = bytes.indexOf(CR, from); cr !== -1 && cr < end; cr = bytes.indexOf(CR, from)) {
      const text = bytes.toString('utf8', from, cr);
      lines.push({ text, lineNumber: ++this.lineNumber, truncated: false, ending: '\r' });
      from = cr + 1;
    }
    const text = bytes.toString('utf8', from, end);
    lines.push({ text: truncated ? text + this.marker : text, lineNumber: ++this.lineNumber, truncated, ending });
  }
}

/** The largest length ≤ `limit` that does not cut a UTF-8 character in two. */
function characterBoundary(bytes: Buffer, limit: number): number {
  let cut = Math.max(0, limit);
  while (cut > 0 && cut < bytes.length && (bytes[cut]! & 0xc0) === 0x80) cut--;
  return cut;
}
