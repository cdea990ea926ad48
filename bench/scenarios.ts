// Which scenarios `npm run bench` runs. Each is one fresh child process (bench/protocol.ts), with a default
// deployment's environment (bench/deployment.ts) plus the scenario's own `env`.
import { DETECTOR_NAMES } from '../src/config/detector-names.js';
import type { ScenarioSpec } from './protocol.js';

export const CLOUDWATCH_SIZES = [1_000, 10_000, 50_000] as const;
export const LATENCIES_MS = [0, 50] as const;
/**
 * Every scenario runs once per round (bench/run.ts), rounds one after another. Five rounds give each figure a
 * spread to judge it by: a target is reported met only when every round meets it (bench/results.ts).
 */
export const DEFAULT_ROUNDS = 5;

/** Timed runs per child and round: fewer for the big payload, whose run alone is long enough to be stable. */
export function runsFor(events: number): number {
  return events >= 50_000 ? 2 : 4;
}

export interface BenchFiles {
  /** The packaged handler (dist/handler.mjs, beside its chunks and source maps). */
  readonly bundle: string;
  readonly payload: (events: number) => string;
  readonly coldStartEvent: string;
  /** The 50-rule routing file (bench/routing-rules.ts). */
  readonly routingRules: string;
}

/** Every CloudWatch Logs scenario and the 10,000-line S3 one also count their work per event (bench/work-count.ts). */
const countWork = true;

export function cloudWatchScenarios(files: BenchFiles, sizes: readonly number[]): ScenarioSpec[] {
  const specs: ScenarioSpec[] = [];
  for (const events of sizes) {
    const args = ['--bundle', files.bundle, '--payload', files.payload(events), '--runs', String(runsFor(events))];
    // The floor with the codec the forwarder uses by default (zstd level 1).
    const floorArgs = [...args, '--codec', 'zstd'];
    specs.push({ id: `floor-${events}`, group: 'floor', entry: 'floor-child', args: floorArgs, latencyMs: 0 });
    for (const latencyMs of LATENCIES_MS) {
      const id = `cloudwatch-${events}-${latencyMs}ms`;
      specs.push({ id, group: 'cloudwatch', entry: 'forward-child', args, latencyMs, withBaseline: true, countWork });
    }
    if (events === 10_000) {
      // Variants of the same run: gzip forced (a proxy that does not take zstd), compared with the baseline's
      // default, which is gzip; a 50-rule routing file, the last rule matching (docs/routing.md, "Cost"); every
      // redaction detector on (FORWARDER_REDACT); and both: each compared round by round with the same run without.
      const redact = DETECTOR_NAMES.join(',');
      const variants = {
        gzip: { FORWARDER_LOGS_COMPRESSION: 'gzip' },
        routing: { FORWARDER_ROUTING_RULES: files.routingRules },
        redact: { FORWARDER_REDACT: redact },
        'routing-redact': { FORWARDER_ROUTING_RULES: files.routingRules, FORWARDER_REDACT: redact },
      };
      for (const [name, env] of Object.entries(variants)) {
        specs.push({
          id: `cloudwatch-${events}-0ms-${name}`,
          group: 'cloudwatch',
          entry: 'forward-child',
          args,
          latencyMs: 0,
          env,
          countWork,
        });
      }
    }
  }
  return specs;
}

/**
 * Cold start, from spawn to the first answer: the API key from Secrets Manager (the template's way), and from
 * DD_API_KEY. With `--baseline`, each runs beside the baseline's, in the same rounds.
 */
export function coldStartScenarios(files: BenchFiles): ScenarioSpec[] {
  const args = ['--bundle', files.bundle, '--event', files.coldStartEvent, '--events', '10'];
  return (['secret', 'env'] as const).map((apiKey) => ({
    id: `cold-start-${apiKey === 'secret' ? 'secrets-manager' : 'dd-api-key'}`,
    group: 'cold-start' as const,
    entry: 'cold-start-child',
    args,
    latencyMs: 0,
    apiKey,
    withBaseline: true,
  }));
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
      // The 1 GB object's target is absolute (peak RSS), and its children take minutes: no baseline twin.
      withBaseline: name === '10000',
      countWork: name === '10000',
    })),
  );
}

/** Listed as not measured when a run leaves them out. */
export const LARGE_S3 = ['s3-1gb-0ms', 's3-1gb-50ms'] as const;
