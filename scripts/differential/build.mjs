// Builds what `npm run differential` runs, into .build/differential (git-ignored): the Lambda bundle exactly as
// `npm run build` makes it (scripts/build.mjs, so the harness runs the artefact that ships), and the harness
// itself (scripts/differential/run.ts), bundled so that it runs on plain Node.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildBundles } from '../build.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = `${root}.build/differential`;

await buildBundles(`${outdir}/dist`);
await build({
  entryPoints: {
    run: `${root}scripts/differential/run.ts`,
    'ours-worker': `${root}scripts/differential/ours-worker.ts`,
  },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  logLevel: 'warning',
  external: ['@aws-sdk/*', '@smithy/*', 's3rver'],
});
