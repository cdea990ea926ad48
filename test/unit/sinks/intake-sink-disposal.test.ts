// What IntakeSink does with a batch it could not deliver, per the answer of onUndeliverable.
import { systemClock } from '../../../src/clock.js';
import { Logger } from '../../../src/log.js';
import type { HttpClient } from '../../../src/sinks/http-client.js';
import { IntakeSink, type Disposal, type IntakeEndpoint } from '../../../src/sinks/intake-sink.js';
import { jsonArrayFrame } from '../../../src/sinks/request-body.js';

const endpoint: IntakeEndpoint<string> = {
  name: 'logs',
  url: 'http://127.0.0.1:9/api/v2/logs',
  headers: {},
  compressionLevel: 1,
  maxItems: 10,
  maxBatchBytes: 1000,
  frame: jsonArrayFrame(),
  bytesOf: (item) => JSON.stringify(item),
  itemIdOf: (item) => `trigger-${item}`,
};
const failing: HttpClient = { request: async () => ({ status: 503, headers: {}, body: '' }) };

async function sendTwo(onUndeliverable: () => Promise<Disposal>) {
  const sink = new IntakeSink(endpoint, {
    http: failing,
    clock: systemClock,
    retry: { baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 2 },
    deadlineMs: Date.now() + 10_000,
    requestTimeoutMs: 1000,
    maxInFlight: 2,
    logger: new Logger('error', () => {}),
    onUndeliverable,
  });
  await sink.add('a');
  await sink.add('b');
  return sink.flush();
}

describe('undeliverable batches', () => {
  it('counts them stored when storage took them', async () => {
    expect(await sendTwo(async () => 'stored')).toMatchObject({ stored: 2, failed: 0, failedItemIds: [] });
  });

  it('counts them dropped, by reason, for a best-effort destination', async () => {
    expect(await sendTwo(async () => 'dropped')).toMatchObject({
      stored: 0,
      failed: 0,
      dropped: { undeliverable_best_effort: 2 },
    });
  });

  it('counts them failed, with the storage error, when storing throws', async () => {
    const report = await sendTwo(async () => {
      throw new Error('Could not store 2 logs item(s) in s3://b: AccessDenied');
    });
    expect(report).toMatchObject({ stored: 0, failed: 2, failedItemIds: ['trigger-a', 'trigger-b'] });
    expect(report.lastError).toBe(
      'logs intake answered 503 after 2 attempts; then Could not store 2 logs item(s) in s3://b: AccessDenied',
    );
  });
});
