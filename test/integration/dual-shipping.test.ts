// Dual shipping with one destination down for the whole run: the other receives every log exactly once, the
// down one's logs are stored for it alone and replayed to it alone once it is back; a best-effort destination
// that is down neither stores nor fails the invocation.
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import { FAST_RETRY, lambdaContext, localIntakeEnv, TEST_API_KEY } from '../helpers/lambda.js';
import { idsIn, logsEventWithIds } from '../helpers/logs.js';
import { MemoryStore } from '../helpers/memory-store.js';

const SECOND_KEY = 'zyxwvutsrqponmlkjihgfedcba987654';

describe('dual shipping', () => {
  let main: CaptureIntake;
  let second: CaptureIntake;
  const lines: string[] = [];

  beforeEach(async () => {
    main = await startCaptureIntake();
    second = await startCaptureIntake({ responder: () => ({ status: 503 }) });
    lines.length = 0;
  });
  afterEach(async () => {
    await main.close();
    await second.close();
  });

  function handlerFor(reliable: boolean, store?: MemoryStore) {
    const endpoints = [{ api_key: SECOND_KEY, Host: second.url, Port: second.port, is_reliable: reliable }];
    const env = localIntakeEnv(main.url, {
      DD_LOGS_CONFIG_ADDITIONAL_ENDPOINTS: JSON.stringify(endpoints),
      DD_LOG_LEVEL: 'info',
    });
    const logger = new Logger('info', (line) => lines.push(line));
    // Nothing here hangs. The request limit is absolute (connection, answer and body): a tight one would turn
    // a loaded machine's slowness into retries, and retries into the duplicates this test forbids.
    return createHandler(env, { retry: FAST_RETRY, failedEvents: store, logger, requestTimeoutMs: 5_000 });
  }

  it('delivers to the destination that is up once, and stores for the one that is down', async () => {
    const store = new MemoryStore();
    const handler = handlerFor(true, store);
    const sent: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { event, ids } = logsEventWithIds(40);
      sent.push(...ids);
      await handler(event, lambdaContext());
    }
    const atMain = main.requests.flatMap(idsIn);
    expect(atMain.sort()).toEqual([...sent].sort());
    expect(main.requests.every((r) => r.headers['dd-api-key'] === TEST_API_KEY)).toBe(true);
    expect(second.requests.every((r) => r.headers['dd-api-key'] === SECOND_KEY)).toBe(true);
    expect(
      store
        .storedItems()
        .map((json) => JSON.parse(json).id)
        .sort(),
    ).toEqual([...sent].sort());

    second.setResponder(() => ({ status: 202 }));
    const before = second.requests.length;
    const mainBefore = main.requests.length;
    const result = await handler({ retry: true }, lambdaContext());
    expect(result).toEqual({ status: 'ok', forwarded: 0 });
    expect(main.requests.length).toBe(mainBefore);
    expect(second.requests.slice(before).flatMap(idsIn).sort()).toEqual([...sent].sort());
    expect(store.records.size).toBe(0);
    const summary = JSON.parse(lines.filter((l) => l.includes('Invocation summary')).pop()!);
    expect(summary.replayed).toBe(sent.length);
    expect(JSON.stringify(lines)).not.toContain(SECOND_KEY);
  });

  it('fails the invocation when a reliable destination is down and nothing can store its logs', async () => {
    const handler = handlerFor(true, undefined);
    const { event, ids } = logsEventWithIds(10);
    await expect(handler(event, lambdaContext())).rejects.toThrow(/could be neither delivered nor stored/);
    expect(main.requests.flatMap(idsIn).sort()).toEqual([...ids].sort());
  });

  it('lets a best-effort destination fail without storing or failing the invocation', async () => {
    const store = new MemoryStore();
    const handler = handlerFor(false, store);
    const { event, ids } = logsEventWithIds(10);
    await expect(handler(event, lambdaContext())).resolves.toEqual({ status: 'ok', forwarded: 10 });
    expect(main.requests.flatMap(idsIn).sort()).toEqual([...ids].sort());
    expect(store.records.size).toBe(0);
    const summary = JSON.parse(lines.filter((l) => l.includes('Invocation summary')).pop()!);
    expect(summary.dropped.undeliverable_best_effort).toBe(10);
    expect(Object.keys(summary.intakes)).toEqual(expect.arrayContaining(['logs', `logs@127.0.0.1:${second.port}`]));
  });
});
