// Turns child reports into the figures `npm run bench` prints, and checks them against the targets of the
// performance issue (ratios are taken within one run, on one machine, so they compare like with like).
import { median, type ChildReport, type ScenarioSpec } from './protocol.js';

const MB = 1_000_000;

export interface ScenarioResult {
  readonly id: string;
  readonly group: ScenarioSpec['group'];
  readonly events: number;
  readonly latencyMs: number;
  /** Median of the timed runs. */
  readonly wallMs: number;
  readonly runsMs: readonly number[];
  /** Median CPU time of a run (all threads), ms: steadier than wall time on a busy machine. */
  readonly cpuMs: number;
  readonly eventsPerSecond: number;
  /** Raw log data (message bytes) per second, in MB (10^6 bytes). */
  readonly rawMBPerSecond: number;
  readonly peakRssMB: number;
  /** Requests and bytes on the wire (compressed) the intake received, per run. */
  readonly requests?: number;
  readonly bytesSent?: number;
  readonly details?: Readonly<Record<string, number | string>>;
}

export function toResult(spec: ScenarioSpec, report: ChildReport, wire?: { requests: number; bytes: number }) {
  const wallMs = median(report.runsMs);
  const runs = report.runsMs.length;
  const result: ScenarioResult = {
    id: spec.id,
    group: spec.group,
    events: report.events,
    latencyMs: spec.latencyMs,
    wallMs: round(wallMs),
    runsMs: report.runsMs.map((ms) => round(ms)),
    cpuMs: round(median(report.cpuMs)),
    eventsPerSecond: Math.round(report.events / (wallMs / 1000)),
    rawMBPerSecond: round(report.rawBytes / MB / (wallMs / 1000)),
    peakRssMB: round(report.peakRssBytes / MB),
    ...(wire ? { requests: wire.requests / runs, bytesSent: Math.round(wire.bytes / runs) } : {}),
    ...(report.details ? { details: roundAll(report.details) } : {}),
  };
  return result;
}

export interface Target {
  readonly name: string;
  readonly value: number | undefined;
  readonly limit: number;
  readonly unit: string;
  /** undefined when the scenario was not measured in this run. */
  readonly met: boolean | undefined;
}

export function checkTargets(results: readonly ScenarioResult[], bundleBytes: number, coldStartMs?: number) {
  const find = (id: string) => results.find((r) => r.id === id);
  const ratio = (a?: ScenarioResult, b?: ScenarioResult) => (a && b ? round(a.wallMs / b.wallMs, 2) : undefined);
  const cw10k = find('cloudwatch-10000-0ms');
  const targets: Target[] = [
    target('CloudWatch 10,000 events, 0 ms: wall time / floor', ratio(cw10k, find('floor-10000')), 1.5, 'x'),
    target('CloudWatch 10,000 events, 0 ms: peak RSS', cw10k?.peakRssMB, 160, 'MB'),
    target('CloudWatch 10,000 events: 50 ms latency / 0 ms', ratio(find('cloudwatch-10000-50ms'), cw10k), 2, 'x'),
    target(
      'CloudWatch 50,000 events: peak RSS',
      maxRss(find('cloudwatch-50000-0ms'), find('cloudwatch-50000-50ms')),
      250,
      'MB',
    ),
    target('S3 1 GB object: peak RSS', find('s3-1gb-0ms')?.peakRssMB, 256, 'MB'),
    target('Cold start (import + first invocation)', coldStartMs, 150, 'ms'),
    target('Bundle size', round(bundleBytes / MB, 3), 1.5, 'MB'),
  ];
  return targets;
}

function target(name: string, value: number | undefined, limit: number, unit: string): Target {
  return { name, value, limit, unit, met: value === undefined ? undefined : value < limit };
}

function maxRss(...results: (ScenarioResult | undefined)[]): number | undefined {
  const values = results.filter((r) => r !== undefined).map((r) => r.peakRssMB);
  return values.length > 0 ? Math.max(...values) : undefined;
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

function roundAll(details: Readonly<Record<string, number | string>>): Record<string, number | string> {
  return Object.fromEntries(Object.entries(details).map(([k, v]) => [k, typeof v === 'number' ? round(v) : v]));
}
