// Counts what happened to every log in one invocation, so that nothing disappears silently: each log is
// forwarded, filtered, or dropped with a reason. The handler prints the tally as one summary line.
import type { DropReason } from './types.js';

export class Tally {
  receivedLogs = 0;
  truncated = 0;
  readonly dropped: Record<string, number> = {};
  /** Trigger items (SQS message ids, Kinesis sequence numbers) a source could not read: retried by Lambda. */
  readonly failedItems = new Set<string>();
  /** Records outside a batch trigger that could not be read for a reason worth retrying (a transient S3 error). */
  retryableFailures = 0;

  received(count: number): void {
    this.receivedLogs += count;
  }

  drop(reason: DropReason, count = 1): void {
    if (count > 0) this.dropped[reason] = (this.dropped[reason] ?? 0) + count;
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

  droppedTotal(): number {
    return Object.values(this.dropped).reduce((a, b) => a + b, 0);
  }
}
