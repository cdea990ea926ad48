// A small command-line argument parser: positional arguments and `--name value` / `--flag` options.

export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Record<string, string | true>;
}

export function parseArgs(argv: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options: Record<string, string | true> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '-h') options.help = true;
    else if (!arg.startsWith('--')) positional.push(arg);
    else {
      const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
      if (inline !== undefined) options[name] = inline;
      else if (flags.includes(name) || name === 'help') options[name] = true;
      else {
        const value = argv[i + 1];
        if (value === undefined) throw new Error(`--${name} needs a value.`);
        options[name] = value;
        i++;
      }
    }
  }
  return { positional, options };
}

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

export const processIo: Io = {
  out: (line) => process.stdout.write(line + '\n'),
  err: (line) => process.stderr.write(line + '\n'),
};
