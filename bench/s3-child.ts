// One S3 scenario in a fresh process: the real handler (createHandler from the bundled src/handler.ts) reads a
// generated gzip object through the real S3 client from s3rver on 127.0.0.1 (bench/s3-servers.mjs, in its own
// process so that the peak RSS measured is the forwarder's alone) and sends to the bench's capture intake.
// Like a warm Lambda container, it first forwards a 100-line object (configuration, clients and connections
// are built then), then forwards the scenario's object `--runs` times.
//
// Options: --lines <n> (an object of n lines) or --mb <n> (an object of n MiB uncompressed), --runs <n>,
// --count-work (time nothing, count JSON.parse calls and heap allocation over the runs: bench/work-count.ts). The
// environment is the runner's (a default deployment's: bench/deployment.ts); `npm run bench -- --s3-1gb` runs it.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { lambdaContext } from './deployment.js';
import { argValue, importHandlerBundle, markTimedStart, peakRssBytes, sendReport, timed } from './protocol.js';
import { countWork, installParseCounter, type WorkCount } from './work-count.js';

interface S3Setup {
  readonly endpoint: string;
  readonly bucket: string;
  readonly warmupKey: string;
  readonly key: string;
  readonly lines: number;
  readonly uncompressedBytes: number;
  readonly compressedBytes: number;
}

const lineLimit = Number(argValue('lines', String(Number.MAX_SAFE_INTEGER)));
const targetBytes = Number(argValue('mb', String(Number.MAX_SAFE_INTEGER / 2 ** 20))) * 2 ** 20;
const runs = Number(argValue('runs', '4'));

// Bundled as .build/bench/s3-child.mjs; the servers stay a plain module in bench/.
const servers = fork(fileURLToPath(new URL('../../bench/s3-servers.mjs', import.meta.url)), [
  JSON.stringify({ targetBytes, lineLimit }),
]);
// A failed run must not leave s3rver behind.
process.on('exit', () => servers.kill());
const setup = await new Promise<S3Setup>((resolve, reject) => {
  servers.once('message', (message) => resolve(message as S3Setup));
  servers.once('error', reject);
  servers.once('exit', (code) => reject(new Error(`The bench's S3 servers exited with ${String(code)}.`)));
});

// The handler's deps.ts builds the real S3 client, which reads these: s3rver checks signatures with its own keys.
Object.assign(process.env, {
  AWS_ENDPOINT_URL_S3: setup.endpoint,
  AWS_ACCESS_KEY_ID: 'S3RVER',
  AWS_SECRET_ACCESS_KEY: 'S3RVER',
  AWS_SESSION_TOKEN: '',
});
// Before the bundle is imported, so that it calls the counter whatever reference to JSON.parse it keeps.
const counter = process.argv.includes('--count-work') ? installParseCounter() : undefined;
const { createHandler } = await importHandlerBundle(argValue('bundle'));
const handler = createHandler(process.env);

await invoke(setup.warmupKey, 100);
const times = { runsMs: [] as number[], cpuMs: [] as number[] };
let work: WorkCount | undefined;
if (counter) work = await countWork(counter, runs, setup.lines, () => invoke(setup.key, setup.lines));
else {
  await markTimedStart();
  for (let i = 0; i < runs; i++) await timed(() => invoke(setup.key, setup.lines), times);
}
servers.send('stop');
await new Promise((resolve) => servers.once('message', resolve));
sendReport({
  kind: 'forward',
  ...times,
  events: setup.lines,
  rawBytes: setup.uncompressedBytes,
  peakRssBytes: peakRssBytes(),
  details: { compressedBytes: setup.compressedBytes },
  ...(work ? { work } : {}),
});

/** Forwards one object and checks every line went out, so a broken run cannot pass for a fast one. */
async function invoke(key: string, lines: number): Promise<void> {
  const event = {
    Records: [
      {
        eventSource: 'aws:s3',
        eventName: 'ObjectCreated:Put',
        s3: { bucket: { name: setup.bucket }, object: { key } },
      },
    ],
  };
  const context = lambdaContext(15 * 60_000);
  const result = (await handler(event, context)) as { forwarded?: number };
  if (result.forwarded !== lines) {
    throw new Error(`Forwarded ${String(result.forwarded)} of ${lines} lines: the bench run is invalid.`);
  }
}
