import { Readable } from 'node:stream';
import { BodyTooLargeError, cappedText } from '../../../src/aws/capped-body.js';

describe('cappedText', () => {
  const body = (...chunks: string[]) => Readable.from(chunks.map((chunk) => Buffer.from(chunk)));

  it('reads a body up to the cap as text', async () => {
    await expect(cappedText(body('{"a":', '"é"}'), 10, 'k')).resolves.toBe('{"a":"é"}');
    await expect(cappedText(undefined, 9, 'k')).resolves.toBe('');
  });

  it('refuses a larger body without reading the rest of it', async () => {
    let pulled = 0;
    const endless = new Readable({
      read() {
        pulled++;
        this.push(Buffer.alloc(1024, 'x'));
      },
    });
    await expect(cappedText(endless, 10 * 1024, 'failed_events/x')).rejects.toThrow(BodyTooLargeError);
    expect(endless.destroyed).toBe(true);
    expect(pulled).toBeLessThan(100);
  });
});
