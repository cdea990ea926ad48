import { emptyReport, summarize } from '../../src/summary.js';
import { Tally } from '../../src/tally.js';
import type { SendReport } from '../../src/types.js';

const report = (intake: string, overrides: Partial<SendReport & { stored: number }> = {}) => ({
  ...emptyReport(intake),
  items: 10,
  delivered: 10,
  requests: 1,
  bytesSent: 100,
  ...overrides,
});

describe('the invocation summary', () => {
  it('reports each destination, what was stored, replayed and dropped by reason', () => {
    const tally = new Tally();
    tally.received(10);
    tally.drop('filtered_exclude', 2);
    const summary = summarize(
      tally,
      [
        report('logs', { delivered: 8, items: 8, retries: 2 }),
        report('logs@eu.example.com', { delivered: 0, items: 8, stored: 8, retries: 3, lastError: 'answered 500' }),
        report('logs@best.example.com', { delivered: 0, items: 8, dropped: { undeliverable_best_effort: 8 } }),
      ],
      {
        store: 'sqs',
        batches: 3,
        replayed: 25,
        deleted: 2,
        kept: 1,
        restored: 4,
        dropped: { rejected_400: 1 },
      },
    );
    expect(summary).toMatchObject({
      received: 10,
      forwarded: 8,
      filtered: 2,
      retried: 5,
      stored: 8,
      replayed: 25,
      failed: 0,
      dropped: { filtered_exclude: 2, undeliverable_best_effort: 8, replay_rejected_400: 1 },
      lastError: 'answered 500',
    });
    expect(Object.keys(summary.intakes)).toEqual(['logs', 'logs@eu.example.com', 'logs@best.example.com']);
    expect(summary.replay?.kept).toBe(1);
  });
});
