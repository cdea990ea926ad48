// `npm run package`: builds the bundles and writes the Lambda deployment package, dist/forwarder.zip, with the
// handlers and their source maps at the zip's root (Lambda's handler setting is `handler.handler`). Prints the
// size of each file and of the zip. Upload the zip to S3 and point the template's CodeS3Bucket/CodeS3Key at it.
// `--rules FILE` adds a routing rule file at the zip's root under its own name (docs/routing.md): set
// FORWARDER_ROUTING_RULES to that name.
// https://docs.aws.amazon.com/lambda/latest/dg/nodejs-package.html
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildBundles } from './build.mjs';
import { writeZip } from './lib/zip.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function packageForwarder(outdir = path.join(ROOT, 'dist'), rulesFile = undefined) {
  const files = await buildBundles(outdir);
  const entries = [];
  for (const file of files) entries.push({ name: file.name, data: await readFile(file.path) });
  if (rulesFile !== undefined) entries.push({ name: path.basename(rulesFile), data: await readFile(rulesFile) });
  const zip = writeZip(entries);
  const zipPath = path.join(outdir, 'forwarder.zip');
  await writeFile(zipPath, zip);
  return { files, zipPath, zipSizeBytes: zip.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const outIndex = process.argv.indexOf('--outdir');
  const rulesIndex = process.argv.indexOf('--rules');
  const rulesFile = rulesIndex > 0 ? path.resolve(process.argv[rulesIndex + 1]) : undefined;
  const result = await packageForwarder(outIndex > 0 ? path.resolve(process.argv[outIndex + 1]) : undefined, rulesFile);
  if (rulesFile)
    console.log(`${path.basename(rulesFile)}\trouting rules: set FORWARDER_ROUTING_RULES=${path.basename(rulesFile)}`);
  for (const file of result.files) console.log(`${file.name}\t${(file.sizeBytes / 1024).toFixed(1)} KiB`);
  console.log(`${path.relative(process.cwd(), result.zipPath)}\t${(result.zipSizeBytes / 1024).toFixed(1)} KiB`);
}
