// The `forwarder` command line: one subcommand per job, each with --help.
import { errorMessage } from '../errors.js';
import { parseArgs, processIo, type Io } from './args.js';
import { DEMO_HELP, runDemo } from './demo.js';
import { INTAKE_HELP, runIntake } from './intake.js';
import { INVOKE_HELP, runInvoke } from './invoke.js';
import { runSubscribe } from './subscribe.js';

const HELP = `Usage: forwarder <command> [options]

Commands:
  demo        Run the handler on the bundled fixtures against an embedded local intake, and show what arrived.
  invoke      Run the handler on an event file (local intake by default, the real one with DD_API_KEY set).
  intake      Run the local capture intake alone, recording every request to a JSON-lines file.
  subscribe   Subscribe log groups (by prefix, pattern or tag) to the forwarder: a dry run unless --apply.

Run 'forwarder <command> --help' for a command's options.`;

type Env = Readonly<Record<string, string | undefined>>;

export async function main(argv: readonly string[], env: Env, root: string, io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const args = parseArgs(rest);
    const help = args.options.help === true;
    switch (command) {
      case 'demo':
        return help ? usage(io, DEMO_HELP) : await runDemo(root, io);
      case 'invoke': {
        const file = args.positional[0];
        if (help || file === undefined) return usage(io, INVOKE_HELP, file === undefined && !help);
        const timeout = args.options['timeout-seconds'];
        return await runInvoke(file, { timeoutSeconds: timeout ? Number(timeout) : undefined }, env, io);
      }
      case 'intake': {
        if (help) return usage(io, INTAKE_HELP);
        const { port, host, out } = args.options;
        return await runIntake({ port: port ? Number(port) : undefined, host: str(host), out: str(out) }, io);
      }
      case 'subscribe':
        // subscribe parses its own options (repeatable --prefix/--tag) and prints its own help.
        return await runSubscribe(rest, env, io.out);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        return usage(io, HELP);
      default:
        io.err(`Unknown command '${command}'.`);
        return usage(io, HELP, true);
    }
  } catch (error) {
    io.err(`forwarder ${command}: ${errorMessage(error)}`);
    return 1;
  }
}

function usage(io: Io, text: string, isError = false): number {
  (isError ? io.err : io.out)(text);
  return isError ? 2 : 0;
}

function str(value: string | true | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
