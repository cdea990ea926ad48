// A Clock that runs with the wall clock, moved forward by the test (a TTL passing) instead of by sleeping; its
// sleeps return at once, so retries do not wait.
import type { Clock } from '../../src/clock.js';

export class OffsetClock implements Clock {
  offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  async sleep(): Promise<void> {}
}
