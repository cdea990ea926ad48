// `npm run bench`: builds the payloads, starts one capture intake on 127.0.0.1 that counts requests and bytes
// (keeping no bodies) and answers after the scenario's latency, runs every scenario in a fresh child process,
// and prints the results as JSON on stdout and as a table on stderr. Nothing here is asserted by `npm test`.
//
// Options: --sizes 1000,10000 (CloudWatch payload sizes; default 1000,10000,50000), --no-cold-start.
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { startCaptureIntake } from '../src/cli/local/capture-intake.js';
import { localIntakeEnv } from '../test/helpers/lambda.js';
import { cloudWatchPayload } from './payloads.js';
import { median, type ChildReport, type ScenarioSpec } from './protocol.js';
import { checkTargets, toResult, type ScenarioResult } from './results.js';
import {
  CLOUDWATCH_SIZES,
  PENDING_S3,
  cloudWatchScenarios,
  coldStartScenarios,
  s3Scenarios,
  type BenchFiles,
} from './scenarios.js';
import { renderTable, type BenchOutput } from './table.js';

// This file runs bundled as .build/bench/run.mjs, beside the children and the handler bundle.
const outdir = fileURLToPath(new URL('.', import.meta.url));
const sizes = option('sizes')?.split(',').map(Number) ?? [...CLOUDWATCH_SIZES];
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
  const specs = [...cloudWatchScenarios(files, sizes), ...s3Scenarios()];
  const scenarios: ScenarioResult[] = [];
  for (const spec of specs) {
    const { report, counted } = await runChild(spec);
    scenarios.push(toResult(spec, report, spec.group === 'floor' ? undefined : counted));
    process.stderr.write(`  ${spec.id}: ${scenarios.at(-1)?.wallMs} ms\n`);
  }
  const coldStart = process.argv.includes('--no-cold-start') ? undefined : await measureColdStart(files);
  const bundleBytes = statSync(files.bundle).size;
  const output: BenchOutput & { inputs: Record<string, string> } = {
    machine: machine(),
    inputs,
    bundle: { path: '.build/bench/handler.mjs', bytes: bundleBytes },
    coldStart,
    scenarios,
    pending: s3Scenarios().length > 0 ? [] : [...PENDING_S3],
    targets: checkTargets(scenarios, bundleBytes, coldStart?.medianMs),
  };
  process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
  process.stderr.write(`\n${renderTable(output)}\n`);
} finally {
  await intake.close();
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

async function measureColdStart(files: BenchFiles) {
  const results: ScenarioResult[] = [];
  for (const spec of coldStartScenarios(files)) results.push(toResult(spec, (await runChild(spec)).report));
  const medianMs = median(results.map((r) => r.wallMs));
  const typical = results.find((r) => r.wallMs === medianMs) ?? results[0];
  if (!typical) return undefined;
  return { ...typical, id: 'cold-start', medianMs, runsMs: results.map((r) => r.wallMs) };
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
