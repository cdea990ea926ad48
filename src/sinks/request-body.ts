// A batch as the bytes of its request body, written as items are added: `open`, the items separated by
// `separator`, then `close` (`[a,b]` for logs, `{"series":[a,b]}` for metrics, protobuf fields for traces).
//
// Why bytes and not the items: a batch waits for up to 1,000 items, and then for its request, retries
// included. Items kept as strings (a log's JSON is a rope of a dozen pieces) outlive a young-generation
// collection or two and are promoted to V8's old space, where they stay as garbage until the next full
// collection; at tens of thousands of logs that garbage, not the live data, set the peak RSS. Written into
// one buffer as they arrive, an item's strings die young. Each item's end offset (and trigger id, when it has
// one) is kept, so a batch can still be halved on a 413 or handed to failed-event storage item by item.

/** An item's bytes: text (written as UTF-8), bytes, or text followed by bytes (a log, then its origin's fragment). */
export type ItemBytes = string | Buffer | readonly [string, Buffer];

/** The item's size, bytes. */
function itemSize(item: ItemBytes): number {
  if (typeof item === 'string') return Buffer.byteLength(item);
  if (Buffer.isBuffer(item)) return item.length;
  return Buffer.byteLength(item[0]) + item[1].length;
}

/** At least the item's size, without reading it: a UTF-16 code unit is at most 3 bytes of UTF-8. */
function sizeBound(item: ItemBytes): number {
  if (typeof item === 'string') return item.length * 3;
  if (Buffer.isBuffer(item)) return item.length;
  return item[0].length * 3 + item[1].length;
}

export interface BodyFrame {
  readonly open: Buffer;
  readonly separator: Buffer;
  readonly close: Buffer;
}

/** Frames of the JSON intakes. */
export const jsonArrayFrame = (open = '[', close = ']'): BodyFrame => ({
  open: Buffer.from(open),
  separator: Buffer.from(','),
  close: Buffer.from(close),
});

/**
 * Buffers of sent batches, reused by the next ones. A buffer outlives its batch's request long enough to be
 * promoted with it, and V8 frees a promoted buffer's memory only at a full collection: without reuse, a large
 * payload's batch buffers piled up outside the heap until one came. Each batch takes a buffer of its intake's
 * whole allowance (5 MB for logs), so it never grows and copies; what a batch does not write is never touched,
 * and untouched pages take no memory. Bounded, so what stays between invocations is a few batches' worth.
 */
class BufferPool {
  private readonly free: Buffer[] = [];

  constructor(private readonly maxBuffers: number) {}

  /** A buffer of at least `bytes` (its contents are not cleared): the smallest free one that fits. */
  take(bytes: number): Buffer {
    let best = -1;
    for (let i = 0; i < this.free.length; i++) {
      const length = this.free[i]!.length;
      if (length >= bytes && (best < 0 || length < this.free[best]!.length)) best = i;
    }
    return best < 0 ? Buffer.allocUnsafeSlow(bytes) : this.free.splice(best, 1)[0]!;
  }

  give(buffer: Buffer): void {
    if (this.free.length < this.maxBuffers) this.free.push(buffer);
  }
}

const buffers = new BufferPool(8);

const EMPTY = Buffer.alloc(0);

export class RequestBody {
  private buffer: Buffer;
  /** Bytes written so far: the open frame and the items with their separators. */
  private written: number;
  /** Where each item ends in the buffer (it starts after the previous one's separator). */
  private readonly ends: number[] = [];
  /** Each item's trigger id, when any item has one (most sources have none). */
  private ids: (string | undefined)[] | undefined;

  constructor(
    private readonly frame: BodyFrame,
    /** The largest body; the buffer is this large, and grows past it only for a single item that needs it. */
    private readonly maxBytes: number,
  ) {
    this.buffer = buffers.take(Math.max(maxBytes, frame.open.length + frame.close.length));
    this.written = frame.open.copy(this.buffer, 0);
  }

  get count(): number {
    return this.ends.length;
  }

  /** The size of the request body as it stands (closed), bytes. */
  get bytes(): number {
    return this.written + this.frame.close.length;
  }

  /** The body's size once an item of `itemBytes` bytes is added. */
  bytesWith(itemBytes: number): number {
    return this.bytes + itemBytes + (this.count > 0 ? this.frame.separator.length : 0);
  }

  /**
   * Adds the item if the body stays within its largest size (an empty body takes any item); false, with nothing
   * added, if it would not. The item is written straight into the buffer and its size is what was written: it
   * is not measured first (which read every log twice), except near the buffer's end.
   */
  tryAppend(item: ItemBytes, itemId: string | undefined): boolean {
    const separator = this.count > 0 ? this.frame.separator : undefined;
    const room = this.buffer.length - this.written - (separator?.length ?? 0) - this.frame.close.length;
    if (sizeBound(item) > room) {
      const size = itemSize(item);
      if (this.count > 0 && this.bytesWith(size) > this.maxBytes) return false;
      this.reserve((separator?.length ?? 0) + size + this.frame.close.length);
      this.commit(this.write(item, separator), itemId);
      return true;
    }
    const end = this.write(item, separator);
    // Bytes written past `written` are not part of the body until committed; the next item overwrites them.
    if (this.count > 0 && end + this.frame.close.length > this.maxBytes) return false;
    this.commit(end, itemId);
    return true;
  }

  /** Adds the item whatever the body's size becomes (for an item larger than any body). */
  append(item: ItemBytes, itemId: string | undefined): void {
    const separator = this.count > 0 ? this.frame.separator : undefined;
    this.reserve((separator?.length ?? 0) + itemSize(item) + this.frame.close.length);
    this.commit(this.write(item, separator), itemId);
  }

  /** Writes the separator and the item after the body's bytes (room is reserved); where they end. */
  private write(item: ItemBytes, separator: Buffer | undefined): number {
    let at = this.written;
    if (separator) at += separator.copy(this.buffer, at);
    if (typeof item === 'string') return at + this.buffer.write(item, at);
    if (Buffer.isBuffer(item)) return at + item.copy(this.buffer, at);
    at += this.buffer.write(item[0], at);
    return at + item[1].copy(this.buffer, at);
  }

  private commit(end: number, itemId: string | undefined): void {
    this.written = end;
    this.ends.push(end);
    if (itemId !== undefined) (this.ids ??= new Array<string | undefined>(this.count - 1)).push(itemId);
    else this.ids?.push(undefined);
  }

  /** The request body: a view of the buffer, closed. Valid until the batch is appended to again. */
  body(): Buffer {
    this.frame.close.copy(this.buffer, this.written);
    return this.buffer.subarray(0, this.bytes);
  }

  /** Each item's bytes (copies: the buffer is reused once the batch is released), in order. */
  items(): Buffer[] {
    return this.ends.map((end, i) => Buffer.from(this.buffer.subarray(this.startOf(i), end)));
  }

  /**
   * Hands the buffer to the next batches. Only once nothing reads it any more: neither a request still
   * writing it (so only for compressed intakes, whose requests send zlib's output) nor a caller of body().
   */
  release(): void {
    buffers.give(this.buffer);
    this.buffer = EMPTY;
  }

  /** The distinct trigger ids of the items. */
  itemIds(): string[] {
    return [...new Set(this.ids?.filter((id) => id !== undefined))];
  }

  /** Two batches holding the first and the second half of the items (for a 413). */
  halves(): [RequestBody, RequestBody] {
    const half = Math.ceil(this.count / 2);
    return [this.slice(0, half), this.slice(half, this.count)];
  }

  private slice(from: number, to: number): RequestBody {
    const part = new RequestBody(this.frame, this.maxBytes);
    for (let i = from; i < to; i++) {
      part.append(this.buffer.subarray(this.startOf(i), this.ends[i]), this.ids?.[i]);
    }
    return part;
  }

  private startOf(index: number): number {
    return index === 0 ? this.frame.open.length : (this.ends[index - 1] ?? 0) + this.frame.separator.length;
  }

  private reserve(extra: number): void {
    const needed = this.written + extra;
    if (needed <= this.buffer.length) return;
    const grown = buffers.take(needed);
    this.buffer.copy(grown, 0, 0, this.written);
    buffers.give(this.buffer);
    this.buffer = grown;
  }
}
