import http from 'node:http';
import { deflateSync, gzipSync, zstdCompressSync } from 'node:zlib';
import { startCaptureIntake, type CaptureIntake } from '../../../../src/cli/local/capture-intake.js';

function post(url: string, body: Buffer, encoding = 'gzip'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${url}/api/v2/logs`,
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Encoding': encoding } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('capture intake', () => {
  let intake: CaptureIntake | undefined;
  afterEach(async () => {
    await intake?.close();
    intake = undefined;
  });

  it('with keep: false, counts requests without keeping or decoding their bodies', async () => {
    const sizes: number[] = [];
    intake = await startCaptureIntake({
      keep: false,
      responder: (request) => {
        sizes.push(request.body.length);
        return { status: 202 };
      },
    });
    const body = gzipSync('[{"message":"a"}]');
    await expect(post(intake.url, body)).resolves.toBe(202);
    await expect(post(intake.url, body)).resolves.toBe(202);
    await intake.waitForRequests(2);
    expect(intake.requests).toEqual([]);
    expect(sizes).toEqual([body.length, body.length]);
  });

  it.each([
    ['zstd', zstdCompressSync],
    ['gzip', gzipSync],
    ['deflate', deflateSync],
  ])('decodes %s bodies', async (encoding, encode) => {
    intake = await startCaptureIntake();
    await expect(post(intake.url, encode('[{"message":"a"}]'), encoding)).resolves.toBe(202);
    expect(intake.requests[0]?.json).toEqual([{ message: 'a' }]);
  });

  it('answers with the status a responder chose, after its delayMs', async () => {
    intake = await startCaptureIntake({ responder: () => ({ status: 503, delayMs: 5 }) });
    await expect(post(intake.url, gzipSync('[]'))).resolves.toBe(503);
    expect(intake.requests).toHaveLength(1);
  });
});
