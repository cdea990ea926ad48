// Builds what `npm run bench` runs, with esbuild, into .build/bench (git-ignored):
// - handler.mjs: src/handler.ts bundled as Lambda would load it (ESM, Node 20, minified). Its size is the
//   "bundle size" figure, and the cold-start and pipeline scenarios import it, so they measure the artefact.
// - the bench entries (bench/*-child.ts and bench/run.ts), bundled so they run on plain Node without a loader.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const outdir = `${root}.build/bench`;

const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' };

await build({
  ...common,
  entryPoints: { handler: `${root}src/handler.ts` },
  outdir,
  outExtension: { '.js': '.mjs' },
  minify: true,
  // The AWS SDK v3 ships with the Lambda Node.js runtime, so a Lambda bundle leaves it out.
  external: ['@aws-sdk/*', '@smithy/*'],
});

await build({
  ...common,
  entryPoints: {
    run: `${root}bench/run.ts`,
    'forward-child': `${root}bench/forward-child.ts`,
    'floor-child': `${root}bench/floor-child.ts`,
    'cold-start-child': `${root}bench/cold-start-child.ts`,
  },
  outdir,
  outExtension: { '.js': '.mjs' },
});
