import { DeliveryError } from '../../../src/errors.js';
import { batchResponse } from '../../../src/sources/batch-response.js';
import type { InvocationSummary } from '../../../src/summary.js';

const summary = (failedItemIds: string[], failed = failedItemIds.length): InvocationSummary => ({
  received: 1,
  converted: {},
  kept: {},
  replayed: 0,
  forwarded: 0,
  filtered: 0,
  truncated: 0,
  retried: 0,
  stored: 0,
  failed,
  dropped: {},
  intakes: {},
  failedItemIds,
  retryableSourceFailures: 0,
});

describe('batchResponse', () => {
  it('is empty when everything went through', () => {
    expect(batchResponse(summary([]), false)).toEqual({ batchItemFailures: [] });
  });

  it('lists the failed items when the trigger reports batch item failures', () => {
    expect(batchResponse(summary(['a', 'b']), true)).toEqual({
      batchItemFailures: [{ itemIdentifier: 'a' }, { itemIdentifier: 'b' }],
    });
  });

  it('fails the invocation instead when the trigger would ignore the list', () => {
    expect(() => batchResponse(summary(['a']), false)).toThrow(DeliveryError);
  });

  it('fails the invocation when logs failed that no item id names', () => {
    expect(() => batchResponse(summary([], 3), true)).toThrow(DeliveryError);
  });
});
