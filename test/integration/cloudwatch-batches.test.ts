// The real handler against a real intake on 127.0.0.1: a payload larger than one batch arrives whole, in
// order, split at the logs intake's 1,000-entry limit.
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { createHandler } from '../../src/handler.js';
import { awslogsEvent, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';

describe('CloudWatch Logs payload over several batches', () => {
  let intake: CaptureIntake;
  beforeAll(async () => {
    intake = await startCaptureIntake();
  });
  afterAll(() => intake.close());

  it('delivers every log once, in order, in batches of at most 1,000', async () => {
    const logEvents = Array.from({ length: 2_500 }, (_, i) => ({
      id: String(i),
      timestamp: 1_700_000_000_000 + i,
      message: i % 7 === 0 ? `{"level":"info","n":${i},"text":"é"}` : `line ${i} ${'x'.repeat(i % 300)}`,
    }));
    const event = awslogsEvent({
      messageType: 'DATA_MESSAGE',
      owner: '123456789012',
      logGroup: '/aws/lambda/app',
      logStream: '2026/01/01/[$LATEST]abc',
      logEvents,
    });
    const result = await createHandler(localIntakeEnv(intake.url))(event, lambdaContext());
    expect(result).toEqual({ status: 'ok', forwarded: 2_500 });
    const batches = intake.requests.map((r) => r.json as { id: string; message: string }[]);
    expect(batches.map((b) => b.length).sort((a, b) => b - a)).toEqual([1000, 1000, 500]);
    const delivered = batches.flat().sort((a, b) => Number(a.id) - Number(b.id));
    expect(delivered.map((log) => log.message)).toEqual(logEvents.map((e) => e.message));
  });
});
