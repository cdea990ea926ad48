// A `forwarder` command: its name, its help, its option table (args.ts) and what it runs.
import { describeOptions, type Io, type OptionTable } from './args.js';

export interface CommandContext {
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly positionals: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The repository checkout the command runs from (fixtures live there). */
  readonly root: string;
  readonly io: Io;
}

export interface Command {
  readonly name: string;
  /** One line, for `forwarder --help`. */
  readonly summary: string;
  /** What follows `forwarder <name>` in the usage line. */
  readonly usage: string;
  readonly description: string;
  readonly options: OptionTable;
  /** How many positional arguments it takes (default none). */
  readonly positionals?: number;
  /** The exit code: 0 done, 1 failed, 2 misused. */
  run(context: CommandContext): Promise<number>;
}

export function commandHelp(command: Command): string {
  return [
    `Usage: forwarder ${command.name}${command.usage ? ` ${command.usage}` : ''}`,
    '',
    command.description,
    '',
    'Options:',
    describeOptions(command.options),
  ].join('\n');
}
