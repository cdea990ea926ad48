import { allocatedBytes, countWork, installParseCounter, measureAllocation } from '../../bench/work-count.js';

const gcOf = (before: number, after: number) => ({
  beforeGC: { heapStatistics: { usedHeapSize: before } },
  afterGC: { heapStatistics: { usedHeapSize: after } },
});

/** Allocates `count` arrays of `slots` holes (8 bytes a slot, plus 48 bytes of headers), keeping every 100th. */
function allocateArrays(count: number, slots: number): unknown[] {
  const kept: unknown[] = [];
  for (let i = 0; i < count; i++) {
    const array = new Array<number>(slots);
    if (i % 100 === 0) kept.push(array);
  }
  return kept;
}

describe('bench work count', () => {
  it('adds what the collections freed to the growth of the used heap', () => {
    expect(allocatedBytes(1_000, 1_500, [])).toBe(500);
    expect(allocatedBytes(1_000, 1_200, [gcOf(5_000, 2_000), gcOf(4_000, 1_100)])).toBe(200 + 3_000 + 2_900);
  });

  // What V8 leaves unused at the end of a page (a filler object) counts as allocated: nothing for small objects,
  // a few percent for objects of kilobytes (documented in docs/performance.md).
  it.each([
    [200_000, 64, 0.03],
    [20_000, 1024, 0.05],
  ])('estimates %i arrays of %i slots within %d, across many collections', async (count, slots, tolerance) => {
    let kept: unknown[] = [];
    const measured = await measureAllocation(() => {
      kept = allocateArrays(count, slots);
      return Promise.resolve();
    });
    expect(kept).toHaveLength(count / 100);
    const expected = count * (slots * 8 + 48);
    expect(measured.collections).toBeGreaterThan(0);
    expect(measured.bytes).toBeGreaterThan(expected * 0.99);
    expect(measured.bytes).toBeLessThan(expected * (1 + tolerance));
  });

  it('counts JSON.parse calls made inside a counted run only, and per event', async () => {
    const counter = installParseCounter();
    JSON.parse('{}');
    const { parses } = await counter.count(() => {
      JSON.parse('{"a":1}');
      JSON.parse('[1]', (_key, value: unknown) => value);
      return Promise.resolve();
    });
    expect(parses).toBe(2);
    expect(JSON.parse('{"b":2}')).toEqual({ b: 2 });

    const work = await countWork(counter, 4, 10, () => {
      for (let i = 0; i < 5; i++) JSON.parse('{"c":3}');
      return Promise.resolve();
    });
    expect(work.parsesPerEvent).toBe(0.5);
    expect(work.allocatedBytesPerEvent).toBeGreaterThan(0);
  });
});
