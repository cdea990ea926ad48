// The Python side of the differential run: which interpreter (one with Debian's python3-boto3, python3-requests
// and python3-requests-futures), which source (aws/logs_monitoring of the Datadog Forwarder at a tag), and one
// case run in a fresh process by python-side.py.
import { execFileSync, spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

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

/** One python-side.py process for one version: it forks a fresh process for every case. */
export class PythonSide {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: ((line: string) => void)[] = [];

  constructor(
    python: string,
    folder: string,
    private readonly workdir: string,
  ) {
    this.child = spawn(python, [existsSync(LOCAL_SCRIPT) ? LOCAL_SCRIPT : SIDE_SCRIPT, folder], {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: os.tmpdir() },
    });
    this.child.stderr.pipe(process.stderr);
    createInterface({ input: this.child.stdout }).on('line', (line) => this.pending.shift()?.(line));
  }

  async run(
    env: Record<string, string>,
    input: { event: unknown; context: unknown },
    timeoutMs: number,
  ): Promise<PythonResult> {
    const result = path.join(this.workdir, `python-result-${process.pid}.json`);
    const stderr = path.join(this.workdir, `python-stderr-${process.pid}.txt`);
    rmSync(result, { force: true });
    const answer = new Promise<string>((resolve) => this.pending.push(resolve));
    this.child.stdin.write(JSON.stringify({ env, ...input, result, stderr, timeoutSeconds: timeoutMs / 1000 }) + '\n');
    const { status } = JSON.parse(await answer) as { status: number };
    const errors = existsSync(stderr) ? readFileSync(stderr, 'utf8') : '';
    if (!existsSync(result)) {
      const error =
        status === -1
          ? `TimeoutError: no result after ${timeoutMs} ms`
          : `python-side.py ended (${status}) with no result`;
      return { error, tracePayloads: [], stderr: errors };
    }
    return { ...(JSON.parse(readFileSync(result, 'utf8')) as Omit<PythonResult, 'stderr'>), stderr: errors };
  }

  close(): void {
    this.child.stdin.end();
  }
}

const LOCAL_SCRIPT = path.join(path.dirname(new URL(import.meta.url).pathname), 'python-side.py');
/** Where python-side.py is when the harness runs bundled from .build/differential. */
const SIDE_SCRIPT = path.resolve(
  path.dirname(new URL(import.meta.url).pathname),
  '..',
  '..',
  'scripts',
  'differential',
  'python-side.py',
);
