// Which scenarios `npm run bench` runs. Each is one fresh child process (bench/protocol.ts).
import type { ScenarioSpec } from './protocol.js';

export const CLOUDWATCH_SIZES = [1_000, 10_000, 50_000] as const;
export const LATENCIES_MS = [0, 50] as const;
/** Cold start is one fresh process per measurement; the median of these is reported. */
export const COLD_START_RUNS = 5;
/** Every scenario runs once per round (bench/run.ts); runs are pooled over rounds. */
export const DEFAULT_ROUNDS = 3;

/** Timed runs per child and round: fewer for the big payload, whose run alone is long enough to be stable. */
export function runsFor(events: number): number {
  return events >= 50_000 ? 2 : 4;
}

export interface BenchFiles {
  readonly bundle: string;
  readonly payload: (events: number) => string;
  readonly coldStartEvent: string;
}

export function cloudWatchScenarios(files: BenchFiles, sizes: readonly number[]): ScenarioSpec[] {
  const specs: ScenarioSpec[] = [];
  for (const events of sizes) {
    const args = ['--bundle', files.bundle, '--payload', files.payload(events), '--runs', String(runsFor(events))];
    specs.push({ id: `floor-${events}`, group: 'floor', entry: 'floor-child', args, latencyMs: 0 });
    for (const latencyMs of LATENCIES_MS) {
      specs.push({
        id: `cloudwatch-${events}-${latencyMs}ms`,
        group: 'cloudwatch',
        entry: 'forward-child',
        args,
        latencyMs,
      });
    }
  }
  return specs;
}

/** One spec, run COLD_START_RUNS times as rounds. */
export function coldStartScenarios(files: BenchFiles): ScenarioSpec[] {
  const args = ['--bundle', files.bundle, '--event', files.coldStartEvent, '--events', '10'];
  return [{ id: 'cold-start', group: 'cold-start', entry: 'cold-start-child', args, latencyMs: 0 }];
}

/**
 * S3 scenarios: a 10,000-line gzip object, and with `--s3-1gb` a 1 GB (uncompressed) gzip object, each at 0 and
 * 50 ms, read through the real S3 client from s3rver (bench/s3-child.ts). The 1 GB ones take minutes per round
 * (the object is generated, uploaded and forwarded in every child), so routine runs leave them out;
 * `npm run bench:full` includes them.
 */
export function s3Scenarios(files: BenchFiles, options: { readonly large: boolean }): ScenarioSpec[] {
  const objects = [{ name: '10000', args: ['--lines', '10000', '--runs', '4'] }];
  if (options.large) objects.push({ name: '1gb', args: ['--mb', '1024', '--runs', '1'] });
  return objects.flatMap(({ name, args }) =>
    LATENCIES_MS.map((latencyMs) => ({
      id: `s3-${name}-${latencyMs}ms`,
      group: 's3' as const,
      entry: 's3-child',
      args: ['--bundle', files.bundle, ...args],
      latencyMs,
    })),
  );
}

/** Listed as not measured when a run leaves them out. */
export const LARGE_S3 = ['s3-1gb-0ms', 's3-1gb-50ms'] as const;
