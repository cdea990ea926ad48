// A Clock whose waits are compressed: time passes as the wall clock does while the forwarder works, but when a
// timer (a sleep, or a timeout signal: a request's limit, an invocation's deadline) is due, it fires `factor`
// times sooner and the clock jumps to its due time. So a 30 s deadline that a hanging dependency runs into takes
// 30 ms of wall time at a factor of 1,000, while the forwarder's own work still counts at its real duration
// (a scaled clock would inflate it, and an invocation's last few ms would decide the test).
// A timeout signal nobody listens to any more (its request ended) is dropped when due, without a jump.
import { getEventListeners } from 'node:events';
import type { Clock } from '../../src/clock.js';

interface Timer {
  readonly dueMs: number;
  readonly fire: () => void;
  /** For timeout signals: fires (and moves the clock) only while someone listens. */
  readonly signal?: AbortSignal;
}

export class CompressedClock implements Clock {
  private readonly startedAtMs = Date.now();
  private jumpedMs = 0;
  private timers: Timer[] = [];
  private scheduled?: NodeJS.Timeout;

  constructor(
    private readonly factor = 1_000,
    private readonly epochMs = Date.parse('2026-01-01T00:00:00Z'),
  ) {}

  now(): number {
    return this.epochMs + (Date.now() - this.startedAtMs) + this.jumpedMs;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.add({ dueMs: this.now() + ms, fire: resolve }));
  }

  timeout(ms: number): AbortSignal {
    const controller = new AbortController();
    const reason = new DOMException(`${ms} ms passed`, 'TimeoutError');
    this.add({ dueMs: this.now() + ms, fire: () => controller.abort(reason), signal: controller.signal });
    return controller.signal;
  }

  private add(timer: Timer): void {
    this.timers.push(timer);
    this.timers.sort((a, b) => a.dueMs - b.dueMs);
    this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.scheduled);
    const next = this.timers[0];
    if (next === undefined) return;
    const waitMs = Math.max(0, (next.dueMs - this.now()) / this.factor);
    this.scheduled = setTimeout(() => this.fireDue(), waitMs);
    this.scheduled.unref();
  }

  private fireDue(): void {
    const next = this.timers.shift();
    if (next !== undefined) {
      const live = next.signal === undefined || getEventListeners(next.signal, 'abort').length > 0;
      if (live) {
        this.jumpedMs += Math.max(0, next.dueMs - this.now());
        next.fire();
      }
    }
    this.schedule();
  }
}
