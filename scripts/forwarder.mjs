// Runs the command line from the sources: bundles src/cli/main.ts with esbuild into .build/cli-<stamp>/ when no
// bundle of the current sources exists (the stamp is the newest source file's time; a fraction of a second), then
// runs it. The bundle is split: a command loads the AWS SDK only when it runs, so --help, --version and usage
// errors answer at once. A bundle is written to a folder of its own and renamed into place, so commands started at
// the same moment never load a half-written one. s3rver (the local S3 of `invoke`) stays outside the bundle and is
// loaded from node_modules when used.
import { build } from 'esbuild';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const builds = join(root, '.build');

function newestSourceMs(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMs(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const name = `cli-${Math.floor(newestSourceMs(join(root, 'src'))).toString(36)}`;
const bundle = join(builds, name);

if (!existsSync(join(bundle, 'main.js'))) {
  const own = `${bundle}.${process.pid}`;
  await build({
    entryPoints: { main: join(root, 'src', 'cli', 'main.ts') },
    outdir: own,
    bundle: true,
    splitting: true,
    external: ['s3rver'],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'warning',
    // Bundled CommonJS dependencies (the AWS SDK) call require(); give them one.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  try {
    renameSync(own, bundle);
  } catch {
    rmSync(own, { recursive: true, force: true }); // another command built the same sources first
  }
  for (const entry of readdirSync(builds)) {
    if (/^cli-[0-9a-z]+$/.test(entry) && entry !== name) rmSync(join(builds, entry), { recursive: true, force: true });
  }
}

const { main } = await import(pathToFileURL(join(bundle, 'main.js')).href);
process.exitCode = await main(process.argv.slice(2), process.env, root);
