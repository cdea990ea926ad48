// The bytes of an S3 object, decompressed when they are gzip. gzip is recognised by its magic bytes (1f 8b,
// RFC 1952 §2.3.1), not by the key's extension, and files made of several gzip members (concatenated, as log
// shippers append them) decompress whole: Node's gunzip reads member after member. Everything streams, with
// back-pressure: nothing is read from S3 faster than lines are consumed.
import { pipeline } from 'node:stream';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { MalformedPayloadError } from '../errors.js';
import { ObjectReadError } from './object-reader.js';

/** A byte stream whose first bytes can be looked at before it is consumed. */
export class Peekable {
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private done = false;

  constructor(private readonly iterator: AsyncIterator<Buffer>) {}

  static of(stream: AsyncIterable<Buffer>): Peekable {
    return new Peekable(stream[Symbol.asyncIterator]());
  }

  /** Reads ahead until at least `bytes` are held (or the stream ends); returns what is held. */
  async fill(bytes: number): Promise<readonly Buffer[]> {
    while (!this.done && this.headBytes < bytes) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else {
        this.head.push(next.value);
        this.headBytes += next.value.length;
      }
    }
    return this.head;
  }

  get bufferedBytes(): number {
    return this.headBytes;
  }

  get ended(): boolean {
    return this.done;
  }

  /** Everything: what was peeked, then the rest of the stream. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    while (this.head.length > 0) {
      const chunk = this.head.shift()!;
      this.headBytes -= chunk.length;
      yield chunk;
    }
    while (!this.done) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else yield next.value;
    }
  }
}

/** The object's content, gunzipped when it starts with the gzip magic bytes. */
export async function objectContent(body: Readable, where: string): Promise<AsyncIterable<Buffer>> {
  const raw = Peekable.of(readErrors(body, where));
  const head = Buffer.concat(await raw.fill(2));
  if (head.length < 2 || head[0] !== 0x1f || head[1] !== 0x8b) return raw;
  // Output chunks of 64 KB: few trips to the libuv thread pool (which batch compression also uses), and under
  // glibc's mmap threshold (128 KB). A larger chunk is its own mmap until one is freed; glibc then raises the
  // threshold and serves the following ones from its heap, where a 1 GB object's freed chunks stayed resident
  // (256 KB chunks: peak RSS 170 MB against 139 MB, docs/performance.md).
  const gunzip = createGunzip({ chunkSize: 64 * 1024 });
  pipeline(Readable.from(raw), gunzip, () => undefined);
  return gzipErrors(gunzip, where);
}

async function* readErrors(body: Readable, where: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of body) yield chunk as Buffer;
  } catch (error) {
    throw new ObjectReadError(
      'object_read_failed',
      true,
      `Reading ${where} failed midway: ${(error as Error).message}`,
    );
  }
}

async function* gzipErrors(gunzip: AsyncIterable<Buffer>, where: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of gunzip) yield chunk;
  } catch (error) {
    if (error instanceof ObjectReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (!code.startsWith('Z_')) throw error;
    const why =
      code === 'Z_BUF_ERROR' ? 'the gzip data is truncated' : `the gzip data is corrupt (${(error as Error).message})`;
    throw new MalformedPayloadError(`S3 object ${where}`, why);
  }
}
