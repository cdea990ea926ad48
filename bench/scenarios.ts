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
 * S3 scenarios (a 10,000-line gzip object and a 1 GB gzip object, 0 ms and 50 ms) belong here once the S3
 * source is merged: bench/s3-large is written with it. To plug them in, give that script a child entry that
 * reads `--intake <url>` (a capture intake URL; the object comes from a local S3 stand-in it starts itself),
 * reports with `sendReport` from bench/protocol.ts, and return its ScenarioSpecs (group 's3') from here.
 * Until then the JSON output lists them as pending, so a reader sees they were not measured.
 */
export function s3Scenarios(): ScenarioSpec[] {
  return [];
}

export const PENDING_S3 = ['s3-10000-0ms', 's3-10000-50ms', 's3-1gb-0ms', 's3-1gb-50ms'] as const;
