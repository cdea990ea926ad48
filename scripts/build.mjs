// Bundles the Lambda entry points with esbuild into dist/: ESM (.mjs) for Node's Lambda runtime, with source maps
// of our code only (src/stack-traces.ts reads them when a stack trace is formatted, so that it points at src/;
// own-source-maps.mjs), the AWS SDK v3 clients bundled (the versions in package-lock.json, not whatever the
// runtime happens to ship), Node builtins external.
// Handlers: `handler.handler` (the forwarder) and `subscriber.handler` (log group auto-subscription).
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-package.html
import { build } from 'esbuild';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { keepOwnSourceMap } from './own-source-maps.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const ENTRY_POINTS = {
  handler: 'src/handler.ts',
  subscriber: 'src/subscriber-handler.ts',
};

/**
 * Builds every entry point into `outdir`; returns the bundle files with their sizes in bytes. `root` is where
 * src/ is read from (the bench builds a git ref's src/ the same way: bench/build.mjs).
 */
export async function buildBundles(outdir = path.join(ROOT, 'dist'), root = ROOT) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: ENTRY_POINTS,
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    // The AWS SDK clients sit in chunks that src/deps.ts imports only when a feature needs them, so the cold
    // start of a forwarder that only forwards CloudWatch Logs loads none of them.
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    metafile: true,
    // The template's runtime is nodejs24.x, and the tests and the runtime end-to-end test run on Node 24 too.
    target: 'node24',
    sourcemap: true,
    sourcesContent: false,
    // Smaller code parses faster at cold start; the source maps keep stack traces readable.
    minify: true,
    keepNames: true,
    legalComments: 'none',
    // Some bundled CommonJS (parts of the AWS SDK) call require() for builtins: give ESM a require.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  // Stack traces point at src/; the AWS SDK's code carries no map for Node to load (own-source-maps.mjs).
  for (const output of Object.keys(result.metafile.outputs)) {
    if (output.endsWith('.mjs')) await keepOwnSourceMap(path.resolve(root, output));
  }
  const files = [];
  for (const output of Object.keys(result.metafile.outputs).sort()) {
    const file = path.resolve(root, output);
    const name = path.relative(outdir, file).split(path.sep).join('/');
    files.push({ name, path: file, sizeBytes: (await stat(file)).size });
  }
  return files;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outIndex = process.argv.indexOf('--outdir');
  const files = await buildBundles(outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : undefined);
  for (const file of files) console.log(`${file.name}\t${(file.sizeBytes / 1024).toFixed(1)} KiB`);
}
