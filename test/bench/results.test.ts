import type { ScenarioSpec } from '../../bench/protocol.js';
import { poolReports } from '../../bench/protocol.js';
import { checkTargets, toResult } from '../../bench/results.js';

const spec = (id: string, group: ScenarioSpec['group'] = 'cloudwatch'): ScenarioSpec => ({
  id,
  group,
  entry: 'forward-child',
  args: [],
  latencyMs: 0,
});
const report = (runsMs: number[], peakRssBytes = 100e6) => ({
  kind: 'forward' as const,
  runsMs,
  cpuMs: runsMs,
  events: 10_000,
  rawBytes: 4e6,
  peakRssBytes,
});

describe('bench results', () => {
  it('report the median run, per-run wire counts and rates', () => {
    const result = toResult(spec('cloudwatch-10000-0ms'), report([300, 100, 200]), { requests: 30, bytes: 3e6 });
    expect(result).toMatchObject({ wallMs: 200, eventsPerSecond: 50_000, rawMBPerSecond: 20, requests: 10 });
    expect(result.bytesSent).toBe(1e6);
  });

  it('pool rounds: every run kept, the highest peak RSS', () => {
    const pooled = poolReports(report([1, 2], 5e6), report([3], 9e6));
    expect(pooled.runsMs).toEqual([1, 2, 3]);
    expect(pooled.peakRssBytes).toBe(9e6);
  });

  it('check each target against a ratio measured in the same run, and mark what was not measured', () => {
    const results = [
      toResult(spec('floor-10000', 'floor'), report([100])),
      toResult(spec('cloudwatch-10000-0ms'), report([140], 150e6)),
      toResult(spec('cloudwatch-10000-50ms'), report([300])),
    ];
    const targets = Object.fromEntries(checkTargets(results, 2e6).map((t) => [t.name, t]));
    expect(targets['CloudWatch 10,000 events, 0 ms: wall time / floor']).toMatchObject({ value: 1.4, met: true });
    expect(targets['CloudWatch 10,000 events: 50 ms latency / 0 ms']).toMatchObject({ value: 2.14, met: false });
    expect(targets['Bundle size']).toMatchObject({ met: false });
    expect(targets['Cold start (import + first invocation)']).toMatchObject({ met: undefined });
  });
});
