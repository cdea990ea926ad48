// Pieces the fault-injection suite draws its faults with: a seeded generator, a failed-event store that is
// healthy or hangs as the plan says, and Lambda contexts on a test clock.
import type { Clock } from '../../src/clock.js';
import type { FailedEventStore, StoredBatch } from '../../src/failed-events/failed-event-store.js';
import type { InvocationContext } from '../../src/types.js';
import { lambdaContext } from './lambda.js';

/** The benchmarks' seeded generator (mulberry32): the logs sent and the faults are fixed by the seed. */
export { seededRandom as seeded } from '../../bench/payloads.js';

/** Stores in `healthy`, or, while `hanging` is set, sends the batch to a store that never answers. */
export class SwitchStore implements FailedEventStore {
  readonly kind: string;
  hanging?: FailedEventStore;

  constructor(readonly healthy: FailedEventStore) {
    this.kind = healthy.kind;
  }

  put(scope: string, batch: StoredBatch, signal?: AbortSignal): Promise<void> {
    return (this.hanging ?? this.healthy).put(scope, batch, signal);
  }

  entries(scope: string, signal?: AbortSignal) {
    return (this.hanging ?? this.healthy).entries(scope, signal);
  }

  delete(handles: readonly string[], signal?: AbortSignal): Promise<void> {
    return (this.hanging ?? this.healthy).delete(handles, signal);
  }
}

/** A Lambda context whose time left is counted on `clock`; `endMs` is Lambda's timeout by that clock. */
export function contextOn(clock: Clock, remainingMs: number): InvocationContext & { endMs: number } {
  const endMs = clock.now() + remainingMs;
  return { ...lambdaContext(), endMs, getRemainingTimeInMillis: () => Math.max(0, endMs - clock.now()) };
}
