// Lines per CPU-second through readS3Object (split, strip, join, chunk) on an object held in memory: no S3, no
// intake, so what it measures is the line path alone, with and without DD_MULTILINE_LOG_REGEX_PATTERN. CPU time
// (user + system) rather than wall time, so that other work on the machine moves the figures less.
//   node bench/s3-lines.mjs                      this tree
//   node bench/s3-lines.mjs --baseline <git ref>  that ref's src/, then this tree, alternately, 3 rounds
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}.build/bench/s3-lines`;

const entry = (src) => `
import { Readable } from 'node:stream';
import { readS3Object } from '${src}/sources/s3-object.ts';
import { Tally } from '${src}/tally.ts';
import { PythonRegex } from '${src}/regex/python-regex.ts';
const mode = process.argv[2];
const lines = 2_000_000;
const parts = [];
for (let i = 0; i < lines; i++) {
  parts.push(i % 10 === 0 || mode === 'plain'
    ? '2024-01-15T10:00:' + String(i % 60).padStart(2, '0') + 'Z INFO request ' + i + ' handled in ' + (i % 997) + ' ms'
    : '    at com.example.Handler.method' + (i % 7) + '(Handler.java:' + (i % 400) + ')');
}
const body = Buffer.from(parts.join('\\n') + '\\n');
const objects = { async open() {
  const chunks = [];
  for (let i = 0; i < body.length; i += 65536) chunks.push(body.subarray(i, i + 65536));
  return { body: Readable.from(chunks), metadata: { etag: 'x' } };
} };
const multilinePattern = mode === 'multiline' ? new PythonRegex('\\d{4}-\\d{2}-\\d{2}') : undefined;
const rates = [];
for (let run = 0; run < 7; run++) {
  const start = process.cpuUsage();
  for await (const _ of readS3Object({ bucket: 'b', key: 'k.log' }, { tally: new Tally(), objects, multilinePattern }, 's3'));
  const used = process.cpuUsage(start);
  rates.push(lines / ((used.user + used.system) / 1e6));
}
rates.sort((a, b) => a - b);
console.log(JSON.stringify({ mode, min: rates[0], median: rates[3], max: rates[6] }));
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
const million = (x) => (x / 1e6).toFixed(2);
for (const mode of ['plain', 'multiline']) {
  for (let round = 0; round < (trees.length > 1 ? 3 : 1); round++) {
    for (const [name, file] of trees) {
      const r = JSON.parse(execFileSync(process.execPath, [file, mode], { encoding: 'utf8' }));
      console.log(
        `${mode.padEnd(9)} ${name.padEnd(10)} M lines/CPU-s: median ${million(r.median)} (min ${million(r.min)}, max ${million(r.max)})`,
      );
    }
  }
}
