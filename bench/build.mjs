// Builds what `npm run bench` runs, with esbuild, into .build/bench (git-ignored):
// - handler.mjs: src/handler.ts bundled as Lambda would load it (ESM, Node 20, minified). Its size is the
//   "bundle size" figure, and the cold-start and pipeline scenarios import it, so they measure the artefact.
// - the bench entries (bench/*-child.ts and bench/run.ts; bench/s3-servers.mjs runs unbundled), bundled so they run on plain Node without a loader.
// `--baseline <git ref>` instead bundles src/ as it is at that ref into baseline-handler.mjs, for
// `npm run bench -- --baseline <ref>` (before/after figures measured in the same run).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}.build/bench`;
const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' };

/**
 * The Lambda bundle of one handler entry, built as scripts/build.mjs packages it: the AWS SDK bundled, split
 * into chunks that load only when a feature needs them (so cold start measures what Lambda loads).
 */
function buildHandler(entry, outfile) {
  return build({
    ...common,
    entryPoints: { [path.basename(outfile, '.mjs')]: entry },
    outdir: path.dirname(outfile),
    outExtension: { '.js': '.mjs' },
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    minify: true,
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
  });
}

const baselineAt = process.argv.indexOf('--baseline');
if (baselineAt >= 0) {
  const ref = process.argv[baselineAt + 1];
  if (!ref) throw new Error('--baseline needs a git ref (a commit, a branch, HEAD~1).');
  const tree = `${outdir}/baseline`;
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', ref, 'src'], { cwd: root, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', tree], { input: archive });
  await buildHandler(`${tree}/src/handler.ts`, `${outdir}/baseline-handler.mjs`);
} else {
  await buildHandler(`${root}src/handler.ts`, `${outdir}/handler.mjs`);
  await build({
    ...common,
    entryPoints: {
      run: `${root}bench/run.ts`,
      'forward-child': `${root}bench/forward-child.ts`,
      'floor-child': `${root}bench/floor-child.ts`,
      'cold-start-child': `${root}bench/cold-start-child.ts`,
      's3-child': `${root}bench/s3-child.ts`,
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    // The S3 scenarios' child loads the real S3 client, as the Lambda runtime provides it.
    external: ['@aws-sdk/*', '@smithy/*'],
  });
}
