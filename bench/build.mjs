// Builds what `npm run bench` runs, with esbuild, into .build/bench (git-ignored):
// - dist/: the Lambda package's code exactly as `npm run package` builds it (scripts/build.mjs: both handlers,
//   their chunks and source maps). The bench's figure for code size counts every .mjs file there, and every
//   scenario imports dist/handler.mjs, so they measure the artefact users deploy.
// - the bench entries (bench/*-child.ts and bench/run.ts; bench/s3-servers.mjs runs unbundled), bundled so they
//   run on plain Node without a loader. Nothing under test/ is imported: the bench stands on its own.
// `--baseline <git ref>` instead builds src/ as it is at that ref, the same way, into baseline/dist, for
// `npm run bench -- --baseline <ref>` (before/after figures measured in the same run).
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildBundles } from '../scripts/build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}.build/bench`;

const baselineAt = process.argv.indexOf('--baseline');
if (baselineAt >= 0) {
  const ref = process.argv[baselineAt + 1];
  if (!ref) throw new Error('--baseline needs a git ref (a commit, a branch, HEAD~1).');
  // Inside the repository, so that the baseline's imports resolve to the same node_modules.
  const tree = `${outdir}/baseline`;
  rmSync(tree, { recursive: true, force: true });
  mkdirSync(tree, { recursive: true });
  const archive = execFileSync('git', ['archive', '--format=tar', ref, 'src'], { cwd: root, maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', tree], { input: archive });
  await buildBundles(`${tree}/dist`, tree);
} else {
  await buildBundles(`${outdir}/dist`);
  await build({
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
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
    // run.mjs reads template.yaml with the yaml package, which uses require(): give ESM a require.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
  });
}
