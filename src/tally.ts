// Counts what happened to every log in one invocation, so that nothing disappears silently: each log is
// forwarded, filtered, or dropped with a reason. The handler prints the tally as one summary line.
import { errorClass } from './errors.js';
import type { DropReason, KeptReason } from './types.js';

export class Tally {
  receivedLogs = 0;
  truncated = 0;
  /** Counts by DropReason (written only through drop()). */
  readonly dropped: Record<string, number> = {};
  /** Logs that were not logs but another signal (a metric line), sent to that signal's intake, by signal. */
  readonly converted: Record<string, number> = {};
  /** Records forwarded, but not as what they looked like (a corrupt trace payload kept as a log), by reason. */
  readonly kept: Record<string, number> = {};
  /** Other outcomes worth a number in the summary, e.g. how fresh the resource tags were. */
  readonly counters: Record<string, number> = {};
  /** What the redaction detectors replaced, by detector (`email`, `ipv4`, ...). */
  readonly redacted: Record<string, number> = {};
  /** Trigger items (SQS message ids, Kinesis sequence numbers) a source could not read: retried by Lambda. */
  readonly failedItems = new Set<string>();
  /** Errors thrown while processing one log (the log was then forwarded as it came, or dropped), by class. */
  readonly logErrors: Record<string, number> = {};
  /** Records outside a batch trigger that could not be read for a reason worth retrying (a transient S3 error). */
  retryableFailures = 0;

  received(count: number): void {
    this.receivedLogs += count;
  }

  drop(reason: DropReason, count = 1): void {
    if (count > 0) this.dropped[reason] = (this.dropped[reason] ?? 0) + count;
  }

  convert(signal: 'metrics'): void {
    this.converted[signal] = (this.converted[signal] ?? 0) + 1;
  }

  keep(reason: KeptReason): void {
    this.kept[reason] = (this.kept[reason] ?? 0) + 1;
  }

  count(name: string, n = 1): void {
    this.counters[name] = (this.counters[name] ?? 0) + n;
  }

  /**
   * A trigger record could not be read: counted under `reason`. When trying again may help, its trigger item
   * is reported for retry (SQS, Kinesis) or, outside a batch trigger, the invocation is to fail.
   */
  recordFailed(reason: DropReason, itemId: string | undefined, retryable: boolean): void {
    this.drop(reason);
    if (!retryable) return;
    if (itemId !== undefined) this.failedItems.add(itemId);
    else this.retryableFailures++;
  }

  /** Counts an error thrown while processing one log: its class (`RangeError`, ...), and whether it is the first. */
  logError(error: unknown): { errorClass: string; first: boolean } {
    const name = errorClass(error);
    this.logErrors[name] = (this.logErrors[name] ?? 0) + 1;
    return { errorClass: name, first: this.logErrors[name] === 1 };
  }

  droppedTotal(): number {
    return Object.values(this.dropped).reduce((a, b) => a + b, 0);
  }
}
