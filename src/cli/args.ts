// Command-line options, one table per command, read with node:util's parseArgs: an unknown option, a missing
// value, a stray positional or a malformed value (not a number, negative, not one of the allowed words) is a
// UsageError naming it, which main.ts turns into exit code 2. Every table gets --help and --version.
// https://nodejs.org/api/util.html#utilparseargsconfig
import { parseArgs } from 'node:util';

/** A mistake in how a command was called: exit code 2, with the message and a pointer to --help. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type OptionSpec =
  | { readonly type: 'boolean'; readonly short?: string; readonly help: string }
  | {
      readonly type: 'string';
      readonly multiple?: boolean;
      readonly short?: string;
      /** How the value is checked: any text (default), a whole number ≥ 0 (or ≥ 1), or one of a few words. */
      readonly value?: 'text' | 'count' | 'positive' | readonly string[];
      readonly placeholder?: string;
      readonly help: string;
    };

export type OptionTable = Readonly<Record<string, OptionSpec>>;

interface CommandLine {
  readonly positionals: string[];
  readonly values: Readonly<Record<string, string | boolean | string[] | undefined>>;
}

const COMMON: OptionTable = {
  help: { type: 'boolean', short: 'h', help: 'show this help' },
  version: { type: 'boolean', help: "print the forwarder's version" },
};

/** Parses argv against the command's table; `maxPositionals` is how many positional arguments it takes. */
export function readCommandLine(table: OptionTable, argv: readonly string[], maxPositionals = 0): CommandLine {
  const options = Object.fromEntries(
    Object.entries({ ...table, ...COMMON }).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...(spec.short ? { short: spec.short } : {}),
        ...(spec.type === 'string' && spec.multiple ? { multiple: true } : {}),
      },
    ]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(plainParseError((error as Error).message));
  }
  const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
  if (values.help || values.version) return { positionals: parsed.positionals, values };
  if (parsed.positionals.length > maxPositionals) {
    const extra = parsed.positionals.slice(maxPositionals).map((p) => `'${p}'`);
    throw new UsageError(`unexpected argument${extra.length === 1 ? '' : 's'} ${extra.join(' ')}.`);
  }
  const problems: string[] = [];
  for (const [name, spec] of Object.entries(table)) {
    const value = values[name];
    if (spec.type !== 'string' || value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value as string]) {
      const problem = checkValue(name, spec.value ?? 'text', one);
      if (problem) problems.push(problem);
    }
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return { positionals: parsed.positionals, values };
}

function checkValue(name: string, kind: NonNullable<Extract<OptionSpec, { type: 'string' }>['value']>, value: string) {
  if (kind === 'text') return undefined;
  if (kind === 'count' || kind === 'positive') {
    const min = kind === 'count' ? 0 : 1;
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < min) {
      return `--${name} must be a whole number ${min === 0 ? '≥ 0' : '≥ 1'}, got '${value}'.`;
    }
    return undefined;
  }
  return kind.includes(value) ? undefined : `--${name} must be one of ${kind.join(', ')}, got '${value}'.`;
}

/** parseArgs's messages, without the hint meant for programs that call it ("To specify a positional..."). */
function plainParseError(message: string): string {
  return message.replace(/\. To specify a positional argument.*$/s, '.').replace(/^Unknown option/, 'unknown option');
}

/** A table's options as help text lines. */
export function describeOptions(table: OptionTable): string {
  const rows = Object.entries({ ...table, ...COMMON }).map(([name, spec]) => {
    const value = spec.type === 'string' ? ` ${spec.placeholder ?? placeholder(spec.value)}` : '';
    return [`  --${name}${value}`, spec.help] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length)) + 2;
  return rows.map(([left, help]) => left.padEnd(width) + help).join('\n');
}

function placeholder(kind: Extract<OptionSpec, { type: 'string' }>['value']): string {
  if (kind === 'count' || kind === 'positive') return 'N';
  if (Array.isArray(kind)) return kind.join('|');
  return 'VALUE';
}

/** Where a command writes: results on stdout, progress and problems on stderr, questions on a terminal. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  /**
   * Asks a yes/no question on the terminal; undefined when there is no terminal to ask on (stdin or stderr is
   * not a TTY), in which case a command that needs confirmation refuses unless --yes was given.
   */
  readonly confirm?: (question: string) => Promise<boolean>;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
  ...(process.stdin.isTTY && process.stderr.isTTY ? { confirm: askOnTerminal } : {}),
};

async function askOnTerminal(question: string): Promise<boolean> {
  const { createInterface } = await import('node:readline/promises');
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await terminal.question(`${question} [y/N] `)).trim());
  } finally {
    terminal.close();
  }
}
