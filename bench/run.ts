// `npm run bench`: builds the payloads, starts one capture intake on 127.0.0.1 that counts requests and bytes
// (keeping no bodies) and answers after the scenario's latency, and a loopback AWS server (Secrets Manager and
// the tagging API), runs every scenario in a fresh child process with a default deployment's environment
// (bench/deployment.ts), and prints the results as JSON on stdout and as a table on stderr. Nothing here is
// asserted by `npm test`.
//
// Options: --sizes 1000,10000 (CloudWatch payload sizes; default 1000,10000,50000), --rounds 5, --no-cold-start,
// --baseline <git ref> (also run the pipeline scenarios with src/ at that ref, for before/after figures),
// --s3-1gb (also the 1 GB S3 object, minutes per round; `npm run bench:full`), --sizes none (no CloudWatch),
// --no-s3 (no S3 scenarios), --node-options '<flags>' (added to every child's NODE_OPTIONS: `--cpu-prof`, a heap
// limit, ... for profiling; figures measured with them are not a default deployment's).
import { execFileSync, fork, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { startCaptureIntake } from '../src/cli/local/capture-intake.js';
import { startAwsServer } from './aws-server.js';
import { deploymentEnv, templateDefaults, type Env } from './deployment.js';
import { cloudWatchPayload } from './payloads.js';
import type { ChildReport, ScenarioSpec } from './protocol.js';
import { benchRuleFile } from './routing-rules.js';
import { checkTargets, toResult, type ScenarioResult } from './results.js';
import {
  CLOUDWATCH_SIZES,
  DEFAULT_ROUNDS,
  LARGE_S3,
  cloudWatchScenarios,
  coldStartScenarios,
  s3Scenarios,
  type BenchFiles,
} from './scenarios.js';
import { renderTable, type BenchOutput } from './table.js';

// This file runs bundled as .build/bench/run.mjs, beside the children and the packaged handler (dist/).
const outdir = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const sizes = option('sizes')
  ?.split(',')
  .filter((size) => size !== 'none')
  .map(Number) ?? [...CLOUDWATCH_SIZES];
const largeS3 = process.argv.includes('--s3-1gb');
const rounds = Number(option('rounds') ?? DEFAULT_ROUNDS);
const baseline = option('baseline');
const nodeOptions = option('node-options');
/** How the cold-start child's report line begins (JSON.stringify keeps the order of its keys). */
const REPORT_START = '{"kind":"cold-start"';
const defaults = templateDefaults(`${root}template.yaml`);
const wire = { requests: 0, bytes: 0, latencyMs: 0 };
const intake = await startCaptureIntake({
  keep: false,
  responder: (request) => {
    wire.requests++;
    wire.bytes += request.body.length;
    return { status: 202, body: '{}', delayMs: wire.latencyMs };
  },
});
const aws = await startAwsServer();

try {
  const { files, inputs } = writeInputs();
  const s3 = process.argv.includes('--no-s3') ? [] : s3Scenarios(files, { large: largeS3 });
  const coldStart = process.argv.includes('--no-cold-start') ? [] : coldStartScenarios(files);
  const measured = [...cloudWatchScenarios(files, sizes), ...s3, ...coldStart];
  const specs = baseline ? withBaseline(measured, baseline) : measured;
  const scenarios = await runRounds(specs, rounds);
  const code = codeShipped(`${outdir}dist`);
  const output: BenchOutput & { inputs: Record<string, string>; environment: Env } = {
    machine: { ...machine(), rounds, ...(baseline ? { baseline } : {}) },
    inputs,
    environment: defaults,
    code,
    scenarios,
    pending: largeS3 ? [] : [...LARGE_S3],
    targets: checkTargets(scenarios, code.bytes, baseline),
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  process.stderr.write(`\n${renderTable(output)}\n`);
} finally {
  await intake.close();
  await aws.close();
}

/**
 * Runs every scenario once per round, rounds one after another, so that a change in the machine's load
 * touches every scenario alike and the ratios between them (round by round) stay fair.
 */
async function runRounds(specs: readonly ScenarioSpec[], count: number): Promise<ScenarioResult[]> {
  const pooled = new Map<string, { reports: ChildReport[]; requests: number; bytes: number }>();
  for (let round = 1; round <= count; round++) {
    for (const spec of specs) {
      const timedRun = spec.group === 'cold-start' ? await runColdStart(spec) : await runChild(spec);
      const { counted } = timedRun;
      // The work per event, counted in a child of its own after the timed one (never inside a timed run).
      const work = spec.countWork
        ? (await runChild({ ...spec, args: [...spec.args, '--count-work'] })).report.work
        : undefined;
      const report = work ? { ...timedRun.report, work } : timedRun.report;
      const before = pooled.get(spec.id) ?? { reports: [], requests: 0, bytes: 0 };
      pooled.set(spec.id, {
        reports: [...before.reports, report],
        requests: before.requests + counted.requests,
        bytes: before.bytes + counted.bytes,
      });
      const figures = report.runsMs.map((ms, i) => `${ms.toFixed(0)}/${(report.cpuMs[i] ?? 0).toFixed(0)}`);
      const counts = work
        ? `; ${work.parsesPerEvent.toFixed(3)} JSON.parse, ${work.allocatedBytesPerEvent.toFixed(0)} heap bytes per event`
        : '';
      process.stderr.write(`  round ${round}/${count} ${spec.id}: ${figures.join(' ')} ms (wall/CPU)${counts}\n`);
    }
  }
  return specs.map((spec) => {
    const { reports, requests, bytes } = pooled.get(spec.id)!;
    const wire = spec.group === 'floor' || spec.group === 'cold-start' ? undefined : { requests, bytes };
    return toResult(spec, reports, wire);
  });
}

/**
 * `--baseline <ref>`: the pipeline scenarios again with src/ as it is at that git ref, interleaved in the same
 * rounds, so a change's before and after are measured under the same load.
 */
function withBaseline(specs: readonly ScenarioSpec[], ref: string): ScenarioSpec[] {
  execFileSync(process.execPath, ['bench/build.mjs', '--baseline', ref], { cwd: root, stdio: 'inherit' });
  const before = (spec: ScenarioSpec): ScenarioSpec => ({
    ...spec,
    id: `${spec.id}@${ref}`,
    args: spec.args.map((arg) => (arg === `${outdir}dist/handler.mjs` ? `${outdir}baseline/dist/handler.mjs` : arg)),
  });
  return specs.flatMap((spec) => (spec.withBaseline ? [before(spec), spec] : [spec]));
}

/** Writes the payloads; `inputs` has the sha256 of each, so two runs can be seen to have measured the same input. */
function writeInputs(): { files: BenchFiles; inputs: Record<string, string> } {
  mkdirSync(outdir, { recursive: true });
  const inputs: Record<string, string> = {};
  for (const events of sizes) {
    const payload = cloudWatchPayload(events);
    inputs[`cloudwatch-${events}`] = createHash('sha256').update(payload.event.awslogs.data).digest('hex').slice(0, 16);
    writeFileSync(`${outdir}payload-${events}.json`, JSON.stringify(payload));
  }
  writeFileSync(`${outdir}routing-rules.yaml`, benchRuleFile());
  const files: BenchFiles = {
    routingRules: `${outdir}routing-rules.yaml`,
    bundle: `${outdir}dist/handler.mjs`,
    payload: (events) => `${outdir}payload-${events}.json`,
    coldStartEvent: JSON.stringify(cloudWatchPayload(10, 3).event),
  };
  return { files, inputs };
}

function childEnv(spec: ScenarioSpec): Env {
  const endpoints = { intakeUrl: intake.url, awsUrl: aws.url };
  const env = { ...process.env, ...deploymentEnv(defaults, endpoints, spec.apiKey ?? 'secret'), ...spec.env } as Env;
  if (nodeOptions) env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ''} ${nodeOptions}`.trim();
  return env;
}

/** Runs one scenario's child; the intake's counts start when the child says its timed part starts. */
function runChild(spec: ScenarioSpec): Promise<{ report: ChildReport; counted: { requests: number; bytes: number } }> {
  wire.requests = 0;
  wire.bytes = 0;
  wire.latencyMs = spec.latencyMs;
  const child = fork(`${outdir}${spec.entry}.mjs`, [...spec.args, '--intake', intake.url], {
    env: childEnv(spec),
    execArgv: [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    let report: ChildReport | undefined;
    child.on('message', (message: ChildReport | { mark: string }) => {
      if ('mark' in message) {
        wire.requests = 0;
        wire.bytes = 0;
        child.send('go');
      } else report = message;
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && report) resolve({ report, counted: { requests: wire.requests, bytes: wire.bytes } });
      else reject(new Error(`Bench scenario ${spec.id} failed (exit code ${String(code)}).`));
    });
  });
}

/**
 * A cold start, timed here from just before the spawn to the first byte of the child's report, which it writes
 * once the handler has answered: Node's start-up, the import and the first invocation, as Lambda's init and
 * first request would see them (no IPC channel, as under Lambda's runtime).
 */
function runColdStart(
  spec: ScenarioSpec,
): Promise<{ report: ChildReport; counted: { requests: number; bytes: number } }> {
  wire.latencyMs = spec.latencyMs;
  const startMs = performance.now();
  const child = spawn(process.execPath, [`${outdir}${spec.entry}.mjs`, ...spec.args], {
    env: childEnv(spec),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    // The forwarder's own log lines (warnings, at the template's level) go to stdout too: the report is its line.
    let answeredMs: number | undefined;
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes(REPORT_START)) answeredMs ??= performance.now();
    });
    child.on('error', reject);
    // 'close', not 'exit': the report may still be in the pipe when the process exits.
    child.on('close', (code) => {
      const line = text.split('\n').find((l) => l.startsWith(REPORT_START));
      if (code !== 0 || answeredMs === undefined || !line) {
        process.stderr.write(text);
        reject(new Error(`Bench scenario ${spec.id} failed (exit code ${String(code)}).`));
        return;
      }
      const own = JSON.parse(line) as ChildReport;
      resolve({ report: { ...own, runsMs: [answeredMs - startMs] }, counted: { requests: 0, bytes: 0 } });
    });
  });
}

/** Every .mjs file of the package (scripts/build.mjs's output), recursively. */
function codeShipped(dir: string): { files: number; bytes: number; entryBytes: number } {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.mjs'));
  const bytes = files.reduce((sum, name) => sum + statSync(`${dir}/${name}`).size, 0);
  return { files: files.length, bytes, entryBytes: statSync(`${dir}/handler.mjs`).size };
}

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: os
      .loadavg()
      .map((load) => load.toFixed(1))
      .join(' '),
    date: new Date().toISOString(),
  };
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
