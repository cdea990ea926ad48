// Runs the real entry point, `./forwarder …`, as a child process (as a user would, through the shell script and
// its bundle), and collects its exit code, stdout and stderr. The child's environment is only what is given, plus
// PATH and a HOME without AWS configuration, so no credentials or region of this machine leak in, and the EC2
// metadata service (the SDK's last credential source) is never asked. That HOME is an empty folder made for each
// run and removed when the child exits.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runForwarder(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runShell(['./forwarder', ...args.map(quote)].join(' '), env);
}

/** A command line as written in the docs, run by sh in the checkout. */
export function runShell(commandLine: string, env: Record<string, string> = {}): Promise<CliResult> {
  const home = mkdtempSync(join(tmpdir(), 'forwarder-cli-home-'));
  const removeHome = () => rmSync(home, { recursive: true, force: true });
  const child = spawn('sh', ['-c', commandLine], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: home,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', (error) => {
      removeHome();
      reject(error);
    });
    child.on('close', (code) => {
      removeHome();
      resolve({ code, stdout, stderr });
    });
  });
}

function quote(arg: string): string {
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
