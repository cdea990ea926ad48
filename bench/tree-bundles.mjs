// The trees a small bench compares: this checkout's src/, and with `--baseline <git ref>` that ref's src/ too
// (first), each bundled with the bench's entry into one file that the bench runs in processes of its own.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** [name, bundle file] for each tree; `entry(src)` is the bench's entry source for a tree's src/ folder. */
export async function treeBundles(bench, entry, argv = process.argv) {
  const outdir = `${root}.build/bench/${bench}`;
  const bundle = async (name, src) => {
    writeFileSync(`${outdir}/${name}-entry.mjs`, entry(src));
    const outfile = `${outdir}/${name}.mjs`;
    const options = { bundle: true, platform: 'node', format: 'esm', target: 'node22', logLevel: 'warning' };
    await build({ entryPoints: [`${outdir}/${name}-entry.mjs`], outfile, ...options });
    return outfile;
  };
  rmSync(outdir, { recursive: true, force: true });
  mkdirSync(outdir, { recursive: true });
  const trees = [['this tree', await bundle('current', `${root}src`)]];
  const at = argv.indexOf('--baseline');
  if (at >= 0) {
    const ref = argv[at + 1];
    if (!ref) throw new Error('--baseline needs a git ref.');
    const archive = execFileSync('git', ['archive', '--format=tar', ref, 'src'], { cwd: root, maxBuffer: 1 << 28 });
    mkdirSync(`${outdir}/baseline`);
    execFileSync('tar', ['-x', '-C', `${outdir}/baseline`], { input: archive });
    trees.unshift([ref, await bundle('baseline', `${outdir}/baseline/src`)]);
  }
  return trees;
}
