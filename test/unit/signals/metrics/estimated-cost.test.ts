import { estimatedCostUsd } from '../../../../src/signals/metrics/estimated-cost.js';

describe('estimatedCostUsd', () => {
  it.each([
    // The Datadog Forwarder's own unit-test values, to the bit.
    [3500, 128, 0.00000749168125],
    [100, 128, 4.0833375e-7],
    [1800, 128, 3.9500075e-6],
  ])('prices %d ms at %d MB on x86_64 as the Datadog Forwarder does', (billedMs, memoryMb, expected) => {
    expect(estimatedCostUsd(billedMs, memoryMb, 'x86_64')).toBe(expected);
  });

  it('prices arm64 at the arm64 GB-second price', () => {
    // 1 GB for 1 s: the request price plus one GB-second.
    expect(estimatedCostUsd(1000, 1024, 'arm64')).toBeCloseTo(0.0000002 + 0.0000133334, 15);
    expect(estimatedCostUsd(1000, 1024, 'x86_64')).toBeCloseTo(0.0000002 + 0.0000166667, 15);
  });
});
