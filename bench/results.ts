// Turns child reports into the figures `npm run bench` prints, and checks them against the targets of the cost
// issue (16). Ratios are taken within one run, on one machine, so they compare like with like; and since every
// scenario runs once per round, rounds interleaved, a ratio is taken round by round too. A target is "met" only
// when every round meets it, "marginal" when the median does but some round does not (a rerun may miss it).
import { median, type ChildReport, type ScenarioSpec } from './protocol.js';

const MB = 1_000_000;

/** Median and spread of a figure. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface ScenarioResult {
  readonly id: string;
  readonly group: ScenarioSpec['group'];
  readonly events: number;
  readonly latencyMs: number;
  /** Wall time of a run, ms, over every run of every round. */
  readonly wallMs: Spread;
  /** CPU time of a run (user + system, every thread of the process, zlib's pool included), ms. */
  readonly cpuMs: Spread;
  readonly eventsPerSecond: number;
  /** Raw log data (message bytes) per second, in MB (10^6 bytes), at the median wall time. */
  readonly rawMBPerSecond: number;
  /** Peak RSS of the child over its whole life, MB: the highest of the rounds, and its spread. */
  readonly peakRssMB: Spread;
  /**
   * Per round: the round's median wall and CPU time, its child's peak RSS, and the work per event its counting
   * child counted (scenarios with `countWork`).
   */
  readonly rounds: readonly RoundFigures[];
  /** JSON.parse calls and bytes allocated on V8's heap per event, and collections per run, over the rounds. */
  readonly work?: {
    readonly parsesPerEvent: Spread;
    readonly allocatedBytesPerEvent: Spread;
    readonly collectionsPerRun: Spread;
  };
  /** CPU time of a child's whole life (start-up and warm-up included), ms, median over the rounds. */
  readonly processCpuMs?: number;
  /** Requests and bytes on the wire (compressed) the intake received, per run. */
  readonly requests?: number;
  readonly bytesSent?: number;
  readonly details?: Readonly<Record<string, number | string>>;
}

export interface RoundFigures {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly peakRssMB: number;
  readonly parsesPerEvent?: number;
  readonly allocatedBytesPerEvent?: number;
}

export function toResult(
  spec: ScenarioSpec,
  reports: readonly ChildReport[],
  wire?: { requests: number; bytes: number },
): ScenarioResult {
  const runsMs = reports.flatMap((r) => r.runsMs);
  const wallMs = spread(runsMs);
  const first = reports[0]!;
  const cpu = reports.flatMap((r) => r.processCpuMs ?? []);
  return {
    id: spec.id,
    group: spec.group,
    events: first.events,
    latencyMs: spec.latencyMs,
    wallMs,
    cpuMs: spread(reports.flatMap((r) => r.cpuMs)),
    eventsPerSecond: Math.round(first.events / (wallMs.median / 1000)),
    rawMBPerSecond: round(first.rawBytes / MB / (wallMs.median / 1000)),
    peakRssMB: spread(reports.map((r) => r.peakRssBytes / MB)),
    rounds: reports.map((r) => ({
      wallMs: round(median(r.runsMs)),
      cpuMs: round(median(r.cpuMs)),
      peakRssMB: round(r.peakRssBytes / MB),
      ...(r.work
        ? {
            parsesPerEvent: round(r.work.parsesPerEvent, 4),
            allocatedBytesPerEvent: round(r.work.allocatedBytesPerEvent),
          }
        : {}),
    })),
    ...workOf(reports),
    ...(cpu.length > 0 ? { processCpuMs: round(median(cpu)) } : {}),
    ...(wire ? { requests: wire.requests / runsMs.length, bytesSent: Math.round(wire.bytes / runsMs.length) } : {}),
    ...(reports.some((r) => r.details) ? { details: averageDetails(reports) } : {}),
  };
}

export interface Target {
  readonly name: string;
  /** Median over the rounds, and the spread of the rounds. */
  readonly value: Spread | undefined;
  /** undefined: shown for information. */
  readonly limit: number | undefined;
  readonly unit: string;
  /** undefined when not measured in this run (a ratio to the baseline needs `--baseline`). */
  readonly met: 'yes' | 'marginal' | 'no' | undefined;
}

type Figure = keyof RoundFigures;

export function checkTargets(results: readonly ScenarioResult[], codeBytes: number, baseline?: string): Target[] {
  const find = (id: string) => results.find((r) => r.id === id);
  const base = (id: string) => (baseline ? find(`${id}@${baseline}`) : undefined);
  const vsBaseline = (id: string, figure: Figure, baselineId = id) => ratios(find(id), base(baselineId), figure);
  return [
    target(
      'CloudWatch 10,000 events, default settings: CPU / baseline',
      vsBaseline('cloudwatch-10000-0ms', 'cpuMs'),
      0.3,
      'x',
    ),
    target(
      'CloudWatch 10,000 events, gzip forced: CPU / baseline',
      vsBaseline('cloudwatch-10000-0ms-gzip', 'cpuMs', 'cloudwatch-10000-0ms'),
      0.5,
      'x',
    ),
    target('CloudWatch 10,000 events: peak RSS / baseline', vsBaseline('cloudwatch-10000-0ms', 'peakRssMB'), 0.75, 'x'),
    target('CloudWatch 50,000 events: peak RSS / baseline', vsBaseline('cloudwatch-50000-0ms', 'peakRssMB'), 0.8, 'x'),
    target(
      'CloudWatch 10,000 events, 50 ms latency: wall / baseline',
      vsBaseline('cloudwatch-10000-50ms', 'wallMs'),
      0.5,
      'x',
    ),
    target(
      'CloudWatch 10,000 events, 50 routing rules: CPU / same run without',
      ratios(find('cloudwatch-10000-0ms-routing'), find('cloudwatch-10000-0ms'), 'cpuMs'),
      1.2,
      'x',
    ),
    target(
      'CloudWatch 10,000 events, every redaction detector: CPU / same run without',
      ratios(find('cloudwatch-10000-0ms-redact'), find('cloudwatch-10000-0ms'), 'cpuMs'),
      undefined,
      'x',
    ),
    target(
      'CloudWatch 10,000 events, 50 routing rules and every redaction detector: CPU / same run without',
      ratios(find('cloudwatch-10000-0ms-routing-redact'), find('cloudwatch-10000-0ms'), 'cpuMs'),
      1.2,
      'x',
    ),
    target('S3 10,000 lines: CPU / baseline', vsBaseline('s3-10000-0ms', 'cpuMs'), 0.5, 'x'),
    target(
      'S3 10,000 lines: CPU per line / CloudWatch per event',
      ratios(find('s3-10000-0ms'), find('cloudwatch-10000-0ms'), 'cpuMs'),
      1,
      'x',
    ),
    target(
      'S3 1 GB object: peak RSS (0 and 50 ms)',
      highest(perRound(find('s3-1gb-0ms'), 'peakRssMB'), perRound(find('s3-1gb-50ms'), 'peakRssMB')),
      200,
      'MB',
    ),
    target(
      'Cold start, key from Secrets Manager: spawn to first answer',
      perRound(find('cold-start-secrets-manager'), 'wallMs'),
      100,
      'ms',
    ),
    target(
      'Cold start, key from DD_API_KEY: spawn to first answer',
      perRound(find('cold-start-dd-api-key'), 'wallMs'),
      undefined,
      'ms',
    ),
    target(
      'CloudWatch 10,000 events: CPU / floor (same codec)',
      ratios(find('cloudwatch-10000-0ms'), find('floor-10000'), 'cpuMs'),
      undefined,
      'x',
    ),
    target(
      'CloudWatch 10,000 events: JSON.parse calls per event / baseline',
      vsBaseline('cloudwatch-10000-0ms', 'parsesPerEvent'),
      undefined,
      'x',
    ),
    target(
      'CloudWatch 10,000 events: heap bytes allocated per event / baseline',
      vsBaseline('cloudwatch-10000-0ms', 'allocatedBytesPerEvent'),
      undefined,
      'x',
    ),
    target('Code shipped (every .mjs of the package)', fixed(round(codeBytes / MB, 3)), 1.5, 'MB'),
  ];
}

/** Round-by-round ratios of a figure (the rounds are interleaved, so each pair ran under the same load). */
function ratios(a: ScenarioResult | undefined, b: ScenarioResult | undefined, figure: Figure): number[] | undefined {
  if (!a || !b) return undefined;
  return a.rounds.flatMap((round, i) => {
    const value = round[figure];
    const other = b.rounds[i]?.[figure];
    return value !== undefined && other ? [value / other] : [];
  });
}

function perRound(result: ScenarioResult | undefined, figure: Figure): number[] | undefined {
  return result?.rounds.flatMap((r) => r[figure] ?? []);
}

/** Round by round, the higher of two scenarios' figures (either alone when the other was not run). */
function highest(a: number[] | undefined, b: number[] | undefined): number[] | undefined {
  if (!a || !b) return a ?? b;
  return a.map((value, i) => Math.max(value, b[i] ?? value));
}

function fixed(value: number): number[] {
  return [value];
}

function target(name: string, values: number[] | undefined, limit: number | undefined, unit: string): Target {
  if (!values || values.length === 0) return { name, value: undefined, limit, unit, met: undefined };
  const value = spread(values, unit === 'x' ? 2 : 1);
  const met = limit === undefined ? undefined : value.max <= limit ? 'yes' : value.median <= limit ? 'marginal' : 'no';
  return { name, value, limit, unit, met };
}

function spread(values: readonly number[], digits = 1): Spread {
  return {
    median: round(median(values), digits),
    min: round(Math.min(...values), digits),
    max: round(Math.max(...values), digits),
  };
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** The work per event over the rounds whose counting child reported it. */
function workOf(reports: readonly ChildReport[]): Pick<ScenarioResult, 'work'> {
  const counts = reports.flatMap((r) => r.work ?? []);
  if (counts.length === 0) return {};
  return {
    work: {
      parsesPerEvent: spread(
        counts.map((c) => c.parsesPerEvent),
        4,
      ),
      allocatedBytesPerEvent: spread(
        counts.map((c) => c.allocatedBytesPerEvent),
        0,
      ),
      collectionsPerRun: spread(counts.map((c) => c.collectionsPerRun)),
    },
  };
}

/** Numeric details averaged over the rounds; other details as the first round had them. */
function averageDetails(reports: readonly ChildReport[]): Record<string, number | string> {
  const out: Record<string, number | string> = { ...reports[0]?.details };
  for (const key of Object.keys(out)) {
    const values = reports.map((r) => r.details?.[key]).filter((v): v is number => typeof v === 'number');
    if (values.length > 0) out[key] = round(values.reduce((a, b) => a + b, 0) / values.length);
  }
  return out;
}
