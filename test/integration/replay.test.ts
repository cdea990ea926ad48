// Replay edge cases (reference §1.10, §8.2): an event that carries "retry": true beside its data is processed,
// then replayed; a replay with storage off, with a store that cannot be read, or for a destination that is no
// longer configured, keeps the data and does not fail the invocation.
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { functionScope } from '../../src/failed-events/failed-event-store.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import type { InvocationSummary } from '../../src/summary.js';
import { FAST_RETRY, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';
import { idsIn, logsEventWithIds } from '../helpers/logs.js';
import { MemoryStore } from '../helpers/memory-store.js';

const scope = functionScope(lambdaContext().invokedFunctionArn);
const storedLog = (id: string) => JSON.stringify({ id, message: id });

describe('replay', () => {
  let intake: CaptureIntake;
  let lines: string[];
  beforeEach(async () => {
    intake = await startCaptureIntake();
    lines = [];
  });
  afterEach(() => intake.close());

  const handler = (store?: MemoryStore) =>
    createHandler(localIntakeEnv(intake.url, { DD_LOG_LEVEL: 'info' }), {
      retry: FAST_RETRY,
      failedEvents: store,
      logger: new Logger('info', (line) => lines.push(line)),
    });
  const summary = () =>
    JSON.parse(lines.filter((l) => l.includes('"Invocation summary."')).pop() ?? '{}') as InvocationSummary;

  it('processes an event that also asks for a retry, then replays', async () => {
    const store = new MemoryStore();
    await store.put(scope, {
      intake: 'logs',
      destination: 'logs',
      reason: 'r',
      storedAtMs: 1,
      items: [storedLog('old')],
    });
    const { event, ids } = logsEventWithIds(3);
    await handler(store)({ ...(event as object), retry: 'true' }, lambdaContext());
    expect(intake.requests.flatMap(idsIn)).toEqual([...ids, 'old']);
    expect(summary()).toMatchObject({ forwarded: 3, replayed: 1, replay: { batches: 1, deleted: 1, kept: 0 } });
    expect(store.records.size).toBe(0);
  });

  it('does nothing, and says so, when storage is off', async () => {
    await expect(handler(undefined)({ retry: true }, lambdaContext())).resolves.toEqual({
      status: 'ok',
      forwarded: 0,
    });
    expect(lines.some((l) => l.includes('DD_STORE_FAILED_EVENTS is off'))).toBe(true);
    expect(intake.requests).toHaveLength(0);
  });

  it('keeps batches for a destination that is no longer configured', async () => {
    const store = new MemoryStore();
    const batch = { intake: 'logs', destination: 'logs@gone.example.com', reason: 'r', storedAtMs: 1 };
    await store.put(scope, { ...batch, items: [storedLog('kept')] });
    await handler(store)({ retry: true }, lambdaContext());
    expect(intake.requests).toHaveLength(0);
    expect(store.records.size).toBe(1);
    expect(summary().replay).toMatchObject({ batches: 1, kept: 1, deleted: 0 });
  });

  it('keeps everything, without failing, when the store cannot be read', async () => {
    const store = new MemoryStore();
    await store.put(scope, {
      intake: 'logs',
      destination: 'logs',
      reason: 'r',
      storedAtMs: 1,
      items: [storedLog('x')],
    });
    store.available = false;
    await expect(handler(store)({ retry: true }, lambdaContext())).resolves.toMatchObject({ status: 'ok' });
    expect(summary().lastError).toMatch(/Reading the failed-event store failed: the memory store is unavailable/);
    store.available = true;
    expect(store.records.size).toBe(1);
  });

  it('keeps a batch delivered but not deletable, for the next replay (recognisable by its ids)', async () => {
    const store = new MemoryStore();
    await store.put(scope, {
      intake: 'logs',
      destination: 'logs',
      reason: 'r',
      storedAtMs: 1,
      items: [storedLog('d')],
    });
    store.delete = async () => {
      throw new Error('delete denied');
    };
    await handler(store)({ retry: true }, lambdaContext());
    expect(intake.requests.flatMap(idsIn)).toEqual(['d']);
    expect(store.records.size).toBe(1);
    expect(summary().replay).toMatchObject({ kept: 1, deleted: 0, replayed: 1 });
  });
});
