// A batch as the bytes of its request body, written as items are added: `open`, the items separated by
// `separator`, then `close` (`[a,b]` for logs, `{"series":[a,b]}` for metrics, protobuf fields for traces).
//
// Why bytes and not the items: a batch waits for up to 1,000 items, and then for its request, retries
// included. Items kept as strings (a log's JSON is a rope of a dozen pieces) outlive a young-generation
// collection or two and are promoted to V8's old space, where they stay as garbage until the next full
// collection; at tens of thousands of logs that garbage, not the live data, set the peak RSS. Written into
// one buffer as they arrive, an item's strings die young. Each item's end offset (and trigger id, when it has
// one) is kept, so a batch can still be halved on a 413 or handed to failed-event storage item by item.

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

  append(item: string | Buffer, itemBytes: number, itemId: string | undefined): void {
    const separator = this.count > 0 ? this.frame.separator : undefined;
    this.reserve((separator?.length ?? 0) + itemBytes + this.frame.close.length);
    if (separator) this.written += separator.copy(this.buffer, this.written);
    this.written +=
      typeof item === 'string' ? this.buffer.write(item, this.written) : item.copy(this.buffer, this.written);
    this.ends.push(this.written);
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
      const item = this.buffer.subarray(this.startOf(i), this.ends[i]);
      part.append(item, item.length, this.ids?.[i]);
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
