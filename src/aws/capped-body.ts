// Reads an AWS SDK response body (a Node stream in Lambda) as text, refusing one larger than a cap instead of
// holding it in memory: what the forwarder reads back whole (a shared tag cache object, a stored failed-event
// record) is something it wrote itself, a few MB at most, so a larger one is not what it expects.

/** Raised when a body is larger than the reader's cap; the rest of it is not read. */
export class BodyTooLargeError extends Error {
  constructor(where: string, maxBytes: number) {
    super(`${where} is larger than ${Math.round(maxBytes / (1024 * 1024))} MiB: it was not read`);
    this.name = 'BodyTooLargeError';
  }
}

export async function cappedText(
  body: AsyncIterable<Uint8Array> | undefined,
  maxBytes: number,
  where: string,
): Promise<string> {
  if (body === undefined) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      (body as { destroy?: () => void }).destroy?.();
      throw new BodyTooLargeError(where, maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
