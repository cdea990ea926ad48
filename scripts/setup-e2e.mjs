// `npm run setup:e2e`: builds the AWS Lambda runtime interface client (aws-lambda-ric, tools/ric) that the
// runtime end-to-end test runs the packaged forwarder under. Its install compiles curl and aws-lambda-cpp from
// the sources shipped in the package, then a Node-API addon with node-gyp: several minutes, CPU-heavy, once.
// This script checks the build tools first (and says which are missing and how to get them), builds the addon
// against the headers of the Node.js that runs it (the `node` development dependency, the major Lambda runs),
// shows the build's own output as it goes, and checks the built addon loads. What it runs:
//   aws-lambda-ric scripts/preinstall.sh  tar xJf, ./configure && make (curl), cmake && make (aws-lambda-cpp)
//   aws-lambda-ric scripts/postinstall.sh node-gyp rebuild (python3, make, a C++ compiler)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RIC_PREFIX = path.join(ROOT, 'tools/ric');
const ADDON = path.join(RIC_PREFIX, 'node_modules/aws-lambda-ric/rapid-client.node');

/** The build tools aws-lambda-ric 4.0.2's install scripts call, with the Debian/Ubuntu package that has each. */
const PREREQUISITES = [
  { commands: ['cmake3', 'cmake'], package: 'cmake', why: 'builds aws-lambda-cpp' },
  { commands: ['make'], package: 'make', why: 'builds curl, aws-lambda-cpp and the addon' },
  { commands: ['cc', 'gcc', 'clang'], package: 'gcc', why: 'compiles curl' },
  { commands: ['c++', 'g++', 'clang++'], package: 'g++', why: 'compiles aws-lambda-cpp and the addon' },
  { commands: ['python3'], package: 'python3', why: 'runs node-gyp' },
  { commands: ['xz'], package: 'xz-utils', why: 'unpacks the bundled curl and aws-lambda-cpp sources' },
];

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function missingPrerequisites() {
  return PREREQUISITES.filter((p) => !p.commands.some(has));
}

/** The headers of the running Node.js: the `node` package's platform package ships them in include/node. */
function nodeHeadersDir() {
  const platformPackage = path.join(ROOT, 'node_modules/node/node_modules', `node-${process.platform}-${process.arch}`);
  const dir = path.dirname(path.dirname(process.execPath));
  for (const candidate of [dir, platformPackage]) {
    if (existsSync(path.join(candidate, 'include/node/node_api.h'))) return candidate;
  }
  return undefined;
}

function main() {
  const step = (text) => console.log(`setup:e2e: ${text}`);
  step(`Node.js ${process.version} (${process.execPath}).`);
  const missing = missingPrerequisites();
  if (missing.length > 0) {
    for (const p of missing) console.error(`setup:e2e: missing ${p.commands.join(' or ')} (${p.why}).`);
    console.error(`setup:e2e: install them first, e.g. apt-get install -y ${missing.map((p) => p.package).join(' ')}`);
    process.exit(1);
  }
  step('build tools found: cmake, make, a C and C++ compiler, python3, xz.');
  const nodedir = nodeHeadersDir();
  if (nodedir === undefined) {
    console.error(`setup:e2e: no Node.js headers (include/node/node_api.h) next to ${process.execPath}.`);
    process.exit(1);
  }
  step(`building the addon against the headers in ${nodedir}.`);
  step('installing aws-lambda-ric into tools/ric: it compiles curl and aws-lambda-cpp, then the addon (minutes).');
  const npmCli = process.env['npm_execpath'];
  const npmArgs = ['ci', '--prefix', RIC_PREFIX, '--foreground-scripts', `--nodedir=${nodedir}`];
  const result = npmCli
    ? spawnSync(process.execPath, [npmCli, ...npmArgs], { stdio: 'inherit' })
    : spawnSync('npm', npmArgs, { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`setup:e2e: the install failed (exit ${result.status}); its output is above.`);
    process.exit(1);
  }
  // The addon must load in this Node.js, which is the one `npm run test:e2e` runs.
  createRequire(import.meta.url)(ADDON);
  const version = execFileSync(process.execPath, ['--version'], { encoding: 'utf8' }).trim();
  step(`done: ${path.relative(ROOT, ADDON)} loads under Node.js ${version}. Run \`npm run test:e2e\`.`);
}

main();
