import type { ScenarioSpec } from '../../bench/protocol.js';
import { checkTargets, toResult } from '../../bench/results.js';

const spec = (id: string, group: ScenarioSpec['group'] = 'cloudwatch'): ScenarioSpec => ({
  id,
  group,
  entry: 'forward-child',
  args: [],
  latencyMs: 0,
});
const report = (runsMs: number[], peakRssBytes = 100e6, cpuMs = runsMs) => ({
  kind: 'forward' as const,
  runsMs,
  cpuMs,
  events: 10_000,
  rawBytes: 4e6,
  peakRssBytes,
});

describe('bench results', () => {
  it('report the median run with its spread, per-run wire counts and rates', () => {
    const result = toResult(spec('cloudwatch-10000-0ms'), [report([300, 100]), report([200])], {
      requests: 30,
      bytes: 3e6,
    });
    expect(result).toMatchObject({ eventsPerSecond: 50_000, rawMBPerSecond: 20, requests: 10 });
    expect(result.wallMs).toEqual({ median: 200, min: 100, max: 300 });
    expect(result.rounds.map((r) => r.wallMs)).toEqual([200, 200]);
    expect(result.bytesSent).toBe(1e6);
  });

  it('keep the peak RSS of every round; the spread shows the highest', () => {
    const result = toResult(spec('cloudwatch-10000-0ms'), [report([1], 5e6), report([1], 9e6)]);
    expect(result.peakRssMB).toEqual({ median: 7, min: 5, max: 9 });
  });

  it('judge a ratio to the baseline round by round: met in every round, marginal, or not met', () => {
    const ref = 'abc1234';
    const cpu = (...perRound: number[]) => perRound.map((ms) => report([ms], 100e6, [ms]));
    const results = [
      toResult(spec(`cloudwatch-10000-0ms@${ref}`), cpu(1000, 1000, 1000)),
      toResult(spec('cloudwatch-10000-0ms'), cpu(250, 280, 290)),
      toResult(spec('cloudwatch-10000-0ms-gzip'), cpu(450, 520, 490)),
      toResult(spec(`s3-10000-0ms@${ref}`), cpu(100, 100, 100)),
      toResult(spec('s3-10000-0ms'), cpu(60, 70, 55)),
    ];
    const targets = Object.fromEntries(checkTargets(results, 2e6, ref).map((t) => [t.name, t]));
    expect(targets['CloudWatch 10,000 events, default settings: CPU / baseline']).toMatchObject({
      value: { median: 0.28, min: 0.25, max: 0.29 },
      met: 'yes',
    });
    expect(targets['CloudWatch 10,000 events, gzip forced: CPU / baseline']).toMatchObject({ met: 'marginal' });
    expect(targets['S3 10,000 lines: CPU / baseline']).toMatchObject({ met: 'no' });
    expect(targets['Code shipped (every .mjs of the package)']).toMatchObject({ met: 'no' });
    expect(targets['Cold start, key from Secrets Manager: spawn to first answer']).toMatchObject({ met: undefined });
  });

  it('compare S3 per line with CloudWatch Logs per event, and judge the 1 GB object by its higher peak', () => {
    const cpu = (...perRound: number[]) => perRound.map((ms) => report([ms], 100e6, [ms]));
    const rss = (...perRoundMB: number[]) => perRoundMB.map((mb) => report([1], mb * 1e6));
    const results = [
      toResult(spec('cloudwatch-10000-0ms'), cpu(200, 200)),
      toResult(spec('s3-10000-0ms', 's3'), cpu(100, 220)),
      toResult(spec('s3-1gb-0ms', 's3'), rss(150, 160)),
      toResult(spec('s3-1gb-50ms', 's3'), rss(190, 210)),
    ];
    const targets = Object.fromEntries(checkTargets(results, 1e6).map((t) => [t.name, t]));
    expect(targets['S3 10,000 lines: CPU per line / CloudWatch per event']).toMatchObject({
      value: { min: 0.5, max: 1.1 },
      met: 'marginal',
    });
    expect(targets['S3 1 GB object: peak RSS (0 and 50 ms)']).toMatchObject({
      value: { median: 200, min: 190, max: 210 },
      met: 'marginal',
    });
  });

  it('give the work per event over the rounds, and its ratio to the baseline round by round', () => {
    const ref = 'abc1234';
    const counted = (parsesPerEvent: number, allocatedBytesPerEvent: number) => ({
      ...report([100]),
      work: { parsesPerEvent, allocatedBytesPerEvent, collectionsPerRun: 3 },
    });
    const results = [
      toResult(spec(`cloudwatch-10000-0ms@${ref}`), [counted(0.5, 8000), counted(0.5, 8200)]),
      toResult(spec('cloudwatch-10000-0ms'), [counted(0.25, 6000), counted(0.25, 4100)]),
    ];
    expect(results[1]?.work).toEqual({
      parsesPerEvent: { median: 0.25, min: 0.25, max: 0.25 },
      allocatedBytesPerEvent: { median: 5050, min: 4100, max: 6000 },
      collectionsPerRun: { median: 3, min: 3, max: 3 },
    });
    const targets = Object.fromEntries(checkTargets(results, 1e6, ref).map((t) => [t.name, t]));
    expect(targets['CloudWatch 10,000 events: JSON.parse calls per event / baseline']).toMatchObject({
      value: { median: 0.5, min: 0.5, max: 0.5 },
      limit: undefined,
    });
    expect(targets['CloudWatch 10,000 events: heap bytes allocated per event / baseline']).toMatchObject({
      value: { median: 0.63, min: 0.5, max: 0.75 },
    });
  });

  it('leave ratios to the baseline unmeasured without --baseline', () => {
    const results = [toResult(spec('cloudwatch-10000-0ms'), [report([100])])];
    const targets = Object.fromEntries(checkTargets(results, 1e6).map((t) => [t.name, t]));
    expect(targets['CloudWatch 10,000 events, default settings: CPU / baseline']).toMatchObject({
      value: undefined,
      met: undefined,
    });
  });
});
