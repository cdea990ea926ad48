// The work a run does, counted rather than timed (so the machine's load does not touch it): how many times
// JSON.parse is called, and how many bytes are allocated on V8's heap. A bench child counts in a pass of its own,
// in a process of its own (`--count-work`), never during the timed runs, so the counting cannot inflate their CPU.
//
// Allocated bytes. V8 keeps no running total of what it allocates (v8.getHeapStatistics() has the heap's used
// size, not what passed through it), but every byte allocated is either still in the heap at the end or was
// freed by a collection in between. So: a full collection first (no garbage left from before the window), then
//   allocated = used at the end − used at the start + Σ over the collections in the window (used before − after)
// with the collections' sizes from v8.GCProfiler (Node ≥ 20), which records each one's heap statistics before
// and after it. Limits: objects alive at the start that die in the window are counted as if allocated in it
// (after a warm-up invocation, little); memory outside V8's heap (Buffers' contents, zlib's) is not counted;
// code the JIT compiles is (it is on the heap); the profiler's own records are built at stop(), outside the sum.
import v8 from 'node:v8';
import vm from 'node:vm';

/** The figures of one counted pass, over `events` log events. */
export interface WorkCount {
  /** JSON.parse calls during the counted runs, per event. */
  readonly parsesPerEvent: number;
  /** Bytes allocated on V8's heap during the counted runs, per event. */
  readonly allocatedBytesPerEvent: number;
  /** Garbage collections during the counted runs, per run. */
  readonly collectionsPerRun: number;
}

/** A collection's used heap before and after, as v8.GCProfiler reports it. */
export interface Collection {
  readonly beforeGC: { readonly heapStatistics: { readonly usedHeapSize: number } };
  readonly afterGC: { readonly heapStatistics: { readonly usedHeapSize: number } };
}

/** Bytes allocated in a window, from the used heap at its start and end and the collections in between. */
export function allocatedBytes(usedAtStart: number, usedAtEnd: number, collections: readonly Collection[]): number {
  const freed = collections.reduce(
    (sum, gc) => sum + gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize,
    0,
  );
  return usedAtEnd - usedAtStart + freed;
}

/**
 * Wraps the global JSON.parse with a counter that counts only while `count` runs its function. Call it before
 * importing the handler bundle, so that even a bundle that kept a reference to JSON.parse calls the wrapper.
 */
export function installParseCounter(): { count: <T>(run: () => Promise<T>) => Promise<{ result: T; parses: number }> } {
  const parse = JSON.parse;
  let counting = false;
  let parses = 0;
  JSON.parse = function countedParse(text: string, reviver?: Parameters<typeof JSON.parse>[1]): unknown {
    if (counting) parses++;
    return reviver === undefined ? parse(text) : parse(text, reviver);
  } as typeof JSON.parse;
  return {
    async count(run) {
      parses = 0;
      counting = true;
      try {
        const result = await run();
        return { result, parses };
      } finally {
        counting = false;
      }
    },
  };
}

/** Runs `run` after a full collection and returns the bytes it allocated on V8's heap, and its collections. */
export async function measureAllocation(run: () => Promise<unknown>): Promise<{ bytes: number; collections: number }> {
  fullCollection();
  const profiler = new v8.GCProfiler();
  profiler.start();
  const usedAtStart = v8.getHeapStatistics().used_heap_size;
  await run();
  const usedAtEnd = v8.getHeapStatistics().used_heap_size;
  const statistics = (profiler.stop()?.statistics ?? []) as readonly Collection[];
  return { bytes: allocatedBytes(usedAtStart, usedAtEnd, statistics), collections: statistics.length };
}

/** A full, synchronous collection without starting Node with --expose-gc (the flag is set, then gc() fetched). */
function fullCollection(): void {
  v8.setFlagsFromString('--expose-gc');
  (vm.runInNewContext('gc') as () => void)();
}

/** Counts a pass of `runs` calls of `run`, each over `events` events: parses and allocation, per event. */
export async function countWork(
  counter: ReturnType<typeof installParseCounter>,
  runs: number,
  events: number,
  run: () => Promise<unknown>,
): Promise<WorkCount> {
  const all = async () => {
    for (let i = 0; i < runs; i++) await run();
  };
  let parses = 0;
  const allocation = await measureAllocation(async () => {
    parses = (await counter.count(all)).parses;
  });
  return {
    parsesPerEvent: parses / (runs * events),
    allocatedBytesPerEvent: allocation.bytes / (runs * events),
    collectionsPerRun: allocation.collections / runs,
  };
}
