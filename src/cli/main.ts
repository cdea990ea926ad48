// The `forwarder` command line: one command per job, each with its own option table, --help and --version.
// Exit codes: 0 done, 1 failed, 2 misused (unknown command or option, malformed value, missing argument).
import { errorMessage } from '../errors.js';
import { FORWARDER_VERSION } from '../version.js';
import { ACCOUNT_POLICY } from './account-policy.js';
import { processIo, readCommandLine, UsageError, type Io } from './args.js';
import { commandHelp, type Command } from './command.js';
import { DEMO } from './demo.js';
import { EXPLAIN } from './explain.js';
import { INTAKE } from './intake.js';
import { INVOKE } from './invoke.js';
import { SUBSCRIBE, UNSUBSCRIBE } from './subscribe.js';

const COMMANDS: readonly Command[] = [DEMO, INVOKE, EXPLAIN, INTAKE, SUBSCRIBE, UNSUBSCRIBE, ACCOUNT_POLICY];

const HELP = `Usage: forwarder <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(16)}${c.summary}`).join('\n')}

Run 'forwarder <command> --help' for a command's options; 'forwarder --version' for the version.`;

type Env = Readonly<Record<string, string | undefined>>;

export async function main(argv: readonly string[], env: Env, root: string, io: Io = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.out(HELP);
    return 0;
  }
  if (name === '--version' || name === 'version') {
    io.out(`forwarder ${FORWARDER_VERSION}`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`forwarder: unknown command '${name}'.${suggest(name)}`);
    io.err(HELP);
    return 2;
  }
  try {
    const line = readCommandLine(command.options, rest, command.positionals ?? 0);
    if (line.values.help) {
      io.out(commandHelp(command));
      return 0;
    }
    if (line.values.version) {
      io.out(`forwarder ${FORWARDER_VERSION}`);
      return 0;
    }
    return await command.run({ ...line, env, root, io });
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`forwarder ${name}: ${error.message}`);
      io.err(`Run 'forwarder ${name} --help' for its options.`);
      return 2;
    }
    io.err(`forwarder ${name}: ${errorMessage(error)}`);
    return 1;
  }
}

/** " Did you mean 'x'?" for a command one or two typos away, else nothing. */
function suggest(name: string): string {
  const close = COMMANDS.find((c) => distance(c.name, name) <= 2);
  return close ? ` Did you mean '${close.name}'?` : '';
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}
