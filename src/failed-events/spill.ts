// What a destination does with items it could not deliver before the deadline (datadog-serverless-functions
// aws/logs_monitoring/retry/storage.py and retry/sqs_storage.py, 5.4.11, fixed):
// a reliable destination stores them for replay when DD_STORE_FAILED_EVENTS is on (a storage failure is thrown,
// so the invocation fails and Lambda's retry and on-failure destination take over), or reports them failed;
// a best-effort destination (`is_reliable: false`) lets them go, counted.
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Destination } from '../sinks/destinations.js';
import type { Disposal, IntakeEndpoint } from '../sinks/intake-sink.js';
import { beforeAbort } from '../deadline.js';
import type { FailedEventStore } from './failed-event-store.js';

export interface SpillContext {
  readonly store?: FailedEventStore;
  readonly scope: string;
  readonly clock: Clock;
  readonly logger: Logger;
  /** The invocation's deadline for storing: a store that has not answered by then has failed. */
  readonly signal?: () => AbortSignal | undefined;
}

/** How an endpoint's items are kept as text in storage, and read back into request-body form. */
export function storedForm(endpoint: Pick<IntakeEndpoint<unknown>, 'storedAs'>) {
  const encoding = endpoint.storedAs ?? 'utf8';
  return {
    encode: (item: Buffer): string => item.toString(encoding),
    // A JSON intake's stored text is its item: added as text, it is not converted twice.
    decode: (text: string): string | Buffer => (encoding === 'utf8' ? text : Buffer.from(text, encoding)),
  };
}

export function spillFor<T>(
  destination: Destination<T>,
  context: SpillContext,
): (items: readonly Buffer[], reason: string) => Promise<Disposal> {
  const { store, scope, clock, logger, signal } = context;
  const where = { intake: destination.intake, destination: destination.name };
  if (!destination.reliable) {
    return async (items, reason) => {
      logger.warn('A best-effort destination did not accept items; they are not kept.', {
        ...where,
        count: items.length,
        reason,
      });
      return 'dropped';
    };
  }
  if (!store) return async () => 'failed';
  const stored = storedForm(destination.endpoint);
  return async (items, reason) => {
    const batch = {
      intake: destination.intake,
      destination: destination.name,
      reason,
      storedAtMs: clock.now(),
      items: items.map((item) => stored.encode(item)),
      ...(destination.endpoint.storesOpen ? { open: destination.endpoint.frame.open.toString('base64') } : {}),
    };
    const deadline = signal?.();
    const late = `The failed-event store (${store.kind}) did not answer before the invocation's deadline.`;
    await beforeAbort(store.put(scope, batch, deadline), deadline, late);
    logger.warn('Stored undeliverable items for replay.', { ...where, store: store.kind, count: items.length, reason });
    return 'stored';
  };
}
