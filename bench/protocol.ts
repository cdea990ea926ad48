// What the bench runner and its child processes tell each other. Every scenario runs in a fresh child process
// (so its peak RSS is its own, and no JIT or heap state leaks between scenarios); the child gets its input by
// file path and argv and its environment from the runner (a default deployment's: bench/deployment.ts), and
// sends one ChildReport back (over the IPC channel, or on stdout for the cold start) before it exits.
//
// A child entry that sends a ChildReport plugs in by adding a ScenarioSpec in bench/scenarios.ts; the runner,
// the table and the JSON output need no change.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type * as HandlerModule from '../src/handler.js';
import type { WorkCount } from './work-count.js';

/** One timed scenario, measured inside its child. */
export interface ChildReport {
  readonly kind: 'forward' | 'floor' | 'cold-start';
  /** Wall time of each timed run, in milliseconds, in order. */
  readonly runsMs: readonly number[];
  /**
   * CPU time of each timed run (user + system, every thread of the process, zlib's pool included), ms. Unlike
   * wall time it hardly moves when other processes load the machine, so it shows what a change bought.
   */
  readonly cpuMs: readonly number[];
  /** Log events (or lines) one run processes. */
  readonly events: number;
  /** Bytes of raw log data one run processes (UTF-8 message bytes). */
  readonly rawBytes: number;
  /** Peak resident set size of the child over its whole life, bytes (process.resourceUsage().maxRSS). */
  readonly peakRssBytes: number;
  /** CPU time of the child's whole life (start-up, warm-up and every run; all threads), ms. */
  readonly processCpuMs?: number;
  /**
   * The work per event, counted in a pass of its own (`--count-work`: a second child, untimed, runsMs and cpuMs
   * empty): JSON.parse calls and bytes allocated on V8's heap (bench/work-count.ts).
   */
  readonly work?: WorkCount;
  /** Extra figures specific to the scenario (the cold start's import time, the floor's steps, ...). */
  readonly details?: Readonly<Record<string, number | string>>;
}

export interface ScenarioSpec {
  /** Stable identifier, used as the JSON key and the table row name: `cloudwatch-10000-50ms`. */
  readonly id: string;
  readonly group: 'cloudwatch' | 's3' | 'floor' | 'cold-start';
  /** A bundled entry in .build/bench, without extension (`forward-child`). */
  readonly entry: string;
  readonly args: readonly string[];
  /** Latency the capture intake adds to every answer, ms. */
  readonly latencyMs: number;
  /** Where the forwarder's API key comes from: Secrets Manager (the template's way, the default) or DD_API_KEY. */
  readonly apiKey?: 'secret' | 'env';
  /** Variables set on top of the default deployment's (FORWARDER_LOGS_COMPRESSION=gzip, ...). */
  readonly env?: Readonly<Record<string, string>>;
  /** Also run with the `--baseline` ref's handler (the scenarios whose settings the baseline understands). */
  readonly withBaseline?: boolean;
  /** Also count the work per event, each round, in a second, untimed child with `--count-work`. */
  readonly countWork?: boolean;
}

/** Sends the report to the parent and exits once it is out (keep-alive sockets would hold the process open). */
export function sendReport(report: ChildReport): void {
  const used = process.cpuUsage();
  const full: ChildReport = { ...report, processCpuMs: (used.user + used.system) / 1000 };
  if (!process.send) {
    process.stdout.write(`${JSON.stringify(full)}\n`, () => process.exit(0));
    return;
  }
  process.send(full, () => process.exit(0));
}

/** Reads `--name value` from argv. */
export function argValue(name: string, fallback?: string): string {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? process.argv[index + 1] : fallback;
  if (value === undefined) throw new Error(`The bench child needs --${name}.`);
  return value;
}

export function peakRssBytes(): number {
  return process.resourceUsage().maxRSS * 1024;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Tells the parent the timed part starts and waits for its answer, so the intake's request and byte counts
 * cover the timed runs only (everything sent before has been answered by then).
 */
export function markTimedStart(): Promise<void> {
  const send = process.send?.bind(process);
  if (!send) return Promise.resolve();
  return new Promise((resolve) => {
    process.once('message', () => resolve());
    send({ mark: 'timed-start' });
  });
}

/** Imports the bundled handler (the artefact Lambda would load), typed as src/handler.ts. */
export async function importHandlerBundle(path: string): Promise<typeof HandlerModule> {
  return (await import(pathToFileURL(path).href)) as typeof HandlerModule;
}

/** Times `run` by wall clock and by CPU time, appending to the report's arrays. */
export async function timed(run: () => Promise<unknown>, into: { runsMs: number[]; cpuMs: number[] }) {
  const cpu = process.cpuUsage();
  const startMs = performance.now();
  await run();
  into.runsMs.push(performance.now() - startMs);
  const used = process.cpuUsage(cpu);
  into.cpuMs.push((used.user + used.system) / 1000);
}
