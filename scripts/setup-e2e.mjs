// `npm run setup:e2e`: builds the AWS Lambda runtime interface client (aws-lambda-ric, tools/ric) that the
// runtime end-to-end test runs the packaged forwarder under. Its install compiles curl and aws-lambda-cpp from
// the sources shipped in the package, then a Node-API addon with node-gyp: several minutes, CPU-heavy, once.
// This script checks the build tools first (and says which are missing and how to get them), builds the addon
// against the headers of the Node.js that runs it (the `node` development dependency, the major Lambda runs),
// shows the build's own output as it goes, and checks the built addon loads. What it runs:
//   aws-lambda-ric scripts/preinstall.sh  tar xJf, ./configure && make (curl), cmake && make (aws-lambda-cpp)
//   aws-lambda-ric scripts/postinstall.sh node-gyp rebuild (python3, make, a C++ compiler)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
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

/**
 * Whether the built addon loads in this Node.js, the one `npm run test:e2e` runs. It reads AWS_LAMBDA_RUNTIME_API
 * as it loads (and aborts the process without it), so it is loaded in a child process, as the runtime client would.
 */
function addonLoads() {
  if (!existsSync(ADDON)) return false;
  const check = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(ADDON)})`], {
    env: { ...process.env, AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001' },
    stdio: 'ignore',
  });
  return check.status === 0;
}

/** Whether tools/ric holds the aws-lambda-ric version its package-lock.json names. */
function installedIsLocked() {
  const read = (file) => JSON.parse(readFileSync(path.join(RIC_PREFIX, file), 'utf8'));
  try {
    const locked = read('package-lock.json').packages['node_modules/aws-lambda-ric'].version;
    return read('node_modules/aws-lambda-ric/package.json').version === locked;
  } catch {
    return false;
  }
}

function main() {
  const step = (text) => console.log(`setup:e2e: ${text}`);
  step(`Node.js ${process.version} (${process.execPath}).`);
  if (installedIsLocked() && addonLoads() && !process.argv.includes('--force')) {
    step(`${path.relative(ROOT, ADDON)} is built and loads under this Node.js: nothing to do (--force rebuilds).`);
    return;
  }
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
  if (!addonLoads()) {
    console.error(
      `setup:e2e: ${path.relative(ROOT, ADDON)} was built but does not load under Node.js ${process.version}.`,
    );
    process.exit(1);
  }
  step(`done: ${path.relative(ROOT, ADDON)} loads under Node.js ${process.version}. Run \`npm run test:e2e\`.`);
}

main();
