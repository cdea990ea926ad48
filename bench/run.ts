// `npm run bench`: builds the payloads, starts one capture intake on 127.0.0.1 that counts requests and bytes
// (keeping no bodies) and answers after the scenario's latency, runs every scenario in a fresh child process,
// and prints the results as JSON on stdout and as a table on stderr. Nothing here is asserted by `npm test`.
//
// Options: --sizes 1000,10000 (CloudWatch payload sizes; default 1000,10000,50000), --rounds 3, --no-cold-start,
// --baseline <git ref> (also run the pipeline scenarios with src/ at that ref, for before/after figures),
// --s3-1gb (also the 1 GB S3 object, minutes per round; `npm run bench:full`), --sizes none (no CloudWatch).
import { execFileSync, fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { startCaptureIntake } from '../src/cli/local/capture-intake.js';
import { localIntakeEnv } from '../test/helpers/lambda.js';
import { cloudWatchPayload } from './payloads.js';
import { poolReports, type ChildReport, type ScenarioSpec } from './protocol.js';
import { checkTargets, toResult, type ScenarioResult } from './results.js';
import {
  CLOUDWATCH_SIZES,
  COLD_START_RUNS,
  DEFAULT_ROUNDS,
  LARGE_S3,
  cloudWatchScenarios,
  coldStartScenarios,
  s3Scenarios,
  type BenchFiles,
} from './scenarios.js';
import { renderTable, type BenchOutput } from './table.js';

// This file runs bundled as .build/bench/run.mjs, beside the children and the handler bundle.
const outdir = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
const sizes = option('sizes')
  ?.split(',')
  .filter((size) => size !== 'none')
  .map(Number) ?? [...CLOUDWATCH_SIZES];
const largeS3 = process.argv.includes('--s3-1gb');
const rounds = Number(option('rounds') ?? DEFAULT_ROUNDS);
const baseline = option('baseline');
const wire = { requests: 0, bytes: 0, latencyMs: 0 };
const intake = await startCaptureIntake({
  keep: false,
  responder: (request) => {
    wire.requests++;
    wire.bytes += request.body.length;
    return { status: 202, body: '{}', delayMs: wire.latencyMs };
  },
});

try {
  const { files, inputs } = writeInputs();
  const measured = [...cloudWatchScenarios(files, sizes), ...s3Scenarios(files, { large: largeS3 })];
  const specs = baseline ? withBaseline(measured, baseline) : measured;
  const scenarios = await runRounds(specs, rounds);
  const coldStart = process.argv.includes('--no-cold-start')
    ? undefined
    : (await runRounds(coldStartScenarios(files), COLD_START_RUNS))[0];
  const bundleBytes = statSync(files.bundle).size;
  const output: BenchOutput & { inputs: Record<string, string> } = {
    machine: { ...machine(), rounds, ...(baseline ? { baseline } : {}) },
    inputs,
    bundle: { path: '.build/bench/handler.mjs', bytes: bundleBytes },
    coldStart,
    scenarios,
    pending: largeS3 ? [] : [...LARGE_S3],
    targets: checkTargets(scenarios, bundleBytes, coldStart?.wallMs),
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  process.stderr.write(`\n${renderTable(output)}\n`);
} finally {
  await intake.close();
}

/**
 * Runs every scenario once per round, rounds one after another, so that a change in the machine's load
 * touches every scenario alike and the ratios between them stay fair; a scenario's runs are pooled.
 */
async function runRounds(specs: readonly ScenarioSpec[], count: number): Promise<ScenarioResult[]> {
  const pooled = new Map<string, { report: ChildReport; requests: number; bytes: number }>();
  for (let round = 1; round <= count; round++) {
    for (const spec of specs) {
      const { report, counted } = await runChild(spec);
      const before = pooled.get(spec.id);
      pooled.set(spec.id, {
        report: before ? poolReports(before.report, report) : report,
        requests: (before?.requests ?? 0) + counted.requests,
        bytes: (before?.bytes ?? 0) + counted.bytes,
      });
      process.stderr.write(
        `  round ${round}/${count} ${spec.id}: ${report.runsMs.map((ms) => ms.toFixed(0)).join(' ')} ms\n`,
      );
    }
  }
  return specs.map((spec) => {
    const { report, requests, bytes } = pooled.get(spec.id)!;
    const wire = spec.group === 'floor' || spec.group === 'cold-start' ? undefined : { requests, bytes };
    return toResult(spec, report, wire);
  });
}

/**
 * `--baseline <ref>`: the pipeline scenarios again with src/ as it is at that git ref, interleaved in the same
 * rounds, so a tuning change's before and after are measured under the same load.
 */
function withBaseline(specs: readonly ScenarioSpec[], ref: string): ScenarioSpec[] {
  execFileSync(process.execPath, ['bench/build.mjs', '--baseline', ref], { cwd: root, stdio: 'inherit' });
  const before = (spec: ScenarioSpec): ScenarioSpec => ({
    ...spec,
    id: `${spec.id}@${ref}`,
    args: spec.args.map((arg) => (arg === `${outdir}handler.mjs` ? `${outdir}baseline-handler.mjs` : arg)),
  });
  return specs.flatMap((spec) => (spec.group === 'cloudwatch' || spec.group === 's3' ? [before(spec), spec] : [spec]));
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
  const files: BenchFiles = {
    bundle: `${outdir}handler.mjs`,
    payload: (events) => `${outdir}payload-${events}.json`,
    coldStartEvent: JSON.stringify(cloudWatchPayload(10, 3).event),
  };
  return { files, inputs };
}

/** Runs one scenario's child; the intake's counts start when the child says its timed part starts. */
function runChild(spec: ScenarioSpec): Promise<{ report: ChildReport; counted: { requests: number; bytes: number } }> {
  wire.requests = 0;
  wire.bytes = 0;
  wire.latencyMs = spec.latencyMs;
  const child = fork(`${outdir}${spec.entry}.mjs`, [...spec.args, '--intake', intake.url], {
    env: { ...process.env, ...localIntakeEnv(intake.url) },
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

function machine(): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    date: new Date().toISOString(),
  };
}

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}
