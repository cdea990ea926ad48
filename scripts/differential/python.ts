// The Python side of the differential run: which interpreter (one with Debian's python3-boto3, python3-requests
// and python3-requests-futures), which source (aws/logs_monitoring of the Datadog Forwarder at a tag), and one
// case run in a fresh process by python-side.py.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

export const VERSIONS = { v5: '5.4.11', v3: '3.99.0' } as const;
export type PythonVersion = keyof typeof VERSIONS;

const NEEDED = 'import boto3, requests, requests_futures';

/** The given interpreter, else the first of /usr/bin/python3 and python3 that has the forwarder's dependencies. */
export function findPython(given: string | undefined): string {
  const candidates = given ? [given] : ['/usr/bin/python3', 'python3'];
  for (const candidate of candidates) {
    if (spawnSync(candidate, ['-c', NEEDED], { stdio: 'ignore' }).status === 0) return candidate;
  }
  throw new Error(
    `No Python interpreter with boto3, requests and requests_futures among ${candidates.join(', ')}. ` +
      'On Debian: apt-get install -y python3-boto3 python3-requests python3-requests-futures; ' +
      'or name one with --python <interpreter>.',
  );
}

/**
 * The aws/logs_monitoring folder of one version. `source` is either a git clone of the Datadog Forwarder's
 * repository (the folder is extracted at tag aws-dd-forwarder-<version> into `workdir`), or a folder that already
 * is aws/logs_monitoring at that version. The version is checked against its settings.py.
 */
export function forwarderFolder(source: string, version: PythonVersion, workdir: string): string {
  const wanted = VERSIONS[version];
  let folder = source;
  if (!existsSync(path.join(source, 'lambda_function.py'))) {
    const tree = path.join(workdir, `python-${wanted}`);
    rmSync(tree, { recursive: true, force: true });
    mkdirSync(tree, { recursive: true });
    const archive = execFileSync(
      'git',
      ['-C', source, 'archive', '--format=tar', `aws-dd-forwarder-${wanted}`, 'aws/logs_monitoring'],
      { maxBuffer: 1 << 28 },
    );
    execFileSync('tar', ['-x', '-C', tree], { input: archive });
    folder = path.join(tree, 'aws', 'logs_monitoring');
  }
  const settings = readFileSync(path.join(folder, 'settings.py'), 'utf8');
  const found = /DD_FORWARDER_VERSION = "([^"]+)"/.exec(settings)?.[1];
  if (found !== wanted) throw new Error(`${folder} is the Datadog Forwarder ${found ?? '(unknown)'}, not ${wanted}.`);
  return folder;
}

export interface PythonResult {
  readonly error: string | null;
  readonly traceback?: string;
  /** What the forwarder handed its trace library: [{ message, tags }]. */
  readonly tracePayloads: { message: string; tags: string }[];
  readonly stderr: string;
}

export async function runPythonCase(
  python: string,
  folder: string,
  env: Record<string, string>,
  input: { event: unknown; context: unknown },
  resultPath: string,
  timeoutMs: number,
): Promise<PythonResult> {
  const script = path.join(path.dirname(new URL(import.meta.url).pathname), 'python-side.py');
  const child = spawn(python, [existsSync(script) ? script : SIDE_SCRIPT, folder, resultPath], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString('utf8')));
  child.stdout.resume();
  child.stdin.end(JSON.stringify(input));
  // The Datadog Forwarder's own patterns can backtrack for ever too: a stuck case is stopped, and says so.
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  if (!existsSync(resultPath)) {
    return {
      error:
        code === null
          ? `TimeoutError: no result after ${timeoutMs} ms`
          : `python-side.py exited with ${code} and no result`,
      tracePayloads: [],
      stderr,
    };
  }
  const result = JSON.parse(readFileSync(resultPath, 'utf8')) as Omit<PythonResult, 'stderr'>;
  rmSync(resultPath);
  return { ...result, stderr };
}

/** Where python-side.py is when the harness runs bundled from .build/differential. */
const SIDE_SCRIPT = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
  '..',
  'scripts',
  'differential',
  'python-side.py',
);
