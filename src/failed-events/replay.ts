// Replay of stored batches (datadog-serverless-functions aws/logs_monitoring/lambda_function.py and forwarder.py
// `Forwarder.retry`, 5.4.11, with v5's quirks fixed): each stored batch is resent,
// unchanged, to the destination it was meant for, and deleted only once that intake accepted all of it. When
// only part of it was accepted, the rest is stored again as a new batch before the old one is deleted; when
// none was, it is kept as it is. Batches of a destination no longer configured are kept, with a warning.
import { errorMessage } from '../errors.js';
import type { Logger } from '../log.js';
import type { Destination } from '../sinks/destinations.js';
import { IntakeSink, type IntakeEndpoint, type SinkRuntime } from '../sinks/intake-sink.js';
import type { ReplayReport } from '../types.js';
import type { FailedEventStore, StoredEntry } from './failed-event-store.js';
import { storedForm } from './spill.js';

interface ReplayContext {
  readonly store: FailedEventStore;
  readonly scope: string;
  readonly destinations: readonly Destination<unknown>[];
  readonly runtime: Omit<SinkRuntime, 'onUndeliverable'>;
  readonly logger: Logger;
  /** The invocation's deadline for the store's calls. */
  readonly signal?: () => AbortSignal | undefined;
}

/**
 * Stored batches replayed at once. Each holds up to one intake batch (5 MB of logs) in memory, so a few
 * overlap store reads with intake round trips without letting a large backlog exhaust the function's memory.
 */
const REPLAYS_IN_FLIGHT = 4;

export async function replayStored(context: ReplayContext): Promise<ReplayReport> {
  const { store, scope, runtime } = context;
  const byName = new Map(context.destinations.map((d) => [d.name, d]));
  const report = { store: store.kind, batches: 0, replayed: 0, deleted: 0, kept: 0, restored: 0 };
  const dropped: Record<string, number> = {};
  let lastError: string | undefined;
  const replayOne = async (entry: StoredEntry) => {
    const destination = byName.get(entry.batch.destination);
    if (!destination) {
      context.logger.warn('Kept a stored batch whose destination is not configured any more.', {
        destination: entry.batch.destination,
        count: entry.batch.items.length,
      });
      report.kept++;
      return;
    }
    const result = await replayEntry(entry, destination, context);
    report.replayed += result.delivered;
    report.restored += result.restored;
    if (result.deleted) report.deleted++;
    else report.kept++;
    for (const [reason, n] of Object.entries(result.dropped)) dropped[reason] = (dropped[reason] ?? 0) + n;
    lastError = result.lastError ?? lastError;
  };
  const running = new Set<Promise<void>>();
  try {
    for await (const entry of store.entries(scope, context.signal?.())) {
      report.batches++;
      const task: Promise<void> = replayOne(entry).finally(() => running.delete(task));
      running.add(task);
      if (running.size >= REPLAYS_IN_FLIGHT) await Promise.race(running);
      if (runtime.clock.now() >= runtime.deadlineMs) break;
    }
  } catch (error) {
    lastError = `Reading the failed-event store failed: ${errorMessage(error)}`;
    context.logger.error('Replay stopped: the failed-event store could not be read.', { error: errorMessage(error) });
  }
  await Promise.all(running);
  return { ...report, dropped, lastError };
}

async function replayEntry(entry: StoredEntry, destination: Destination<unknown>, context: ReplayContext) {
  const stored = storedForm(destination.endpoint);
  const undelivered: Buffer[] = [];
  const sink = new IntakeSink(withStoredOpen(destination.endpoint, entry.batch.open), {
    ...context.runtime,
    onUndeliverable: async (items) => {
      undelivered.push(...items);
      return 'stored';
    },
  });
  for (const text of entry.batch.items) await sink.addBytes(stored.decode(text));
  const sent = await sink.flush();
  const result = {
    delivered: sent.delivered,
    restored: 0,
    deleted: false,
    dropped: sent.dropped,
    lastError: sent.lastError,
  };
  // Nothing accepted: keep the batch as it is (an empty one, which holds nothing to lose, is deleted).
  if (undelivered.length > 0 && undelivered.length === entry.batch.items.length) return result;
  try {
    if (undelivered.length > 0) {
      const items = undelivered.map((item) => stored.encode(item));
      const batch = { ...entry.batch, reason: sent.lastError ?? entry.batch.reason, items };
      await context.store.put(context.scope, batch, context.signal?.());
      result.restored = items.length;
    }
    await context.store.delete(entry.handles, context.signal?.());
    result.deleted = true;
  } catch (error) {
    // The old batch stays whole: what was delivered may be sent again by a later replay (same ids).
    context.logger.error('Could not update the failed-event store after a replay; the stored batch is kept.', {
      destination: destination.name,
      error: errorMessage(error),
    });
    result.lastError = errorMessage(error);
  }
  return result;
}

/** The endpoint, writing a stored batch's own opening bytes (a trace payload's env) when it has some. */
function withStoredOpen<T>(endpoint: IntakeEndpoint<T>, open: string | undefined): IntakeEndpoint<T> {
  if (open === undefined) return endpoint;
  return { ...endpoint, frame: { ...endpoint.frame, open: Buffer.from(open, 'base64') } };
}
