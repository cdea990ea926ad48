// Deadline-aware sending: with an intake that hangs and the default 10 s request timeout, an invocation with
// little time left cuts the request at its deadline and stores what is unsent before Lambda's timeout.
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { createHandler } from '../../src/handler.js';
import { FAST_RETRY, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';
import { logsEventWithIds } from '../helpers/logs.js';
import { MemoryStore } from '../helpers/memory-store.js';

describe('the invocation deadline', () => {
  let intake: CaptureIntake;
  beforeEach(async () => {
    intake = await startCaptureIntake({ responder: () => ({ hang: true }) });
  });
  afterEach(() => intake.close());

  it('cuts a hung request and stores the logs before Lambda would time out', async () => {
    const store = new MemoryStore();
    const handler = createHandler(localIntakeEnv(intake.url), { retry: FAST_RETRY, failedEvents: store });
    // 3 s: sending stops at 2.5 s and storing must be done by 2.875 s. With 1.5 s, a busy machine could spend
    // the 1 s before sending stops on the first invocation's start-up, and then the 375 ms for storing too,
    // and the invocation rightly failed instead of storing late.
    const context = lambdaContext({ remainingMs: 3_000 });
    const { event, ids } = logsEventWithIds(30);
    await expect(handler(event, context)).resolves.toEqual({ status: 'ok', forwarded: 0 });
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
    expect(intake.requests.length).toBeGreaterThan(0);
    expect(store.storedItems().map((item) => JSON.parse(item).id)).toEqual(ids);
  });
});
