// What the bench runner and its child processes tell each other. Every scenario runs in a fresh child process
// (so its peak RSS is its own, and no JIT or heap state leaks between scenarios); the child gets its input by
// file path and argv, and sends one ChildReport back over the IPC channel before it exits.
//
// Slot for more scenarios (the S3 ones: a 10,000-line object and a 1 GB gzip object): a child entry that
// accepts `--intake <url>` and sends a ChildReport plugs in by adding a ScenarioSpec in bench/scenarios.ts;
// the runner, the table and the JSON output need no change.
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type * as HandlerModule from '../src/handler.js';

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
}

/** Sends the report to the parent and exits once it is out (keep-alive sockets would hold the process open). */
export function sendReport(report: ChildReport): void {
  if (!process.send) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(0);
  }
  process.send(report, () => process.exit(0));
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

/** Two reports of the same scenario from different rounds as one: every run kept, the highest peak RSS. */
export function poolReports(a: ChildReport, b: ChildReport): ChildReport {
  const details: Record<string, number | string> = { ...b.details };
  for (const [key, value] of Object.entries(a.details ?? {})) {
    const other = details[key];
    const runs = a.runsMs.length / (a.runsMs.length + b.runsMs.length);
    // Numeric details are averaged, weighted by runs.
    if (typeof value === 'number' && typeof other === 'number') details[key] = value * runs + other * (1 - runs);
  }
  return {
    ...a,
    runsMs: [...a.runsMs, ...b.runsMs],
    cpuMs: [...a.cpuMs, ...b.cpuMs],
    peakRssBytes: Math.max(a.peakRssBytes, b.peakRssBytes),
    details,
  };
}
