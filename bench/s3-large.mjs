// Standalone benchmark: forwards one generated gzip S3 object through the real handler and reports wall time,
// throughput and the forwarder's peak RSS as JSON. The object lives in s3rver and the logs go to the capture
// intake, both on 127.0.0.1 in a child process (bench/s3-large-servers.mjs), so the RSS measured is the
// forwarder's alone. The handler and the intake are bundled from src/ with esbuild first.
//
//   node bench/s3-large.mjs                 1 GB (uncompressed) object; the bar is peak RSS under 256 MB
//   node bench/s3-large.mjs --mb 64         a smaller object
//   node bench/s3-large.mjs --lines 10000   a 10,000-line object (compare with the CloudWatch Logs figures)
import { build } from 'esbuild';
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const targetBytes = option('mb', args.includes('--lines') ? 1e6 : 1024) * 1024 * 1024;
const lineLimit = option('lines', Number.MAX_SAFE_INTEGER);

const outdir = path.join(root, '.build', 'bench');
await build({
  entryPoints: { handler: 'src/handler.ts', 'capture-intake': 'src/cli/local/capture-intake.ts' },
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir,
  outExtension: { '.js': '.mjs' },
  packages: 'external',
  logLevel: 'warning',
});

const servers = fork(path.join(root, 'bench', 's3-large-servers.mjs'), [
  JSON.stringify({
    targetBytes,
    lineLimit,
    intakeModule: pathToFileURL(path.join(outdir, 'capture-intake.mjs')).href,
  }),
]);
const setup = await new Promise((resolve, reject) => {
  servers.once('message', resolve);
  servers.once('error', reject);
  servers.once('exit', (code) => reject(new Error(`bench servers exited with ${code}`)));
});

const { hostname, port } = new URL(setup.intakeUrl);
Object.assign(process.env, {
  AWS_ENDPOINT_URL_S3: setup.endpoint,
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
});
const env = {
  ...process.env,
  DD_API_KEY: 'abcdefghijklmnopqrstuvwxyz012345',
  DD_URL: hostname,
  DD_PORT: port,
  DD_NO_SSL: 'true',
  DD_USE_VPC: 'true',
  DD_LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
};
const { createHandler } = await import(pathToFileURL(path.join(outdir, 'handler.mjs')).href);
const handler = createHandler(env);
const deadline = Date.now() + 15 * 60_000;
const context = {
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:012345678912:function:bench',
  functionName: 'bench',
  functionVersion: '$LATEST',
  memoryLimitInMB: '256',
  awsRequestId: '00000000-0000-4000-8000-000000000000',
  getRemainingTimeInMillis: () => deadline - Date.now(),
};
const event = {
  Records: [
    {
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: { bucket: { name: setup.bucket }, object: { key: setup.key } },
    },
  ],
};

const rssBeforeMb = process.memoryUsage().rss / 1048576;
const cpuBefore = process.cpuUsage();
const started = process.hrtime.bigint();
const response = await handler(event, context);
const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);

servers.send('stop');
const intake = await new Promise((resolve) => servers.once('message', resolve));
const mb = setup.uncompressedBytes / 1048576;
console.log(
  JSON.stringify(
    {
      object: {
        lines: setup.lines,
        uncompressedMb: +mb.toFixed(1),
        compressedMb: +(setup.compressedBytes / 1048576).toFixed(1),
      },
      response,
      intake,
      wallSeconds: +wallSeconds.toFixed(2),
      mbPerSecond: +(mb / wallSeconds).toFixed(1),
      linesPerSecond: Math.round(setup.lines / wallSeconds),
      forwarderCpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      rssBeforeMb: +rssBeforeMb.toFixed(1),
      peakRssMb: +(process.resourceUsage().maxRSS / 1024).toFixed(1),
    },
    null,
    2,
  ),
);
