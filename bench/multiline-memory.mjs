// Memory of DD_MULTILINE_LOG_REGEX_PATTERN on one entry that never ends: a CloudWatch Logs payload of 20,000
// events (about 10 million characters) where only the first matches the pattern, and an S3 object of the same
// lines. Each source is read through readEvent, and each log serialized, in a process of its own; it prints the
// peak RSS, the peak heap (sampled at every chunk), the largest log read, which the joiner's cap bounds
// (split-multiline.ts), and the bytes serialized (what reached the intake of the text).
//   node bench/multiline-memory.mjs                      this tree
//   node bench/multiline-memory.mjs --baseline <git ref>  that ref's src/ too, alternately, 3 rounds
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}.build/bench/multiline-memory`;

/** Whether the tree classifies the event first (sources/trigger.ts); before, readEvent took the event itself. */
const classified = (src) => existsSync(`${src}/sources/trigger.ts`);

const entry = (src) => `
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { readEvent } from '${src}/sources/index.ts';
${classified(src) ? `import { classifyEvent } from '${src}/sources/trigger.ts';` : 'const classifyEvent = (event) => event;'}
import { PythonRegex } from '${src}/regex/python-regex.ts';
import { Tally } from '${src}/tally.ts';
import { serialize } from '${src}/transform/serialize.ts';
const source = process.argv[2];
const lines = Array.from({ length: 20_000 }, (_, i) =>
  i === 0 ? '2026-12-08 ERROR boom' : '    at frame ' + i + ' ' + 'x'.repeat(480));
let event;
const context = { tally: new Tally(), maxDecompressedBytes: 256 * 1024 * 1024,
  multilinePattern: new PythonRegex('\\\\d{4}-\\\\d{2}-\\\\d{2}') };
if (source === 'cloudwatch') {
  const logEvents = lines.map((message, i) => ({ id: String(i), timestamp: i, message }));
  const payload = { messageType: 'DATA_MESSAGE', owner: '1', logGroup: 'g', logStream: 's', logEvents };
  event = { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
} else {
  const body = Buffer.from(lines.join('\\n') + '\\n');
  context.objects = { async open() {
    const chunks = [];
    for (let i = 0; i < body.length; i += 65536) chunks.push(body.subarray(i, i + 65536));
    return { body: Readable.from(chunks), metadata: { etag: 'x' } };
  } };
  event = { Records: [{ eventSource: 'aws:s3', eventName: 'ObjectCreated:Put',
    s3: { bucket: { name: 'b' }, object: { key: 'app.log' } } }] };
}
let peakHeap = process.memoryUsage().heapUsed;
let logs = 0;
let largest = 0;
let sentBytes = 0;
for await (const chunk of readEvent(classifyEvent(event), context)) {
  const origin = { source: chunk.origin, ddsource: 'bench', service: '', tags: [], attributes: {} };
  for (const log of chunk.logs) {
    logs++;
    largest = Math.max(largest, Buffer.byteLength(log.message ?? ''));
    sentBytes += Buffer.byteLength(serialize({ origin, raw: log, message: log.message }).json);
  }
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}
const MB = (x) => Math.round(x / 1e5) / 10;
console.log(JSON.stringify({ source, logs, largestLogMB: MB(largest), sentMB: MB(sentBytes), peakHeapMB: MB(peakHeap),
  maxRssMB: MB(process.resourceUsage().maxRSS * 1024), dropped: context.tally.dropped,
  counters: context.tally.counters }));
`;

async function bundle(name, src) {
  writeFileSync(`${outdir}/${name}-entry.mjs`, entry(src));
  await build({
    entryPoints: [`${outdir}/${name}-entry.mjs`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: `${outdir}/${name}.mjs`,
    logLevel: 'warning',
  });
  return `${outdir}/${name}.mjs`;
}

rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
const trees = [['this tree', await bundle('current', `${root}src`)]];
const at = process.argv.indexOf('--baseline');
if (at >= 0) {
  const ref = process.argv[at + 1];
  if (!ref) throw new Error('--baseline needs a git ref.');
  const archive = execFileSync('git', ['archive', '--format=tar', ref, 'src'], { cwd: root, maxBuffer: 1 << 28 });
  mkdirSync(`${outdir}/baseline`);
  execFileSync('tar', ['-x', '-C', `${outdir}/baseline`], { input: archive });
  trees.unshift([ref, await bundle('baseline', `${outdir}/baseline/src`)]);
}
for (const source of ['cloudwatch', 's3']) {
  for (let round = 0; round < (trees.length > 1 ? 3 : 1); round++) {
    for (const [name, file] of trees) {
      const result = execFileSync(process.execPath, [file, source], { encoding: 'utf8' }).trim();
      console.log(`${name.padEnd(10)} ${result}`);
    }
  }
}
