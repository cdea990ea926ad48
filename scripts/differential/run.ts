// `npm run differential -- --python-forwarder <clone of DataDog/datadog-serverless-functions>`: runs the Datadog
// Forwarder (Python; 5.4.11 for logs, 3.99.0 for metrics and traces) and Forwarder (the bundle `npm run build`
// makes) on the same generated cases, against loopback intakes and a loopback S3, compares what each sent record
// by record, classifies every difference (classify.ts), prints the table and writes the JSON result.
// Not part of `npm test`. docs/compatibility.md ("The differential run") says how to get the Python source.
//
// Options: --python-forwarder <git clone> (or DD_FORWARDER_CHECKOUT), --python-v5 <aws/logs_monitoring folder at
// 5.4.11>, --python-v3 <... at 3.99.0>, --python <interpreter>, --seed N (default 13), --only <id substring>,
// --out <result.json> (default .build/differential/result.json), --verbose (every difference of every case),
// --debug (each side's log lines of a defect), --reclassify (apply rules.ts again to --out, without a run).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import S3rver from 's3rver';
import { startCaptureIntake, type CaptureIntake } from '../../src/cli/local/capture-intake.js';
import { CONTEXT, generateCases, type Case } from './cases.js';
import { classify, CLASSES, type Classified } from './classify.js';
import { compareOutputs, decodeRequests, expectedSpans, type Output } from './compare.js';
import type { OursRequest, OursResult } from './ours-worker.js';
import { findPython, forwarderFolder, PythonSide, VERSIONS, type PythonVersion } from './python.js';
import { renderTable, summarize, type Summary } from './table.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = path.resolve(here, '..', '..');
const API_KEY = 'differential0harness0key00000000';
/** Longer than any case takes; a case that takes longer is stuck (its result: a TimeoutError). */
const CASE_TIMEOUT_MS = 60_000;
const S3_KEYS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

function option(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

/** The settings both forwarders get besides the case's own: every intake and AWS endpoint on loopback. */
function baseEnv(intake: CaptureIntake, s3Endpoint: string): Record<string, string> {
  return {
    DD_API_KEY: API_KEY,
    DD_SITE: 'datadoghq.com',
    DD_URL: '127.0.0.1',
    DD_PORT: String(intake.port),
    DD_NO_SSL: 'true',
    DD_API_URL: intake.url,
    DD_TRACE_INTAKE_URL: intake.url,
    DD_LOG_LEVEL: 'error',
    // Tag fetching stays off on both sides (the defaults): no tagging API is asked.
    DD_FETCH_LAMBDA_TAGS: 'false',
    DD_FETCH_LOG_GROUP_TAGS: 'false',
    DD_FETCH_S3_TAGS: 'false',
    DD_STORE_FAILED_EVENTS: 'false',
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_S3: s3Endpoint,
    ...S3_KEYS,
  };
}

/** Forwarder's side: a worker thread running the handler bundle; a case that outlives its time ends the worker. */
class Ours {
  private worker: Worker | undefined;
  constructor(private readonly handlerModule: string) {}

  async run(request: OursRequest, timeoutMs: number): Promise<OursResult> {
    this.worker ??= new Worker(path.join(here, 'ours-worker.mjs'), {
      workerData: { handlerModule: this.handlerModule },
    });
    const worker = this.worker;
    let timer: NodeJS.Timeout | undefined;
    try {
      return await new Promise<OursResult>((resolve, reject) => {
        worker.once('message', resolve);
        worker.once('error', reject);
        timer = setTimeout(
          () => resolve({ error: `TimeoutError: no result after ${timeoutMs} ms`, lines: [] }),
          timeoutMs,
        );
        worker.postMessage(request);
      }).then(async (result) => {
        if (result.error?.startsWith('TimeoutError: no result')) await this.close();
        return result;
      });
    } finally {
      clearTimeout(timer);
      worker.removeAllListeners('message');
      worker.removeAllListeners('error');
    }
  }

  async close() {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}

async function main() {
  const seed = Number(option('seed') ?? 13);
  const only = option('only');
  const out = option('out') ?? path.join(root, '.build', 'differential', 'result.json');
  if (process.argv.includes('--reclassify')) return reclassify(out);
  const workdir = path.join(root, '.build', 'differential');
  const python = findPython(option('python'));
  const clone = option('python-forwarder') ?? process.env.DD_FORWARDER_CHECKOUT;
  const folders: Record<PythonVersion, string> = {
    v5: forwarderFolder(option('python-v5') ?? need(clone), 'v5', workdir),
    v3: forwarderFolder(option('python-v3') ?? need(clone), 'v3', workdir),
  };
  const pythons = { v5: new PythonSide(python, folders.v5, workdir), v3: new PythonSide(python, folders.v3, workdir) };
  const ours = new Ours(pathToFileURL(path.join(workdir, 'dist', 'handler.mjs')).href);
  const cases = generateCases(seed).filter((c) => !only || c.id.includes(only));

  const intake = await startCaptureIntake();
  const s3Dir = path.join(os.tmpdir(), `differential-s3-${process.pid}`);
  const buckets = [...new Set(cases.flatMap((c) => c.objects.map((o) => o.bucket)))];
  const s3 = new S3rver({
    port: 0,
    address: '127.0.0.1',
    silent: true,
    directory: s3Dir,
    configureBuckets: buckets.map((name) => ({ name })),
  });
  const { port: s3Port } = (await s3.run()) as { port: number };
  const s3Endpoint = `http://127.0.0.1:${s3Port}`;
  Object.assign(process.env, { AWS_ENDPOINT_URL_S3: s3Endpoint, ...S3_KEYS, AWS_REGION: 'us-east-1' });
  await putObjects(s3Endpoint, cases);

  const results: Classified[] = [];
  try {
    for (const c of cases) results.push(await runCase(c, { intake, s3Endpoint, pythons, ours, workdir }));
  } finally {
    for (const side of Object.values(pythons)) side.close();
    await ours.close();
    await intake.close();
    await s3.close();
  }
  const summary = summarize(results, { seed, python: { v5: VERSIONS.v5, v3: VERSIONS.v3 } });
  report(summary, results, out);
}

/** Applies the rules again to the differences of a result file (after a change of rules.ts), without a run. */
function reclassify(file: string) {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as Summary & { cases: Classified[] };
  const cases = new Map(generateCases(saved.seed).map((c) => [c.id, c]));
  const results = saved.cases.map((r) => {
    const differences = r.differences.map(({ class: _class, rule: _rule, ...d }) => d);
    return classify(cases.get(r.id) as Case, differences);
  });
  report({ ...summarize(results, { seed: saved.seed, python: saved.python }), date: saved.date }, results, file);
}

function report(summary: Summary, results: readonly Classified[], out: string) {
  console.log(renderTable(summary));
  if (process.argv.includes('--verbose'))
    for (const r of results) if (r.class !== 'identical') console.log(JSON.stringify(r, null, 1));
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ ...summary, cases: results }, null, 1));
  console.log(`Result written to ${out}`);
}

function need(clone: string | undefined): string {
  if (!clone)
    throw new Error(
      'Name the Datadog Forwarder source: --python-forwarder <git clone of DataDog/datadog-serverless-functions> ' +
        '(or DD_FORWARDER_CHECKOUT), or --python-v5/--python-v3 <aws/logs_monitoring folder>.',
    );
  return clone;
}

async function putObjects(endpoint: string, cases: readonly Case[]) {
  const { S3Client, PutObjectCommand } = await import('@aws-sdk/client-s3');
  const client = new S3Client({
    endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  for (const c of cases)
    for (const o of c.objects)
      await client.send(new PutObjectCommand({ Bucket: o.bucket, Key: o.key, Body: Buffer.from(o.body, 'base64') }));
  client.destroy();
}

interface Setup {
  readonly intake: CaptureIntake;
  readonly s3Endpoint: string;
  readonly pythons: Record<PythonVersion, PythonSide>;
  readonly ours: Ours;
  readonly workdir: string;
}

async function runCase(c: Case, setup: Setup): Promise<Classified> {
  const { intake } = setup;
  const env = { ...baseEnv(intake, setup.s3Endpoint), ...c.settings };
  intake.requests.splice(0);
  const pythonEnv = {
    ...env,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: os.tmpdir(),
    DIFF_AWS_ENDPOINT: intake.url,
    DIFF_AWS_ENDPOINT_S3: setup.s3Endpoint,
  };
  if (process.argv.includes('--debug')) process.stderr.write(`${c.id}: python\n`);
  const py = await setup.pythons[c.python].run(pythonEnv, { event: c.event, context: CONTEXT }, CASE_TIMEOUT_MS);
  const pythonOutput: Output = { ...decodeRequests(intake.requests, py.error), spans: expectedSpans(py.tracePayloads) };
  intake.requests.splice(0);
  if (process.argv.includes('--debug')) process.stderr.write(`${c.id}: ours\n`);
  const ours = await setup.ours.run({ env, event: c.event }, CASE_TIMEOUT_MS);
  const ourOutput = decodeRequests(intake.requests, ours.error);
  intake.requests.splice(0);
  // 3.99.0 is compared for its metrics and traces only: its logs are v3's (docs/compatibility.md).
  const differences = compareOutputs(
    c.python === 'v3' ? { ...pythonOutput, logs: [] } : pythonOutput,
    c.python === 'v3' ? { ...ourOutput, logs: [] } : ourOutput,
  );
  const classified = classify(c, differences);
  if (classified.class === 'defect' && process.argv.includes('--debug')) {
    console.error(c.id, py.stderr.slice(-2000), ours.lines.join('').slice(-2000));
  }
  process.stderr.write(
    `${c.id}: ${classified.class}${CLASSES.indexOf(classified.class) > 1 ? ` (${classified.differences.length})` : ''}\n`,
  );
  return classified;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
