// Replay edge cases (datadog-serverless-functions aws/logs_monitoring/lambda_function.py and forwarder.py
// `Forwarder.retry`, 5.4.11): an event that carries "retry": true beside its data is processed,
// then replayed; a replay with storage off, with a store that cannot be read, or for a destination that is no
// longer configured, keeps the data and does not fail the invocation.
import { readFileSync } from 'node:fs';
import { ACCEPT, startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { functionScope } from '../../src/failed-events/failed-event-store.js';
import { createHandler } from '../../src/handler.js';
import { Logger } from '../../src/log.js';
import type { InvocationSummary } from '../../src/summary.js';
import { awslogsEvent, FAST_RETRY, lambdaContext, localIntakeEnv } from '../helpers/lambda.js';
import { idsIn, logsEventWithIds } from '../helpers/logs.js';
import { MemoryStore } from '../helpers/memory-store.js';

const scope = functionScope(lambdaContext().invokedFunctionArn);
const storedLog = (id: string) => JSON.stringify({ id, message: id });

/** A store holding one batch of one log, stored for the main logs intake. */
async function storeWithLog(id: string): Promise<MemoryStore> {
  const store = new MemoryStore();
  await store.put(scope, { intake: 'logs', destination: 'logs', reason: 'r', storedAtMs: 1, items: [storedLog(id)] });
  return store;
}

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
    const store = await storeWithLog('old');
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
    const store = await storeWithLog('x');
    store.available = false;
    await expect(handler(store)({ retry: true }, lambdaContext())).resolves.toMatchObject({ status: 'ok' });
    expect(summary().lastError).toMatch(/Reading the failed-event store failed: the memory store is unavailable/);
    store.available = true;
    expect(store.records.size).toBe(1);
  });

  it('keeps a batch delivered but not deletable, for the next replay (recognisable by its ids)', async () => {
    const store = await storeWithLog('d');
    store.delete = async () => {
      throw new Error('delete denied');
    };
    await handler(store)({ retry: true }, lambdaContext());
    expect(intake.requests.flatMap(idsIn)).toEqual(['d']);
    expect(store.records.size).toBe(1);
    expect(summary().replay).toMatchObject({ kept: 1, deleted: 0, replayed: 1 });
  });

  it('stores the metrics and traces it cannot deliver, and a bare retry replays them unchanged', async () => {
    const store = new MemoryStore();
    const isLogs = (path: string) => path.startsWith('/api/v2/logs');
    const fixture = (name: string) => {
      const text = readFileSync(new URL(`../../fixtures/traces/${name}.event.json`, import.meta.url), 'utf8');
      return awslogsEvent((JSON.parse(text) as { awslogs: { data: unknown } }).awslogs.data);
    };
    intake.setResponder((request) => (isLogs(request.path) ? { status: 202 } : { status: 503 }));
    // trace-ids has REPORT lines (enhanced metrics); trace-split has trace payloads.
    for (const name of ['trace-ids', 'trace-split']) {
      await handler(store)(fixture(name), lambdaContext());
      expect(summary().stored).toBeGreaterThan(0);
    }
    // Each refused batch was POSTed once per attempt: the distinct bodies are the stored batches.
    const refused = new Map(
      intake.requests.filter((r) => !isLogs(r.path)).map((r) => [r.body.toString('base64'), r.path]),
    );
    expect([...refused.values()].sort()).toEqual(['/api/v0.2/traces', '/api/v1/distribution_points']);

    intake.requests.length = 0;
    intake.setResponder(ACCEPT);
    // A bare retry sends no traces of its own: the trace batch replays with the env it was stored with.
    await handler(store)({ retry: true }, lambdaContext());
    expect(new Map(intake.requests.map((r) => [r.body.toString('base64'), r.path]))).toEqual(refused);
    expect(store.records.size).toBe(0);
  });
});
