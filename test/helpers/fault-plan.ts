// Pieces the fault-injection suite draws its faults with: a seeded generator, a failed-event store that is
// healthy or hangs as the plan says, and Lambda contexts on a test clock.
import type { Clock } from '../../src/clock.js';
import type { FailedEventStore, StoredBatch } from '../../src/failed-events/failed-event-store.js';
import type { InvocationContext } from '../../src/types.js';
import { lambdaContext } from './lambda.js';

/**
 * mulberry32: a small seeded generator. The logs sent are fixed by the seed; the faults follow the seed in
 * request order, which only varies where requests race each other.
 */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

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
