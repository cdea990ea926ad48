import { emptyReport, summarize } from '../../src/summary.js';
import { Tally } from '../../src/tally.js';
import type { SendReport } from '../../src/types.js';

const report = (overrides: Partial<SendReport & { stored: number }>): SendReport & { stored: number } => ({
  ...emptyReport('logs'),
  ...overrides,
});

describe('summarize', () => {
  it('accounts for every log: forwarded, filtered, dropped by reason, failed', () => {
    const tally = new Tally();
    tally.received(10);
    tally.drop('filtered_include', 2);
    tally.drop('filtered_exclude');
    tally.drop('control_message', 0);
    tally.truncated = 1;
    const summary = summarize(tally, [
      report({
        items: 7,
        delivered: 4,
        failed: 1,
        stored: 1,
        retries: 3,
        dropped: { rejected_400: 1 },
        failedItemIds: ['a'],
        lastError: 'logs intake answered 500',
      }),
    ]);
    expect(summary).toMatchObject({
      received: 10,
      forwarded: 4,
      filtered: 3,
      truncated: 1,
      retried: 3,
      stored: 1,
      failed: 1,
      dropped: { filtered_include: 2, filtered_exclude: 1, rejected_400: 1 },
      failedItemIds: ['a'],
      lastError: 'logs intake answered 500',
    });
    const { forwarded, filtered, failed, stored } = summary;
    expect(forwarded + filtered + failed + stored + (summary.dropped.rejected_400 ?? 0)).toBe(summary.received);
  });

  it('merges several intakes: counts add up, item ids appear once, the first error is kept', () => {
    const summary = summarize(new Tally(), [
      report({ intake: 'logs', delivered: 5, failed: 2, failedItemIds: ['a', 'b'], lastError: 'first' }),
      report({ intake: 'metrics', delivered: 9, failed: 1, failedItemIds: ['b', 'c'], lastError: 'second' }),
    ]);
    expect(summary).toMatchObject({ forwarded: 5, failed: 3, lastError: 'first' });
    expect([...summary.failedItemIds].sort()).toEqual(['a', 'b', 'c']);
    expect(Object.keys(summary.intakes)).toEqual(['logs', 'metrics']);
  });
});
