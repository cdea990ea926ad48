// A few-MB object from s3rver streams through the real handler to the capture intake: every line arrives once,
// with its own id; a line longer than the intake accepts is cut and counted, not dropped.
import { gzipSync } from 'node:zlib';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { FAST_RETRY, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';
import { s3Record } from '../helpers/events.js';
import { startLocalS3, type LocalS3 } from '../helpers/s3.js';

let s3: LocalS3;
let intake: CaptureIntake;

beforeAll(async () => {
  s3 = await startLocalS3(['big-bucket']);
  intake = await startCaptureIntake();
});
afterAll(async () => {
  await s3.close();
  await intake.close();
});

it('forwards every line of a multi-member gzip object, cutting the one that is too long', async () => {
  const lines = Array.from({ length: 30_000 }, (_, i) => `2024-01-15T12:00:00Z line=${i} ${'abc'.repeat(20)}`);
  lines[12_345] = `huge ${'z'.repeat(1_500_000)}`;
  const text = lines.join('\n');
  const half = text.length >> 1;
  await s3.put('big-bucket', 'big.log.gz', Buffer.concat([gzipSync(text.slice(0, half)), gzipSync(text.slice(half))]));

  const summaries: Record<string, unknown>[] = [];
  const logger = new Logger('info', (line) => {
    const parsed = JSON.parse(line) as Record<string, unknown>;
    if (parsed.message === 'Invocation summary.') summaries.push(parsed);
  });
  const env = localIntakeEnv(intake.url, { DD_LOG_LEVEL: 'info' });
  const handler = createHandler(env, { objects: s3.reader, retry: FAST_RETRY, logger });
  await expect(handler({ Records: [s3Record('big-bucket', 'big.log.gz')] }, lambdaContext())).resolves.toEqual({
    status: 'ok',
    forwarded: 30_000,
  });

  // Batches travel concurrently, so they may arrive in any order: put the logs back in line order.
  const lineOf = (log: { id: string }) => Number(/-L(\d+)$/.exec(log.id)![1]);
  const logs = intake.requests
    .flatMap((r) => r.json as { id: string; message: string }[])
    .sort((a, b) => lineOf(a) - lineOf(b));
  expect(logs.map(lineOf)).toEqual(lines.map((_, i) => i + 1));
  expect(logs[0]!.message).toBe(lines[0]);
  expect(logs[12_345]!.message.endsWith('...TRUNCATED')).toBe(true);
  expect(logs[12_345]!.message.length).toBeLessThan(1_000_000);
  expect(logs[29_999]!.message).toBe(lines[29_999]);
  expect(intake.requests.every((r) => (r.json as unknown[]).length <= 1000)).toBe(true);
  expect(summaries[0]).toMatchObject({ received: 30_000, forwarded: 30_000, truncated: 1 });
});
